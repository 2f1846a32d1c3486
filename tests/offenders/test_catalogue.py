from decimal import Decimal

from offenders.catalogue import OFFENCE_CATALOGUE, seed_offence_types
from offenders.choices import OffenceCategory
from offenders.models import OffenceType


def test_the_catalogue_is_seeded_by_the_migration(db):
    assert OffenceType.objects.count() == len(OFFENCE_CATALOGUE) >= 30
    murder = OffenceType.objects.get(code="murder")
    assert murder.harm_days == Decimal("5475")
    assert murder.category == OffenceCategory.INDICTABLE_ONLY


def test_every_weight_says_where_it_came_from(db):
    for offence_type in OffenceType.objects.all():
        assert offence_type.harm_source, offence_type.code
        assert offence_type.harm_days > 0


def test_neighbourhood_crime_is_burglary_robbery_vehicle_crime_and_theft_from_the_person(db):
    flagged = set(
        OffenceType.objects.filter(neighbourhood_crime=True).values_list("code", flat=True)
    )
    assert {
        "burglary-dwelling",
        "robbery-personal",
        "theft-from-person",
        "theft-of-vehicle",
    } <= flagged
    assert not flagged & {"shoplifting", "common-assault", "possession-class-a", "murder"}


def test_seeding_twice_changes_nothing_and_restores_edited_weights(db):
    OffenceType.objects.filter(code="shoplifting").update(harm_days=99)
    before = OffenceType.objects.count()
    seed_offence_types(OffenceType)
    seed_offence_types(OffenceType)
    assert OffenceType.objects.count() == before
    assert OffenceType.objects.get(code="shoplifting").harm_days == Decimal("4.50")


def test_weights_rank_harm_sensibly(db):
    days = dict(OffenceType.objects.values_list("code", "harm_days"))
    assert days["murder"] > days["rape"] > days["gbh-s18"] > days["robbery-personal"]
    assert days["robbery-personal"] > days["burglary-dwelling"] > days["shoplifting"]
    assert days["abh"] > days["common-assault"]
