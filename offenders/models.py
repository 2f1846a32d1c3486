"""Nominal records: the people a force manages. Every other app hangs its records here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import age_on
from offenders.choices import OffenceCategory
from offenders.names import name_keys, normalise


class Gender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class Ethnicity(models.TextChoices):
    """Self-defined ethnicity, 18+1 (DOMAIN.md §11)."""

    W1 = "W1", "White – English, Welsh, Scottish, Northern Irish or British"
    W2 = "W2", "White – Irish"
    W3 = "W3", "White – Gypsy or Irish Traveller"
    W4 = "W4", "White – Roma"
    W9 = "W9", "White – any other White background"
    M1 = "M1", "Mixed – White and Black Caribbean"
    M2 = "M2", "Mixed – White and Black African"
    M3 = "M3", "Mixed – White and Asian"
    M9 = "M9", "Mixed – any other Mixed or multiple background"
    A1 = "A1", "Asian – Indian"
    A2 = "A2", "Asian – Pakistani"
    A3 = "A3", "Asian – Bangladeshi"
    A4 = "A4", "Asian – Chinese"
    A9 = "A9", "Asian – any other Asian background"
    B1 = "B1", "Black – Caribbean"
    B2 = "B2", "Black – African"
    B9 = "B9", "Black – any other Black, Black British or Caribbean background"
    O2 = "O2", "Other – Arab"
    O9 = "O9", "Other – any other ethnic group"
    NS = "NS", "Not stated"


class OfficerEthnicity(models.TextChoices):
    """Officer-defined ethnicity (DOMAIN.md §11)."""

    IC1 = "IC1", "IC1 – White, North European"
    IC2 = "IC2", "IC2 – White, South European"
    IC3 = "IC3", "IC3 – Black"
    IC4 = "IC4", "IC4 – Asian"
    IC5 = "IC5", "IC5 – Chinese, Japanese or South-East Asian"
    IC6 = "IC6", "IC6 – Arab or North African"
    IC0 = "IC0", "IC0 – Unknown"


class OutcomeCode(models.TextChoices):
    """Home Office crime outcome types (DOMAIN.md §3.4)."""

    CHARGED = "1", "1 – Charged or summonsed"
    CHARGED_ALTERNATIVE = "1A", "1A – Charged or summonsed, alternative offence"
    YOUTH_CAUTION = "2", "2 – Caution, youths"
    ADULT_CAUTION = "3", "3 – Caution, adults"
    TIC = "4", "4 – Taken into consideration"
    DIED = "5", "5 – Offender has died"
    PND = "6", "6 – Penalty Notice for Disorder"
    DRUGS_WARNING = "7", "7 – Cannabis or khat warning"
    COMMUNITY_RESOLUTION = "8", "8 – Community resolution"
    CPS_NOT_PUBLIC_INTEREST = "9", "9 – Prosecution not in the public interest (CPS)"
    POLICE_NOT_PUBLIC_INTEREST = "10", "10 – Formal action not in the public interest (police)"
    BELOW_AGE = "11", "11 – Prosecution prevented: below the age of criminal responsibility"
    SUSPECT_ILL = "12", "12 – Prosecution prevented: suspect too ill"
    VICTIM_ILL = "13", "13 – Prosecution prevented: victim or key witness dead or too ill"
    EVIDENTIAL_NO_SUSPECT = "14", "14 – Evidential difficulties: victim does not support"
    EVIDENTIAL_SUPPORTED = "15", "15 – Evidential difficulties: victim supports action"
    VICTIM_WITHDRAWS = "16", "16 – Victim does not support or withdraws support"
    TIME_EXPIRED = "17", "17 – Prosecution time limit expired"
    NO_SUSPECT = "18", "18 – Investigation complete, no suspect identified"
    NFIB = "19", "19 – National Fraud Intelligence Bureau filed"
    OTHER_AGENCY = "20", "20 – Action undertaken by another body or agency"
    NOT_PUBLIC_INTEREST_FURTHER = "21", "21 – Further investigation not in the public interest"
    DIVERSION = "22", "22 – Diversionary, educational or intervention activity"


CHARGED_OUTCOMES = {OutcomeCode.CHARGED, OutcomeCode.CHARGED_ALTERNATIVE}


class OffenceType(models.Model):
    """The offence catalogue: harm weight, seriousness, and the neighbourhood-crime flag.

    ``harm_days`` is the Cambridge Crime Harm Index weight: days of imprisonment at the
    sentencing-guideline starting point for a first-time offender (DOMAIN.md §4).
    ``harm_source`` says where the figure came from.
    """

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=OffenceCategory.choices)
    harm_days = models.DecimalField(max_digits=9, decimal_places=2)
    neighbourhood_crime = models.BooleanField(
        default=False, help_text="Burglary, robbery, vehicle crime or theft from the person."
    )
    harm_source = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


SEARCH_KEY_FIELDS = [
    "first_norm",
    "last_norm",
    "first_metaphone",
    "last_metaphone",
    "first_soundex",
    "last_soundex",
    "first_skeleton",
    "last_skeleton",
]


# Saving any of these recomputes the search keys (and every name of the person).
NAME_FIELDS = {"first_name", "middle_names", "last_name", "search_text"}


class OffenderQuerySet(models.QuerySet):
    def live(self) -> OffenderQuerySet:
        """People not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Offender(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="offenders")
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    pnc_id = models.CharField("PNC ID", max_length=13, null=True, blank=True, unique=True)
    cro_number = models.CharField("CRO number", max_length=20, blank=True)
    ethnicity = models.CharField(
        "Self-defined ethnicity", max_length=2, choices=Ethnicity.choices, default=Ethnicity.NS
    )
    officer_ethnicity = models.CharField(
        "Officer-defined ethnicity",
        max_length=3,
        choices=OfficerEthnicity.choices,
        default=OfficerEthnicity.IC0,
    )
    home_area = models.ForeignKey(
        "accounts.PolicingArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
    )
    # A recorded prison status: enough for cohorts to count the person as in custody.
    in_prison_since = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    # A restricted person (e.g. a member of staff who is also a nominal) is visible only to
    # the named users: nobody else can find them, not even by search.
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_people"
    )
    restriction_reason = models.CharField(max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merge_reason = models.CharField(max_length=500, blank=True)

    # Search keys (offenders/names.py), derived from the names on every save.
    first_norm = models.CharField(max_length=100, blank=True, editable=False)
    last_norm = models.CharField(max_length=100, blank=True, editable=False)
    first_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    last_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    first_soundex = models.CharField(max_length=4, blank=True, editable=False)
    last_soundex = models.CharField(max_length=4, blank=True, editable=False)
    first_skeleton = models.CharField(max_length=30, blank=True, editable=False)
    last_skeleton = models.CharField(max_length=30, blank=True, editable=False)
    # Every name the person is known by, normalised: trigram similarity on PostgreSQL.
    search_text = models.CharField(max_length=1000, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=[*SEARCH_KEY_FIELDS, "search_text"])
    objects = OffenderQuerySet.as_manager()

    # Set by offenders.search on the people it returns (0..1, best match 1); not stored.
    search_score: float = 0.0

    class Meta:
        ordering = ["last_name", "first_name", "date_of_birth"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="offender_name_idx"),
            models.Index(fields=["force", "last_norm"], name="offender_last_norm_idx"),
            models.Index(fields=["force", "first_norm"], name="offender_first_norm_idx"),
            models.Index(fields=["force", "last_metaphone"], name="offender_last_mp_idx"),
            models.Index(fields=["force", "first_metaphone"], name="offender_first_mp_idx"),
            models.Index(fields=["force", "last_soundex"], name="offender_last_sx_idx"),
            models.Index(fields=["force", "first_soundex"], name="offender_first_sx_idx"),
            models.Index(fields=["force", "last_skeleton"], name="offender_last_sk_idx"),
            models.Index(fields=["force", "first_skeleton"], name="offender_first_sk_idx"),
            models.Index(fields=["force", "date_of_birth"], name="offender_dob_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(pnc_id=""), name="offender_pnc_not_blank"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # The keys are derived data, not behaviour: deriving them here means no write path
        # (service, admin, test factory) can leave a person unfindable. bulk_create callers
        # (bench/generate) call set_search_keys() themselves.
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.set_search_keys()
        elif set(update_fields) & NAME_FIELDS:
            self.set_search_keys()
            kwargs["update_fields"] = {*update_fields, *SEARCH_KEY_FIELDS, "search_text"}
        super().save(*args, **kwargs)

    def set_search_keys(self, alias_names: list[str] | None = None) -> None:
        for field, value in name_keys(self.first_name, self.last_name).items():
            setattr(self, field, value)
        if alias_names is None:
            alias_names = (
                [f"{a.first_name} {a.last_name}" for a in self.aliases.all()] if self.pk else []
            )
        words = [self.first_name, self.middle_names, self.last_name, *alias_names]
        self.search_text = " ".join(
            normalise(w) for name in words for w in name.split() if normalise(w)
        )[:1000]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_names, self.last_name) if p)

    def age_on(self, day) -> int:
        return age_on(self.date_of_birth, day)


