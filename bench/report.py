"""Markdown table from ``bench/pages.py --json`` files: ``python bench/report.py A.json [B.json]``.

Rows of later files replace rows of the same name in earlier ones (a partial re-run with
``--only``); each row's throughput share is against the floor view of its own file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def ms(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main(paths: list[str]) -> None:
    rows: dict[str, dict] = {}
    for path in paths:
        results = json.loads(Path(path).read_text())
        floor = next((r for r in results if r["name"].startswith("floor view")), {})
        for r in results:
            r["floor_rps"] = floor.get("c8_rps")
            rows[r["name"]] = r
    print(
        "| Page / endpoint | role | queries | SQL replay | p50 / p95 c=1 | req/s c=1 "
        "| p50 / p95 c=8 | req/s c=8 (share of floor) | raw aggregate |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows.values():
        status = ",".join(map(str, r.get("status", [])))
        flag = "" if status in ("200", "") else f" (HTTP {status})"
        if "c8_rps" in r:
            share = f" ({100 * r['c8_rps'] / r['floor_rps']:.0f} %)" if r.get("floor_rps") else ""
            c8 = f"{ms(r.get('c8_p50'))} / {ms(r.get('c8_p95'))} | {r['c8_rps']:.1f}{share}"
        else:
            c8 = "– | not run"
        one = " (1 request)" if r.get("c1_n", 2) == 1 else ""
        print(
            f"| {r['name']}{flag} | {r['role']} | {r.get('queries', '')} | {ms(r.get('sql_s'))} "
            f"| {ms(r.get('c1_p50'))} / {ms(r.get('c1_p95'))} | {r.get('c1_rps', 0):.1f}{one} "
            f"| {c8} | {ms(r['aggregate_s']) if 'aggregate_s' in r else ''} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
