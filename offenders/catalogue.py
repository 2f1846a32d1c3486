"""The seeded offence catalogue with Cambridge Crime Harm Index weights (docs/offenders.md).

``harm_days`` follows the CHI method (Sherman, Neyroud & Neyroud 2016; DOMAIN.md §4): days of
imprisonment at the Sentencing Council guideline starting point for a single offence by an
adult first-time offender, taking the least serious category of the guideline. Where that
starting point is a community order, the ONS Crime Severity Score equivalences are used
(low / medium / high community order = 8 / 15 / 30 days). Where it is a fine, the weight is
the days of minimum-wage work needed to pay it: the fine band's share of the guideline's
default relevant weekly income (£440) divided by a day's pay at the National Living Wage
(£12.21 × 8 hours = £97.68 from April 2025), i.e. Band A 2.25, Band B 4.50, Band C 6.76.

Each entry's ``harm_source`` says which guideline and category the figure comes from;
"UNCONFIRMED" marks a starting point recalled from the guideline rather than read from a
retrieved copy of it during research. Used by the data migration (idempotent, by code).
"""

from __future__ import annotations

from decimal import Decimal

CO_LOW, CO_MEDIUM, CO_HIGH = Decimal("8"), Decimal("15"), Decimal("30")
BAND_A, BAND_B, BAND_C = Decimal("2.25"), Decimal("4.50"), Decimal("6.76")

SC = "Sentencing Council"
FINE = "fine → days of NLW work (docs/offenders.md)"
CSS = "CSS community-order equivalence"


def _days(years: float = 0, months: float = 0) -> Decimal:
    return Decimal(round(years * 365 + months * 30.4375))


