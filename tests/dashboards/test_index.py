import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "supervisor",
            [
                "Custody",
                "Bail and released under investigation",
                "Out-of-court disposals",
                "Integrated Offender Management",
                "Public protection",
                "Partners and pathways",
                "Wanted persons and outstanding suspects",
                "Domestic abuse: DAPU programme and protection notices",
                "Accountability and Performance Panel report",
            ],
        ),
        (
            "analyst",
            [
                "Custody",
                "Bail and released under investigation",
                "Out-of-court disposals",
                "Integrated Offender Management",
                "Partners and pathways",
                "Wanted persons and outstanding suspects",
                "Domestic abuse: DAPU programme and protection notices",
                "Accountability and Performance Panel report",
            ],
        ),
        ("custody_inspector", ["Custody"]),
        ("scrutiny_member", ["Published panel reports"]),
        ("iom_officer", ["Integrated Offender Management", "Partners and pathways"]),
    ],
)
def test_the_index_lists_the_dashboards_a_role_may_open(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/dashboards/")
    assert response.status_code == 200
    assert [d["title"] for d in response.context["dashboards"]] == expected
    for d in response.context["dashboards"]:
        assert client.get(d["url"]).status_code == 200


@pytest.fixture
def scrutiny_member(db):
    from tests.factories import UserFactory

    return UserFactory(username="scrutiny.sam", rank="staff", roles=["scrutiny_panel"])


@pytest.mark.django_db
def test_a_role_with_no_dashboard_is_refused(client, investigator):
    client.force_login(investigator)
    assert client.get("/dashboards/").status_code == 403
