"""Collection-round forms benchmark: a province of 500 agencies, each paired with 2 villages,
with 10 activities and 2 visits of the year per pairing.

    uv run python bench/collect_forms.py [--agencies N]

Builds the province through the services in a temporary SQLite file, then times
`ketnghia collect forms --year 2025` over all of it, in the process (net of start-up).
Target (see the collection round's issue): under a minute for 500 agencies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path


def build(url: str, agencies: int) -> None:
    import ketnghia.rules  # noqa: F401  (the audit hooks, as commands have them)
    from ketnghia.db import Database
    from ketnghia.services.dated_records import activities, visits
    from ketnghia.services.pairings import service as pairings
    from ketnghia.services.registers import agencies as agency_register
    from ketnghia.services.registers import villages as village_register

    db = Database(url)
    try:
        with db.write() as session:
            for a in range(agencies):
                code = f"CQ-{a:04d}"
                agency_register.add(
                    session, {"code": code, "name": f"Cơ quan số {a}", "kind": "department"}
                )
                for v in range(2):
                    village = f"GL-{a:04d}-{v}"
                    village_register.add(
                        session, {"code": village, "name": f"Làng {a}-{v}", "district": "Ia Pa"}
                    )
                    pairings.add(
                        session,
                        {"agency_code": code, "village_code": village, "started_on": "2024-01-15"},
                    )
                    for n in range(10):
                        activities.add(
                            session,
                            {
                                "agency_code": code,
                                "village_code": village,
                                "date": dt.date(2025, 1 + n, 10).isoformat(),
                                "kind": "gifts",
                                "title": f"Quà tặng đợt {n + 1}",
                                "value_vnd": 1_000_000 * (n + 1),
                                "source": "agency",
                            },
                        )
                    for n in range(2):
                        visits.add(
                            session,
                            {
                                "agency_code": code,
                                "village_code": village,
                                "date": dt.date(2025, 3 + 6 * n, 5).isoformat(),
                                "aspirations": "Đề nghị hỗ trợ giống",
                            },
                        )
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=500)
    args = parser.parse_args()
    from typer.testing import CliRunner

    from ketnghia.cli.app import app

    with tempfile.TemporaryDirectory() as tmp:
        url = str(Path(tmp) / "province.db")
        began = time.perf_counter()
        build(url, args.agencies)
        print(f"built {args.agencies} agencies in {time.perf_counter() - began:.1f} s")
        runner = CliRunner()
        began = time.perf_counter()
        result = runner.invoke(
            app,
            ["--db", url, "collect", "forms", "--year", "2025", "--output", str(Path(tmp) / "f")],
        )
        elapsed = time.perf_counter() - began
        assert result.exit_code == 0, result.output
        count = len(list((Path(tmp) / "f").glob("*.xlsx")))
        print(f"collect forms: {count} forms in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
