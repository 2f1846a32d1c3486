import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import ApiToken, Team, User
from audit.models import AccessEvent
from deadlines import services as deadlines
from deadlines.models import Deadline
from tests.factories import UserFactory, force


def new_user_data(**overrides):
    data = {
        "username": "new.officer",
        "first_name": "Nia",
        "last_name": "Jones",
        "email": "nia@police.example",
        "rank": "constable",
        "roles": ["investigator"],
        "password": "a-long-enough-passphrase",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_an_admin_creates_a_user_with_roles_and_teams(client, admin_user):
    client.force_login(admin_user)
    team = Team.objects.get(force__code="suffolk", code="iom")
    response = client.post("/users/new/", new_user_data(roles=["iom_officer"], teams=[team.pk]))
    assert response.status_code == 302
    created = User.objects.get(username="new.officer")
    assert created.role_names() == {"iom_officer"} and list(created.teams.all()) == [team]
    assert created.force.code == "suffolk"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"roles": []}, "roles"),
        ({"password": "short"}, "password"),
        ({"rank": "general"}, "rank"),
        ({"username": "bad name!"}, "username"),
    ],
)
def test_user_creation_refuses_bad_input_field_by_field(client, admin_user, overrides, field):
    client.force_login(admin_user)
    response = client.post("/users/new/", new_user_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(username=new_user_data(**overrides)["username"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["investigator", "supervisor", "custody_sergeant"])
def test_only_admins_manage_users(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/users/").status_code == 403
    assert client.post("/users/new/", new_user_data()).status_code == 403


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_shows_the_current_values(client, admin_user, investigator):
    client.force_login(admin_user)
    form = {
        **new_user_data(username=investigator.username, roles=["investigator"]),
        "password": "",
        "version": investigator.version,
    }
    assert (
        client.post(f"/users/{investigator.pk}/", {**form, "rank": "sergeant"}).status_code == 302
    )
    response = client.post(
        f"/users/{investigator.pk}/", {**form, "rank": "inspector"}
    )  # based on the old version
    assert response.status_code == 200
    assert b"Someone else changed this user" in response.content
    investigator.refresh_from_db()
    assert investigator.rank == "sergeant" and investigator.version == 2


@pytest.mark.django_db
def test_a_deactivated_leaver_cannot_sign_in_and_their_token_stops_working(client, admin_user):
    leaver = UserFactory(username="leaver", roles=["investigator"])
    token = client.post(
        "/api/v1/auth/token/", {"username": "leaver", "password": "correct-horse-battery"}
    ).json()["token"]
    assert client.get("/api/v1/forces/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    client.force_login(admin_user)
    client.post(f"/users/{leaver.pk}/active/", {"active": "0"})
    client.logout()
    assert client.get("/api/v1/forces/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert not ApiToken.objects.filter(user=leaver).exists()
    response = client.post("/login/", {"username": "leaver", "password": "correct-horse-battery"})
    assert response.status_code == 200  # the login form again, with an error


@pytest.mark.django_db
def test_a_leavers_open_work_moves_to_another_officer_in_one_action(client, admin_user, offender):
    leaver, successor = UserFactory(roles=["investigator"]), UserFactory(roles=["investigator"])
    now = timezone.now()
    open_one = deadlines.open_deadline(
        kind="rui_review",
        title="RUI review",
        force=force(),
        offender=offender,
        due_at=now + dt.timedelta(days=3),
        owner_user=leaver,
    )
    done = deadlines.open_deadline(
        kind="rui_review",
        title="RUI review",
        force=force(),
        offender=offender,
        due_at=now,
        owner_user=leaver,
    )
    deadlines.meet_deadline(deadline=done, at=now)
    client.force_login(admin_user)
    response = client.post(f"/users/{leaver.pk}/transfer/", {"to_user": successor.pk})
    assert response.status_code == 302
    assert Deadline.objects.get(pk=open_one.pk).owner_user == successor
    assert Deadline.objects.get(pk=done.pk).owner_user == leaver  # closed work keeps its officer


@pytest.mark.django_db
def test_the_user_list_names_roles_as_people_say_them(client, admin_user):
    UserFactory(roles=["offender_diversion", "dapu_officer"])
    client.force_login(admin_user)
    page = client.get("/users/").content.decode()
    assert ">DAPU officer<" in page
    assert ">dapu_officer<" not in page and ">offender_diversion<" not in page


@pytest.mark.django_db
def test_the_user_list_costs_the_same_for_more_users(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    for n in (3, 20):
        while User.objects.count() < n:
            UserFactory(roles=["investigator"], teams=["iom"])
        with django_assert_max_num_queries(12):
            assert client.get("/users/").status_code == 200


@pytest.mark.django_db
def test_the_hand_over_moves_bail_cases_and_iom_caseload_too(client, admin_user):
    from accounts import work

    assert {
        "open deadlines",
        "bail and RUI cases as officer in the case",
        "IOM members as lead officer",
    } <= {label for label, _ in work.handover.items()}
    from cohorts.models import IomMembership
    from cohorts.services import adopt_iom_member
    from tests.factories import OffenderFactory

    leaver, successor = (
        UserFactory(roles=["iom_officer"], teams=["iom"]),
        UserFactory(roles=["iom_officer"]),
    )
    today = timezone.localdate()
    member = adopt_iom_member(
        offender=OffenderFactory(),
        cohort="flexible",
        adopted_on=today,
        reason="Prolific shoplifter",
        lead_officer=leaver,
        by=leaver,
        today=today,
    )
    client.force_login(admin_user)
    page = client.get(f"/users/{leaver.pk}/transfer/").content.decode()
    assert "IOM members as lead officer" in page
    assert (
        client.post(f"/users/{leaver.pk}/transfer/", {"to_user": successor.pk}).status_code == 302
    )
    member = IomMembership.objects.get(pk=member.pk)
    assert member.lead_officer == successor
    assert Deadline.objects.open().get(kind="iom_review").owner_user == successor
    # Each record moved keeps its history and is logged against the person, by the admin.
    assert member.history.first().lead_officer_id == successor.pk
    assert member.history.first().history_user == admin_user
    assert member.version == 2
    logged = AccessEvent.objects.filter(user=admin_user, offender=member.offender, action="update")
    assert {e.object_type for e in logged} >= {"cohorts.iommembership", "deadlines.deadline"}
