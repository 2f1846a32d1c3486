from accounts.demo import load_demo_users
from offenders import demo
from offenders.duplicates import possible_duplicates
from offenders.models import Address, Alias, Marker, Offence, Offender


def _counts():
    return [m.objects.count() for m in (Offender, Alias, Address, Marker, Offence)]


def test_demo_people_have_histories_and_a_second_run_changes_nothing(db, monkeypatch):
    monkeypatch.setattr(demo, "DEMO_PEOPLE_PER_FORCE", {"suffolk": 30, "norfolk": 10})
    load_demo_users()
    demo.load_demo_people()
    first = _counts()
    demo.load_demo_people()
    assert _counts() == first
    people, _aliases, addresses, _markers, offences = first
    assert people == 40 + 1 + demo.DEMO_DUPLICATES  # + the search hint's John Smith
    assert addresses >= 40 and offences >= 40
    assert Address.objects.current().count() <= people


def test_demo_duplicates_are_found_as_possible_duplicates(db, monkeypatch):
    monkeypatch.setattr(demo, "DEMO_PEOPLE_PER_FORCE", {"suffolk": 30, "norfolk": 10})
    demo.load_demo_people()
    copy = Offender.objects.filter(pnc_id__isnull=True).first()
    found = possible_duplicates(copy, Offender.objects.live())
    assert found and found[0].offender.date_of_birth == copy.date_of_birth


def test_each_example_in_the_search_hint_finds_the_demo_john_smith(db, monkeypatch):
    from offenders.search import search

    monkeypatch.setattr(demo, "DEMO_PEOPLE_PER_FORCE", {"suffolk": 5, "norfolk": 5})
    load_demo_users()
    demo.load_demo_people()
    for example in ("jon smyth 1990", "2008/0056560Z", "17/05/1990", "17 May 1990"):
        found = search(Offender.objects.live(), example)
        assert [p.pnc_id for p in found][:1] == ["2008/0056560Z"], example
