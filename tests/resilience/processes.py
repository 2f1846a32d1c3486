"""Real processes for the fault proofs: a private Redis (a port of its own, so stopping it
disturbs nobody), Celery workers and beats, and one-off Django commands, all on the test
database the test itself uses."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Ports of our own (never the shared Redis on 6379): RESILIENCE_REDIS_PORT overrides.
REDIS_PORT = int(os.environ.get("RESILIENCE_REDIS_PORT", "8105"))


def wait_for(condition: Callable[[], object], timeout: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    """redis-server on REDIS_PORT without persistence: a restart loses its queue, as a
    force's Redis without AOF would."""

    def __init__(self, workdir: Path, port: int = REDIS_PORT):
        self.port = port
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert not port_open(self.port), f"port {self.port} is taken"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), 10, "redis to listen")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for(lambda: not port_open(self.port), 10, "redis to stop")


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def environment(broker_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "DESIST_VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "STATIC_MANIFEST": "false",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    env.pop("REDIS_URL", None)  # no cache on the shared Redis from these processes
    return env


def django(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Django process (manage.py shell -c)."""
    return subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Celery:
    """A celery worker or beat process; ``kill()`` sends SIGKILL as an OOM killer would."""

    def __init__(self, kind: str, env: dict[str, str], log: Path, *args: str):
        self.log = log
        command = [str(BIN / "celery"), "-A", "config", kind, "--loglevel=INFO", *args]
        if kind == "worker":
            command += ["--pool=solo", "--without-gossip", "--without-mingle"]
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._out.close()


def mail_count(var_dir: Path) -> int:
    """Messages the filebased email backend wrote (one Subject line each)."""
    folder = var_dir / "mail"
    if not folder.exists():
        return 0
    return sum(
        line.startswith("Subject:")
        for path in folder.iterdir()
        for line in path.read_text(errors="replace").splitlines()
    )