# (code, name, category, neighbourhood_crime, harm_days, harm_source)
OFFENCE_CATALOGUE: list[tuple[str, str, str, bool, Decimal, str]] = [
    (
        "murder",
        "Murder",
        "indictable_only",
        False,
        _days(15),
        "Sentencing Act 2020 Sch 21 para 5: 15-year minimum term starting point (CHI 5,475 days)",
    ),
    (
        "manslaughter",
        "Manslaughter (unlawful act)",
        "indictable_only",
        False,
        _days(2),
        f"{SC} unlawful act manslaughter, culpability D starting point 2 years — UNCONFIRMED",
    ),
    (
        "gbh-s18",
        "Causing grievous bodily harm with intent (s.18)",
        "indictable_only",
        False,
        _days(4),
        f"{SC} s.18 GBH (2021), culpability B harm 3 starting point 4 years — UNCONFIRMED",
    ),
    (
        "gbh-s20",
        "Inflicting grievous bodily harm / unlawful wounding (s.20)",
        "either_way",
        False,
        CO_HIGH,
        f"{SC} s.20 GBH (2021), culpability C harm 3: high-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "abh",
        "Assault occasioning actual bodily harm (s.47)",
        "either_way",
        False,
        CO_MEDIUM,
        f"{SC} s.47 ABH (2021), culpability C harm 3: medium-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "common-assault",
        "Common assault",
        "summary",
        False,
        BAND_A,
        f"{SC} common assault (2021), culpability C harm 3: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "assault-emergency-worker",
        "Assault on an emergency worker",
        "either_way",
        False,
        CO_LOW,
        f"{SC} assault on emergency worker (2021), C3: low-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "sexual-assault",
        "Sexual assault",
        "either_way",
        False,
        CO_MEDIUM,
        f"{SC} sexual assault (s.3 SOA 2003), category 3B: medium-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "rape",
        "Rape",
        "indictable_only",
        False,
        _days(5),
        f"{SC} rape (s.1 SOA 2003), category 3B starting point 5 years (CHI 1,825 days) — UNCONFIRMED",
    ),
    (
        "robbery-personal",
        "Robbery of personal property (street)",
        "indictable_only",
        True,
        _days(1),
        f"{SC} robbery – street and less sophisticated commercial (2016), C3 starting point 1 year "
        "(offence range community order – 12 years confirmed)",
    ),
    (
        "robbery-dwelling",
        "Robbery in a dwelling",
        "indictable_only",
        True,
        _days(3),
        f"{SC} robbery – dwelling (2016), C3 starting point 3 years — UNCONFIRMED",
    ),
    (
        "burglary-dwelling",
        "Burglary – dwelling (domestic burglary)",
        "either_way",
        True,
        CO_HIGH,
        f"{SC} domestic burglary (2022), culpability C harm 3: high-level community order; {CSS} "
        "(CHI May 2023 update follows the 2022 guideline) — UNCONFIRMED",
    ),
    (
        "aggravated-burglary",
        "Aggravated burglary",
        "indictable_only",
        True,
        _days(2),
        f"{SC} aggravated burglary (2022), C3 starting point 2 years — UNCONFIRMED",
    ),
    (
        "burglary-non-dwelling",
        "Burglary – non-dwelling",
        "either_way",
        False,
        CO_LOW,
        f"{SC} non-domestic burglary (2022), C3: low-level community order; {CSS} "
        "(offence range discharge – 5 years confirmed) — UNCONFIRMED",
    ),
    (
        "theft-from-person",
        "Theft from the person",
        "either_way",
        True,
        BAND_B,
        f"{SC} theft (general, 2016), theft from the person raised to harm 3, culpability C: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "theft-of-vehicle",
        "Theft of a motor vehicle",
        "either_way",
        True,
        BAND_B,
        f"{SC} theft (general, 2016), culpability C harm 3 (£500–£10,000): Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "theft-from-vehicle",
        "Theft from a motor vehicle",
        "either_way",
        True,
        BAND_A,
        f"{SC} theft (general, 2016), culpability C harm 4: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "aggravated-vehicle-taking",
        "Aggravated vehicle taking",
        "either_way",
        True,
        CO_MEDIUM,
        f"{SC} MCSG aggravated vehicle-taking (damage under £5,000): medium-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "shoplifting",
        "Theft from a shop or stall",
        "either_way",
        False,
        BAND_B,
        f"{SC} theft from a shop or stall (2016), culpability C harm 3: Band B fine; {FINE} "
        "(offence range discharge – 3 years confirmed) — UNCONFIRMED",
    ),
    (
        "theft-general",
        "Theft (other)",
        "either_way",
        False,
        BAND_A,
        f"{SC} theft (general, 2016), culpability C harm 4: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "making-off",
        "Making off without payment",
        "either_way",
        False,
        BAND_A,
        f"{SC} making off without payment (2016), C3: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "handling-stolen-goods",
        "Handling stolen goods",
        "either_way",
        False,
        BAND_B,
        f"{SC} handling stolen goods (2016), culpability C harm 4: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "going-equipped",
        "Going equipped for theft or burglary",
        "either_way",
        False,
        BAND_B,
        f"{SC} going equipped (2016), lowest category: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "fraud-false-representation",
        "Fraud by false representation",
        "either_way",
        False,
        BAND_B,
        f"{SC} fraud (2014), category 5 culpability C: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "criminal-damage",
        "Criminal damage (under £5,000)",
        "either_way",
        False,
        BAND_A,
        f"{SC} criminal damage under £5,000 (2019), culpability B harm 3: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "arson",
        "Arson (not endangering life)",
        "either_way",
        False,
        CO_HIGH,
        f"{SC} arson (2019), culpability C harm 3: high-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "possession-class-a",
        "Possession of a controlled drug – class A",
        "either_way",
        False,
        BAND_C,
        f"{SC} drug possession (2021), class A category 3: Band C fine; {FINE} — UNCONFIRMED",
    ),
    (
        "possession-class-b",
        "Possession of a controlled drug – class B",
        "either_way",
        False,
        BAND_B,
        f"{SC} drug possession (2021), class B category 3: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "supply-class-a",
        "Supply of a controlled drug – class A",
        "either_way",
        False,
        CO_HIGH,
        f"{SC} supply (2021), class A category 4 lesser role: high-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "supply-class-b",
        "Supply of a controlled drug – class B",
        "either_way",
        False,
        CO_LOW,
        f"{SC} supply (2021), class B category 4 lesser role: low-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "bladed-article",
        "Possession of a bladed article in a public place",
        "either_way",
        False,
        CO_HIGH,
        f"{SC} bladed articles (2018), culpability B harm 2: high-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "public-order-s4",
        "Fear or provocation of violence (Public Order Act s.4)",
        "summary",
        False,
        BAND_B,
        f"{SC} s.4 Public Order Act (2020), lowest category: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "public-order-s5",
        "Harassment, alarm or distress (Public Order Act s.5)",
        "summary",
        False,
        BAND_A,
        f"{SC} s.5 Public Order Act (2020), fine-only offence, lowest category: Band A fine; {FINE} — UNCONFIRMED",
    ),
    (
        "harassment",
        "Harassment (without violence)",
        "summary",
        False,
        BAND_B,
        f"{SC} harassment/stalking s.2/s.2A (2018), culpability C harm 3: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "stalking",
        "Stalking",
        "summary",
        False,
        BAND_B,
        f"{SC} harassment/stalking s.2/s.2A (2018), culpability C harm 3: Band B fine; {FINE} — UNCONFIRMED",
    ),
    (
        "coercive-control",
        "Controlling or coercive behaviour",
        "either_way",
        False,
        CO_HIGH,
        f"{SC} controlling or coercive behaviour (2018), C3: high-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "breach-court-order",
        "Breach of a court order (restraining or non-molestation)",
        "either_way",
        False,
        CO_MEDIUM,
        f"{SC} breach of a protective order (2018), C3: medium-level community order; {CSS} — UNCONFIRMED",
    ),
    (
        "drink-driving",
        "Driving with excess alcohol",
        "summary",
        False,
        BAND_C,
        f"{SC} MCSG excess alcohol (drive), lowest band: Band C fine; {FINE} — UNCONFIRMED",
    ),
]


def seed_offence_types(offence_type_model) -> int:
    """Create or update the catalogue rows by code. Running it twice changes nothing."""
    for code, name, category, neighbourhood, harm_days, source in OFFENCE_CATALOGUE:
        offence_type_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "neighbourhood_crime": neighbourhood,
                "harm_days": harm_days,
                "harm_source": source[:300],
            },
        )
    return len(OFFENCE_CATALOGUE)
