"""Page benchmark: every main page and list endpoint, as each role, beside the floor.

Usage (``make bench SCALE=force`` does all of it on a database of its own):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desist_bench2 \\
        .venv/bin/python bench/pages.py [--url http://127.0.0.1:8000] [--only custody] \\
        [--c1 15] [--c8 32] [--budget 10] [--json var/bench/pages.json]

Without ``--url`` it starts gunicorn as ``make run`` does (2 workers x 4 threads) with
``bench.settings`` (the app plus ``/bench/floor/``, a trivial view behind the same
middleware) and stops it at the end.

For each endpoint it prints:

* the number of SQL queries one request makes and the time to replay exactly those SELECTs
  on a cursor ("SQL"), captured in-process with the same user: what is SQL and what is not;
* p50/p95 latency and throughput at concurrency 1 (sequential) and 8 (eight clients at
  once), client side, from ``--c1``/``--c8`` requests or ``--budget`` seconds, whichever
  comes first, after two warm-up requests;
* throughput at concurrency 8 as a share of the floor view's;
* for dashboards and summaries: the time of a hand-written SQL aggregate computing the
  headline figure (the least the database must do), to compare the page with.

Bench users (``bench.<demo username>``, the demo users' roles, teams and areas) are created
if missing, with ``BENCH_PASSWORD``; users whose roles need a second factor get a confirmed
TOTP device and sign in with a real code, through the same pages as everyone.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
# Every connection (this process's and the server's) gives up on a statement after this
# long, so that one pathological page cannot hold the machine (or fill its disk) for hours.
STATEMENT_TIMEOUT_S = int(os.environ.get("BENCH_STATEMENT_TIMEOUT", "60"))
os.environ["PGOPTIONS"] = f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000}"
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")

import django  # noqa: E402

django.setup()

import httpx  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.oath import TOTP  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from accounts.demo import DEMO_USERS  # noqa: E402
from accounts.models import Force, PolicingArea, Team, User  # noqa: E402
from bail.models import BailCase  # noqa: E402
from cohorts.models import IomMembership  # noqa: E402
from custody.models import CustodySuite, Detention  # noqa: E402
from disposals.models import Disposal  # noqa: E402
from offenders.models import Offender  # noqa: E402
from protection.models import RsoRegistration  # noqa: E402
from wanted.models import WantedCirculation  # noqa: E402

logging.getLogger("httpx").setLevel(logging.WARNING)
BENCH_PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-password-not-for-production")
FORCE = os.environ.get("BENCH_FORCE", "suffolk")
SUITE_TEAM = {"custody.sergeant": "martlesham", "custody.inspector": "martlesham"}


# --- Users -----------------------------------------------------------------------------------


def bench_users() -> dict[str, User]:
    """``bench.<username>`` for every demo user of the benchmarked force (get or create)."""
    users = {}
    for username, first, last, rank, force_code, roles, teams, areas in DEMO_USERS:
        if force_code != FORCE:
            continue
        force = Force.objects.get(code=force_code)
        user, created = User.objects.get_or_create(
            username=f"bench.{username}",
            defaults={"first_name": first, "last_name": last, "rank": rank, "force": force},
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save(update_fields=["password"])
        # Every time, not only on creation: a run stopped half-way must not leave a bench
        # user without roles (it would measure 403 pages).
        user.groups.set(Group.objects.filter(name__in=[str(r) for r in roles]))
        codes = list(teams)
        if username in SUITE_TEAM:
            codes.append(f"custody-{SUITE_TEAM[username]}")
        user.teams.set(Team.objects.filter(force=force, code__in=codes))
        user.policing_areas.set(PolicingArea.objects.filter(force=force, code__in=areas))
        if mfa_needed(user) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        users[str(roles[0])] = user
    return users


def mfa_needed(user: User) -> bool:
    return bool(set(user.groups.values_list("name", flat=True)) & set(settings.MFA_REQUIRED_ROLES))


@dataclass
class Login:
    """What signing in needs, read before the event loop starts (no ORM in async code)."""

    username: str
    totp: tuple | None  # (key, step, t0, digits, drift, last_t) when a second factor is needed

    @classmethod
    def of(cls, user: User) -> Login:
        totp = None
        if mfa_needed(user):
            d = TOTPDevice.objects.get(user=user, confirmed=True)
            totp = (d.bin_key, d.step, d.t0, d.digits, d.drift, d.last_t)
        return cls(user.username, totp)

    def token(self) -> str:
        key, step, t0, digits, drift, last_t = self.totp
        totp = TOTP(key, step, t0, digits, drift)
        # A code is accepted once: if this step's was used (a previous run), wait for the next.
        if last_t is not None and totp.t() <= last_t:
            time.sleep(step - time.time() % step + 1)
            totp = TOTP(key, step, t0, digits, drift)
        return f"{totp.token():0{digits}d}"


async def sign_in(client: httpx.AsyncClient, login: Login) -> None:
    page = await client.get("/login/")
    token = client.cookies.get("csrftoken") or re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text
    ).group(1)
    response = await client.post(
        "/login/",
        data={"username": login.username, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": str(client.base_url) + "/login/"},
    )
    if response.status_code != 302:
        raise SystemExit(f"Sign-in failed for {login.username}: {response.status_code}")
    if login.totp:
        await client.get("/mfa/")
        response = await client.post(
            "/mfa/",
            data={"token": login.token(), "csrfmiddlewaretoken": client.cookies.get("csrftoken")},
            headers={"Referer": str(client.base_url) + "/mfa/"},
        )
        if response.status_code != 302:
            raise SystemExit(f"Second factor failed for {login.username}: {response.status_code}")


# --- What to measure -------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    role: str
    path: str
    kind: str = "page"  # page, api, dashboard, floor
    aggregate: str | None = None  # raw SQL of the headline figure (dashboards)
    result: dict = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)  # the SELECTs one request makes
    timed: list[tuple[float, str]] = field(default_factory=list)  # each one's replay time


def explain_slowest(endpoint: Endpoint) -> tuple[float, str, str]:
    """The endpoint's slowest SELECT (seconds, SQL) and its EXPLAIN (ANALYZE, BUFFERS)."""
    seconds, sql = max(endpoint.timed)
    try:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(line for (line,) in cursor.fetchall())
    except OperationalError as exc:
        plan = f"(not analysed: {exc})"
    return seconds, sql, plan


