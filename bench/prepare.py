"""Make the benchmark database for a scale: create it if missing, migrate, generate.

    .venv/bin/python bench/prepare.py --scale force [--url postgres://postgres@127.0.0.1:5432/desist_bench_force]

Generation runs only into a database without generated people (``manage.py generate``
refuses otherwise), so a second ``make bench`` reuses the data. Its output, with the time
per part, is kept in ``var/bench/generate-<scale>.log``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="force")
    parser.add_argument("--url", default=None)
    parser.add_argument("--seed", default="1")
    args = parser.parse_args()
    url = args.url or f"postgres://postgres@127.0.0.1:5432/desist_bench_{args.scale}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(url) as conn:
        generated = conn.execute(
            "SELECT count(*) FROM offenders_offender WHERE pnc_id ~ '^[0-9]{4}/[5-9]'"
        ).fetchone()[0]
    if generated:
        print(f"{name} already holds {generated} generated people: reusing them.")
        return
    log = ROOT / "var" / "bench" / f"generate-{args.scale}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(
            [PY, "manage.py", "generate", "--scale", args.scale, "--seed", args.seed],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in process.stdout:
            sys.stdout.write(line)
            out.write(line)
        if process.wait():
            raise SystemExit(process.returncode)
        out.write(f"Wall time including the command's start: {time.monotonic() - started:.0f}s\n")


if __name__ == "__main__":
    main()