class Offence(models.Model):
    """One offence in a person's history, with its Home Office outcome."""

    offender = models.ForeignKey(Offender, on_delete=models.PROTECT, related_name="offences")
    offence_type = models.ForeignKey(OffenceType, on_delete=models.PROTECT, related_name="offences")
    committed_on = models.DateField()
    area = models.ForeignKey(
        "accounts.PolicingArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=3, choices=OutcomeCode.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-committed_on", "-pk"]
        indexes = [models.Index(fields=["offender", "committed_on"], name="offence_history_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | Q(outcome_on__gte=models.F("committed_on")),
                name="offence_outcome_after_offence",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offence_type} on {self.committed_on:%d %b %Y}"

    @property
    def charged(self) -> bool:
        return self.outcome in CHARGED_OUTCOMES


class AliasKind(models.TextChoices):
    ALIAS = "alias", "Alias"
    PREVIOUS_NAME = "previous_name", "Previous name"
    MERGED = "merged", "Name from a merged record"


class Alias(models.Model):
    """Another name the person is known by (an alias, a previous name, a merged record's)."""

    offender = models.ForeignKey(Offender, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.ALIAS)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    first_norm = models.CharField(max_length=100, blank=True, editable=False)
    last_norm = models.CharField(max_length=100, blank=True, editable=False)
    first_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    last_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    first_soundex = models.CharField(max_length=4, blank=True, editable=False)
    last_soundex = models.CharField(max_length=4, blank=True, editable=False)
    first_skeleton = models.CharField(max_length=30, blank=True, editable=False)
    last_skeleton = models.CharField(max_length=30, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=SEARCH_KEY_FIELDS)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "aliases"
        indexes = [
            models.Index(fields=["last_norm"], name="alias_last_norm_idx"),
            models.Index(fields=["first_norm"], name="alias_first_norm_idx"),
            models.Index(fields=["last_metaphone"], name="alias_last_mp_idx"),
            models.Index(fields=["first_metaphone"], name="alias_first_mp_idx"),
            models.Index(fields=["last_soundex"], name="alias_last_sx_idx"),
            models.Index(fields=["first_soundex"], name="alias_first_sx_idx"),
            models.Index(fields=["last_skeleton"], name="alias_last_sk_idx"),
            models.Index(fields=["first_skeleton"], name="alias_first_sk_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # Derived search keys, as for Offender.save().
        self.set_search_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_KEY_FIELDS}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def set_search_keys(self) -> None:
        for field, value in name_keys(self.first_name, self.last_name).items():
            setattr(self, field, value)


class AddressQuerySet(models.QuerySet):
    def current(self) -> AddressQuerySet:
        return self.filter(to_date__isnull=True)


class Address(models.Model):
    """One address in a person's history; the current one has no ``to_date``."""

    offender = models.ForeignKey(Offender, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField("Address line 1", max_length=200)
    line2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100)
    postcode = models.CharField(max_length=10)
    from_date = models.DateField("Lived here from")
    to_date = models.DateField("Lived here until", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = AddressQuerySet.as_manager()

    class Meta:
        ordering = ["-from_date", "-pk"]
        verbose_name_plural = "addresses"
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=models.F("from_date")),
                name="address_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line1, self.line2, self.town, self.postcode) if p)

    @property
    def is_current(self) -> bool:
        return self.to_date is None


class MarkerKind(models.TextChoices):
    """PNC-style warning markers: what an officer must know before dealing with the person."""

    VIOLENCE = "violence", "Violent"
    WEAPONS = "weapons", "Weapons"
    FIREARMS = "firearms", "Firearms"
    SELF_HARM = "self_harm", "Self-harm"
    SUICIDAL = "suicidal", "Suicidal"
    MENTAL_HEALTH = "mental_health", "Mental health"
    ESCAPE_RISK = "escape_risk", "Escape risk"
    DRUGS = "drugs", "Drugs"
    CONCEALS = "conceals", "Conceals items"
    CONTAGION = "contagion", "Contagious disease"
    ALLEGES = "alleges", "Makes allegations"
    EXPLOSIVES = "explosives", "Explosives"


class MarkerQuerySet(models.QuerySet):
    def active(self) -> MarkerQuerySet:
        return self.filter(removed_on__isnull=True)


class Marker(models.Model):
    offender = models.ForeignKey(Offender, on_delete=models.CASCADE, related_name="markers")
    kind = models.CharField(max_length=20, choices=MarkerKind.choices)
    details = models.CharField(max_length=500, blank=True)
    added_on = models.DateField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = MarkerQuerySet.as_manager()

    class Meta:
        ordering = ["-added_on", "-pk"]
        indexes = [models.Index(fields=["kind", "offender"], name="marker_kind_idx")]

    def __str__(self) -> str:
        return self.get_kind_display()