def month_start(day: dt.date, back: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(year, month + 1, 1)


def endpoints(users: dict[str, User]) -> list[Endpoint]:
    force = Force.objects.get(code=FORCE)
    today = timezone.localdate()
    suite = CustodySuite.objects.filter(force=force).order_by("code").first()
    # The generator arrests the first people of each force most often: look among them
    # (a GROUP BY over every detention takes minutes at national scale).
    first_people = list(
        Offender.objects.filter(force=force).order_by("pk").values_list("pk", flat=True)[:50]
    )
    person = (
        Detention.objects.filter(offender_id__in=first_people)
        .values("offender")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    person_id = person["offender"] if person else 1
    # Generated people have no history rows, and the person page fails without one (found by
    # this benchmark, reported): one ordinary save gives the benchmarked person theirs.
    if not Offender.history.filter(id=person_id).exists():
        Offender.objects.get(pk=person_id).save()
    detention = Detention.objects.filter(force=force, released_at__isnull=True).first()
    case = BailCase.objects.filter(force=force, status="bail").first()
    disposal = Disposal.objects.filter(force=force, status="active").first()
    member = IomMembership.objects.filter(force=force, removed_on__isnull=True).first()
    wanted = WantedCirculation.objects.filter(force=force).first()
    rso = RsoRegistration.objects.filter(force=force).first()
    last_month = month_start(today, 1)
    f = force.pk
    six_months = month_start(today, 5)
    year = month_start(today, 11)
    out = [
        Endpoint("floor view (/bench/floor/)", "investigator", "/bench/floor/", "floor"),
        Endpoint("healthz", "investigator", "/healthz", "floor"),
        Endpoint("My work: custody officer", "custody_officer", "/"),
        Endpoint("My work: bail team", "bail_management", "/"),
        Endpoint("My work: IOM officer", "iom_officer", "/"),
        Endpoint("My work: supervisor (MFA)", "supervisor", "/"),
        Endpoint("people search page (smith)", "investigator", "/people/?q=smith"),
        Endpoint("people search API (smith)", "investigator", "/api/v1/offenders/?q=smith", "api"),
        Endpoint("people list page", "investigator", "/people/"),
        Endpoint("person page (most detained)", "investigator", f"/people/{person_id}/"),
        Endpoint("person API", "investigator", f"/api/v1/offenders/{person_id}/", "api"),
        Endpoint("person access log page", "supervisor", f"/people/{person_id}/access-log/"),
        Endpoint(
            "person access log API",
            "supervisor",
            f"/api/v1/offenders/{person_id}/access-log/",
            "api",
        ),
        Endpoint("custody suites", "custody_officer", "/custody/"),
        Endpoint("custody board", "custody_officer", f"/custody/suites/{suite.code}/"),
        Endpoint("detentions list page", "custody_officer", "/custody/detentions/"),
        Endpoint("detention page", "custody_officer", f"/custody/detentions/{detention.pk}/"),
        Endpoint(
            "detentions API, unfiltered", "custody_officer", "/api/v1/custody/detentions/", "api"
        ),
        Endpoint(
            "detentions API, in custody",
            "custody_officer",
            "/api/v1/custody/detentions/?in_custody=true",
            "api",
        ),
        Endpoint("s.136 list", "custody_officer", "/custody/s136/"),
        Endpoint(
            "custody dashboard (6 months)",
            "supervisor",
            "/custody/dashboard/",
            "dashboard",
            "SELECT date_trunc('month', arrived_at) m, suite_id, count(*), "
            "count(*) FILTER (WHERE is_child) FROM custody_detention "
            f"WHERE force_id = {f} AND arrived_at >= '{six_months}' GROUP BY 1, 2",
        ),
        Endpoint(
            "custody dashboard (one month)",
            "supervisor",
            f"/custody/dashboard/?from={last_month:%Y-%m}&to={last_month:%Y-%m}",
            "dashboard",
            "SELECT suite_id, count(*), count(*) FILTER (WHERE is_child) FROM custody_detention "
            f"WHERE force_id = {f} AND arrived_at >= '{last_month}' "
            f"AND arrived_at < '{month_start(today, 0)}' GROUP BY 1",
        ),
        Endpoint("custody dashboard as analyst", "analyst", "/custody/dashboard/"),
        Endpoint("bail queue", "bail_management", "/bail/"),
        Endpoint("bail cases page", "bail_management", "/bail/cases/"),
        Endpoint(
            "bail case page", "bail_management", f"/bail/cases/{case.pk}/" if case else "/bail/"
        ),
        Endpoint("bail cases API, unfiltered", "bail_management", "/api/v1/bail/cases/", "api"),
        Endpoint(
            "bail cases API, on bail", "bail_management", "/api/v1/bail/cases/?status=bail", "api"
        ),
        Endpoint(
            "bail figures",
            "analyst",
            "/bail/figures/",
            "dashboard",
            "SELECT status, count(*) FROM bail_bailcase "
            f"WHERE force_id = {f} AND status <> 'ended' GROUP BY 1; "
            "SELECT date_trunc('month', arrested_on), count(*) FROM bail_bailcase "
            f"WHERE force_id = {f} AND arrested_on >= '{year}' GROUP BY 1",
        ),
        Endpoint(
            "bail summary API",
            "bail_management",
            "/api/v1/bail/summary/",
            "dashboard",
            "SELECT status, count(*) FROM bail_bailcase "
            f"WHERE force_id = {f} AND status <> 'ended' GROUP BY 1",
        ),
        Endpoint("disposals queue", "offender_diversion", "/disposals/"),
        Endpoint("disposals records", "offender_diversion", "/disposals/records/"),
        Endpoint(
            "disposal page",
            "offender_diversion",
            f"/disposals/{disposal.pk}/" if disposal else "/disposals/",
        ),
        Endpoint("disposals API", "offender_diversion", "/api/v1/disposals/", "api"),
        Endpoint(
            "disposals dashboard",
            "analyst",
            "/disposals/dashboard/",
            "dashboard",
            "SELECT date_trunc('month', decided_on), district_id, disposal_type, count(*), "
            "count(*) FILTER (WHERE status = 'breached') FROM disposals_disposal "
            f"WHERE force_id = {f} AND decided_on >= '{year}' GROUP BY 1, 2, 3",
        ),
        Endpoint(
            "disposals summary API",
            "offender_diversion",
            f"/api/v1/disposals/summary/?from={year}&to={today}",
            "dashboard",
            "SELECT disposal_type, status, count(*) FROM disposals_disposal "
            f"WHERE force_id = {f} AND decided_on >= '{year}' GROUP BY 1, 2",
        ),
        Endpoint("IOM caseload", "iom_officer", "/cohorts/iom/"),
        Endpoint("IOM cohort", "iom_officer", "/cohorts/iom/cohort/"),
        Endpoint(
            "IOM member page",
            "iom_officer",
            f"/cohorts/iom/members/{member.pk}/" if member else "/cohorts/iom/",
        ),
        Endpoint("IOM memberships API", "iom_officer", "/api/v1/cohorts/iom/memberships/", "api"),
        Endpoint(
            "IOM dashboard",
            "analyst",
            "/cohorts/iom/dashboard/",
            "dashboard",
            "SELECT cohort, count(*) FROM cohorts_iommembership "
            f"WHERE force_id = {f} AND adopted_on <= '{today}' "
            f"AND (removed_on IS NULL OR removed_on > '{today}') GROUP BY 1; "
            "SELECT date_trunc('month', adopted_on), count(*) FROM cohorts_iommembership "
            f"WHERE force_id = {f} AND adopted_on >= '{year}' GROUP BY 1",
        ),
        Endpoint(
            "IOM summary API",
            "iom_officer",
            "/api/v1/cohorts/iom/summary/",
            "dashboard",
            "SELECT cohort, count(*) FROM cohorts_iommembership "
            f"WHERE force_id = {f} AND adopted_on <= '{today}' "
            f"AND (removed_on IS NULL OR removed_on > '{today}') GROUP BY 1",
        ),
        # Wanted persons (issue 16), partners (issue 17), public protection (issue 14):
        # each new capability is measured as it lands.
        Endpoint("wanted list", "investigator", "/wanted/"),
        Endpoint(
            "wanted record",
            "investigator",
            f"/wanted/{wanted.pk}/" if wanted else "/wanted/",
        ),
        Endpoint("wanted API, open", "investigator", "/api/v1/wanted/?open=true", "api"),
        Endpoint("District Commander's monthly list", "supervisor", "/wanted/monthly/"),
        Endpoint("wanted figures", "analyst", "/wanted/figures/", "dashboard"),
        Endpoint("partners directory", "iom_officer", "/partners/"),
        Endpoint("partner referrals", "iom_officer", "/partners/referrals/"),
        Endpoint("gap map", "iom_officer", "/partners/gaps/", "dashboard"),
        Endpoint("gaps API", "iom_officer", "/api/v1/partners/gaps/", "api"),
        Endpoint("partners figures", "analyst", "/partners/dashboard/", "dashboard"),
        Endpoint("PPU caseload (MFA)", "ppu_officer", "/public-protection/"),
        Endpoint("RSO register list (MFA)", "ppu_officer", "/public-protection/rso/"),
        Endpoint(
            "RSO record (MFA)",
            "ppu_officer",
            f"/public-protection/rso/{rso.pk}/" if rso else "/public-protection/",
        ),
        Endpoint(
            "public-protection dashboard (MFA)",
            "ppu_officer",
            "/public-protection/dashboard/",
            "dashboard",
        ),
        Endpoint(
            "public-protection summary API (MFA)",
            "ppu_officer",
            "/api/v1/public-protection/summary/",
            "api",
        ),
        Endpoint("supervisors' home (MFA)", "supervisor", "/dashboards/home/", "dashboard"),
        Endpoint("panel report", "analyst", "/reports/panel/", "dashboard"),
        Endpoint("panel report API", "analyst", "/api/v1/reports/panel/", "api"),
        Endpoint("DAPU programme list", "dapu_officer", "/domestic-abuse/"),
        Endpoint(
            "DAPU funnel and figures", "dapu_officer", "/domestic-abuse/figures/", "dashboard"
        ),
        Endpoint(
            "DAPU funnel API", "dapu_officer", "/api/v1/domestic-abuse/programme/funnel/", "api"
        ),
        Endpoint("deadlines API", "bail_management", "/api/v1/deadlines/", "api"),
        Endpoint("notifications API", "bail_management", "/api/v1/notifications/", "api"),
        Endpoint("dashboards index", "analyst", "/dashboards/"),
        Endpoint("users (admin, MFA)", "admin", "/users/"),
    ]
    return [e for e in out if e.role in users]


# --- In-process: queries and their replay, raw aggregates ---------------------------------


def replay(statements: list[str], runs: int = 3, each: list | None = None) -> float | None:
    """Median seconds to run these SELECTs again, back to back, fetching every row (one run
    only when a run takes over a second); None if one hit the statement timeout. ``each``
    receives (seconds, sql) per statement of the first run."""
    times = []
    try:
        with connection.cursor() as cursor:
            for run in range(runs):
                t0 = time.perf_counter()
                for sql in statements:
                    t1 = time.perf_counter()
                    cursor.execute(sql)
                    cursor.fetchall()
                    if run == 0 and each is not None:
                        each.append((time.perf_counter() - t1, sql))
                times.append(time.perf_counter() - t0)
                if times[-1] > 1.0:
                    break
    except OperationalError:
        return None
    return statistics.median(times)


def capture(endpoint: Endpoint, user: User) -> None:
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(user)
    mfa = settings.MFA_REQUIRED_ROLES
    settings.MFA_REQUIRED_ROLES = []  # in-process only: force_login has no second factor
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(endpoint.path)
    finally:
        settings.MFA_REQUIRED_ROLES = mfa
    selects = [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]
    endpoint.statements = selects
    endpoint.result["status_inprocess"] = response.status_code
    endpoint.result["queries"] = len(queries.captured_queries)
    endpoint.result["sql_s"] = replay(selects, each=endpoint.timed) if selects else 0.0
    if endpoint.aggregate:
        endpoint.result["aggregate_s"] = replay(
            [s for s in endpoint.aggregate.split(";") if s.strip()], runs=5
        )


# --- Over HTTP ---------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def measure(
    clients: list[httpx.AsyncClient], path: str, count: int, budget: float
) -> tuple[list[float], float, set[int]]:
    """``len(clients)`` concurrent loops until ``count`` requests or ``budget`` seconds."""
    latencies: list[float] = []
    statuses: set[int] = set()
    started = time.perf_counter()
    issued = 0

    async def loop(client):
        nonlocal issued
        while issued < count and time.perf_counter() - started < budget:
            issued += 1
            t0 = time.perf_counter()
            try:
                response = await client.get(path)
                statuses.add(response.status_code)
            except httpx.TimeoutException:
                statuses.add(0)  # no answer within the client's timeout
            latencies.append(time.perf_counter() - t0)

    await asyncio.gather(*(loop(c) for c in clients))
    return latencies, time.perf_counter() - started, statuses


async def run_http(base: str, logins: dict[str, Login], eps: list[Endpoint], args) -> None:
    timeout = httpx.Timeout(300.0)
    pools: dict[str, list[httpx.AsyncClient]] = {}
    for role, login in logins.items():
        if not any(e.role == role for e in eps):
            continue
        first = httpx.AsyncClient(base_url=base, timeout=timeout)
        await sign_in(first, login)
        # Eight clients sharing the signed-in session (one browser's cookies, eight tabs).
        pools[role] = [first] + [
            httpx.AsyncClient(base_url=base, timeout=timeout, cookies=first.cookies)
            for _ in range(7)
        ]
    for endpoint in eps:
        clients = pools[endpoint.role]
        # Warm-up (connection, caches, code paths): one request, two if it is quick.
        warm, _w, _s = await measure(clients[:1], endpoint.path, 2, 2.0)
        if warm[0] > args.give_up:
            # One request is all the machine can afford (and eight at once could fill the
            # disk with sort spills): report that request alone.
            endpoint.result.update(
                status=sorted(_s), c1_n=1, c1_p50=warm[0], c1_p95=warm[0], c1_rps=1 / warm[0]
            )
            print(row(endpoint, None), flush=True)
            continue
        one, wall1, s1 = await measure(clients[:1], endpoint.path, args.c1, args.budget)
        endpoint.result.update(
            status=sorted(s1),
            c1_n=len(one),
            c1_p50=pct(one, 0.5),
            c1_p95=pct(one, 0.95),
            c1_rps=len(one) / wall1,
        )
        if endpoint.result["c1_p50"] <= args.give_up / 4:
            eight, wall8, s8 = await measure(clients, endpoint.path, args.c8, args.budget * 1.5)
            endpoint.result.update(
                status=sorted(s1 | s8),
                c8_n=len(eight),
                c8_p50=pct(eight, 0.5),
                c8_p95=pct(eight, 0.95),
                c8_rps=len(eight) / wall8,
            )
        print(row(endpoint, None), flush=True)
    for clients in pools.values():
        for client in clients:
            await client.aclose()


# --- Report ----------------------------------------------------------------------------------

HEADER = (
    "| Page / endpoint | role | HTTP | queries | SQL replay | p50 / p95 at c=1 | req/s c=1 "
    "| p50 / p95 at c=8 | req/s c=8 (% of floor) | raw SQL aggregate |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def row(e: Endpoint, floor_rps: float | None) -> str:
    r = e.result
    share = f" ({100 * r['c8_rps'] / floor_rps:.0f} %)" if floor_rps and "c8_rps" in r else ""
    aggregate = ms(r.get("aggregate_s")) if e.aggregate else ""
    rps8 = f"{r['c8_rps']:.1f}" if "c8_rps" in r else "not run"
    return (
        f"| {e.name} | {e.role} | {','.join(map(str, r.get('status', [])))} | {r.get('queries', '')} "
        f"| {ms(r.get('sql_s'))} | {ms(r.get('c1_p50'))} / {ms(r.get('c1_p95'))} "
        f"| {r.get('c1_rps', 0):.1f}{'' if r.get('c1_n', 2) > 1 else ' (1 request)'} "
        f"| {ms(r.get('c8_p50'))} / {ms(r.get('c8_p95'))} "
        f"| {rps8}{share} | {aggregate} |"
    )


# --- Server ----------------------------------------------------------------------------------


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECURE_COOKIES": "false",
        "STATIC_MANIFEST": "false",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code in (200, 503):
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start gunicorn)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--c1", type=int, default=15, help="requests at concurrency 1")
    parser.add_argument("--c8", type=int, default=40, help="requests at concurrency 8")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--only", help="regular expression on endpoint names")
    parser.add_argument(
        "--give-up",
        type=float,
        default=20.0,
        help="seconds: a warm-up slower than this is the only request; c=8 only below a quarter",
    )
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument(
        "--explain", type=int, default=5, help="EXPLAIN ANALYZE the slowest query of the N slowest"
    )
    args = parser.parse_args()

    if connection.vendor != "postgresql":
        raise SystemExit("Benchmark a PostgreSQL database (DATABASE_URL).")
    users = bench_users()
    eps = endpoints(users)
    if args.only:
        eps = [e for e in eps if e.kind == "floor" or re.search(args.only, e.name)]
    print(f"In-process: queries and SQL replay for {len(eps)} endpoints ...", flush=True)
    for endpoint in eps:
        capture(endpoint, users[endpoint.role])
    logins = {role: Login.of(user) for role, user in users.items()}
    connection.close()

    server = None if args.url else start_server(args.port)
    base = args.url or f"http://127.0.0.1:{args.port}"
    try:
        print(HEADER, flush=True)
        asyncio.run(run_http(base, logins, eps, args))
    finally:
        if server is not None:
            stop_server(server)

    floor = next((e for e in eps if e.kind == "floor"), None)
    floor_rps = floor.result.get("c8_rps") if floor else None
    print("\nWith throughput as a share of the floor's:\n")
    print(HEADER)
    for endpoint in eps:
        print(row(endpoint, floor_rps))
    slowest = sorted(eps, key=lambda e: -e.result.get("c1_p95", 0))[:5]
    print(
        "\nSlowest at p95, c=1: " + "; ".join(f"{e.name} {ms(e.result['c1_p95'])}" for e in slowest)
    )
    for endpoint in [e for e in slowest if e.timed][: args.explain]:
        seconds, sql, plan = explain_slowest(endpoint)
        endpoint.result["slowest_query_s"] = seconds
        endpoint.result["slowest_query"] = sql
        endpoint.result["slowest_plan"] = plan
        print(f"\n## {endpoint.name}: slowest query {ms(seconds)}\n\n{sql}\n\n{plan}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                [{"name": e.name, "role": e.role, "path": e.path, **e.result} for e in eps],
                indent=1,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
