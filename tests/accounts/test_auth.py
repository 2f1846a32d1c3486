import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from audit.models import AccessEvent
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/", "/people/", "/custody/", "/no/such/page/"])
def test_no_page_answers_an_anonymous_user(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/") or response["Location"].startswith(
        "/admin/login/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/forces/", "/api/v1/deadlines/", "/api/v1/notifications/", "/api/v1/schema/"]
)
def test_the_api_answers_401_without_credentials(client, path):
    assert client.get(path).status_code == 401


@pytest.mark.django_db
def test_the_login_page_and_health_answer_anonymously(client):
    assert client.get("/login/").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_signing_in_and_out_is_logged(client):
    user = UserFactory(username="alice", roles=["investigator"])
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/logout/")
    assert list(
        AccessEvent.objects.filter(user=user).order_by("at", "pk").values_list("action", flat=True)
    ) == [
        "login",
        "logout",
    ]


@pytest.mark.django_db
def test_a_failed_sign_in_is_logged_with_the_username_typed(client):
    client.post("/login/", {"username": "mallory", "password": "wrong-password-123"})
    event = AccessEvent.objects.get()
    assert (event.action, event.username, event.user) == ("login_failed", "mallory", None)


@pytest.mark.django_db
def test_five_failed_web_sign_ins_lock_the_account(client):
    UserFactory(username="bob")
    for _ in range(5):
        client.post("/login/", {"username": "bob", "password": "not-the-password"})
    response = client.post("/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert b"locked" in response.content


@pytest.mark.django_db
def test_the_token_endpoint_counts_towards_the_same_lockout(client):
    UserFactory(username="carol")
    for _ in range(3):
        client.post("/login/", {"username": "carol", "password": "not-the-password"})
    assert (
        client.post(
            "/api/v1/auth/token/", {"username": "carol", "password": "nope-nope-nope"}
        ).status_code
        == 400
    )
    # The fifth failure, through the API, locks the account: even the right password is refused.
    locked = client.post("/api/v1/auth/token/", {"username": "carol", "password": "nope-nope-nope"})
    assert locked.status_code == 429 and "locked" in locked.json()["detail"]
    response = client.post("/api/v1/auth/token/", {"username": "carol", "password": PASSWORD})
    assert response.status_code == 429
    response = client.post("/login/", {"username": "carol", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_token_authenticates_api_calls(client):
    UserFactory(username="dave", roles=["investigator"])
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "dave", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    response = client.get("/api/v1/forces/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert {f["code"] for f in response.json()["results"]} == {"norfolk", "suffolk"}


@pytest.mark.django_db
def test_the_token_endpoint_validates_its_input(client):
    response = client.post("/api/v1/auth/token/", {"username": ""}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


@pytest.mark.django_db
def test_createuser_creates_a_user_with_roles_rank_and_force(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passphrase\n"))
    call_command(
        "createuser",
        "erin",
        "--role",
        "custody_officer",
        "--role",
        "supervisor",
        "--rank",
        "sergeant",
        "--force",
        "norfolk",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="erin")
    assert (user.rank, user.force.code) == ("sergeant", "norfolk")
    assert user.role_names() == {"custody_officer", "supervisor"}
    assert user.check_password("a-long-enough-passphrase")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["--role", "wizard", "--rank", "sergeant", "--force", "suffolk"],
            "a-long-enough-passphrase",
            "Unknown role",
        ),
        (
            ["--role", "analyst", "--rank", "general", "--force", "suffolk"],
            "a-long-enough-passphrase",
            "Unknown rank",
        ),
        (
            ["--role", "analyst", "--rank", "staff", "--force", "kent"],
            "a-long-enough-passphrase",
            "Unknown force",
        ),
        (["--role", "analyst", "--rank", "staff", "--force", "suffolk"], "short", "at least 12"),
        (
            ["--role", "analyst", "--rank", "staff", "--force", "suffolk"],
            "password1234",
            "too common",
        ),
    ],
)
def test_createuser_refuses_bad_input_and_creates_nothing(monkeypatch, args, password, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    with pytest.raises(CommandError, match=message):
        call_command("createuser", "frank", *args, "--password-stdin", stdout=io.StringIO())
    assert not User.objects.filter(username="frank").exists()


@pytest.mark.django_db
def test_every_role_of_the_api_contract_exists_as_a_group():
    from django.contrib.auth.models import Group

    from accounts.roles import Role

    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


@pytest.mark.django_db
def test_reference_data_has_both_forces_and_their_areas():
    from accounts.models import PolicingArea

    suffolk = PolicingArea.objects.filter(force__code="suffolk")
    assert {a.report_name for a in suffolk} == {"Lowestoft", "Bury St Edmunds", "Ipswich"}
    assert PolicingArea.objects.filter(force__code="norfolk").count() == 7


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_demo", "--quiet-logins", "--small", stdout=out)
    from django.apps import apps

    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    call_command("load_demo", "--quiet-logins", "--small", stdout=out)
    assert {m._meta.label: m.objects.count() for m in apps.get_models()} == counts
    assert User.objects.filter(username="custody.sergeant").exists()


@pytest.mark.django_db
def test_the_home_page_shows_my_work(client, investigator):
    client.force_login(investigator)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"My work" in response.content
    assert b"You have no notifications." in response.content
