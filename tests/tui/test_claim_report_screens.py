"""AGEING, DMGSUM and VICRPT typed at OPTION (issue 22, items 2 and 3): the screens driven with real keys on the
sample data, what they show checked against the figures worked out by hand in tests/services/test_claim_reports.py
and tests/services/test_claims_desk.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.ageing import AgeingScreen
from carsplus_tui.tui.screens.dmgsum import DamageSummaryScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.vicrpt import ClearanceReportScreen
from tests.printing.conftest import pdf_text
from tests.tui.conftest import screen_text, settle, signed_on


def lines_of(app: CarsplusApp) -> list[str]:
    return screen_text(app).splitlines()


def line_starting(app: CarsplusApp, *words: str) -> list[str]:
    return next(line.split() for line in lines_of(app) if line.split()[:len(words)] == list(words))


async def typed(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press(*text, "enter")
    await settle(pilot)


@pytest.fixture
def spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("CARSPLUS_PRINTER", "")
    monkeypatch.setenv("CARSPLUS_COMPANY_NAME", "DESERT CAR RENTAL")
    return tmp_path / "spool"


async def test_ageing_at_option_shows_open_claims_by_location_and_category(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press("escape", *"AGEING", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AgeingScreen)
        text = lines_of(app)
        assert "AGEING OF OPEN CLAIMS" in text[0]
        assert "60 OPEN CLAIMS - -20864.75 OUTSTANDING" in screen_text(app)
        # As of 02-01-10 (the hand-worked ageing): TUS 1 has 1 claim at 61-90 (-172.98) and 3 at 90+ (-613.54).
        await typed(pilot, "AS 02-01-10")
        assert "AS OF 02-01-10" in lines_of(app)[1]
        while not any(line.split()[:3] == ["TUS", "1", "#"] for line in lines_of(app)):
            await pilot.press("f8")  # MORE: the next page of locations
            await settle(pilot)
        text = lines_of(app)
        row = next(i for i, line in enumerate(text) if line.split()[:3] == ["TUS", "1", "#"])
        assert text[row].split()[3:] == ["0", "0", "1", "3", "0", "4"]
        assert text[row + 1].split() == ["$", "0.00", "0.00", "-172.98", "-613.54", "0.00", "-786.52"]
        await typed(pilot, "AS 13-45-10")  # not a date: one message, nothing changed
        assert "AS 13-45-10 IS NOT A DATE" in screen_text(app)
        assert "AS OF 02-01-10" in lines_of(app)[1]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)


async def test_dmgsum_selections_detail_paging_print_and_file(sample_db: Database, spool: Path) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press("f8")  # from page 2 too
        await settle(pilot)
        page2 = app.screen
        assert isinstance(page2, ClaimInfoScreen)
        await pilot.press("escape", *"DMGSUM", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageSummaryScreen)
        assert "DAMAGE SUMMARY REPORT - SUMMARY" in lines_of(app)[0]
        assert "72 REPORTS - -20864.75 OUTSTANDING" in screen_text(app)

        await typed(pilot, "LOC TUS")
        assert lines_of(app)[1].split()[:10] == ["FROM", "*", "TO", "*", "UNIT", "ALL", "LOC", "TUS", "CS", "ALL"]
        assert line_starting(app, "TUS", "1") == ["TUS", "1", "4", "3", "2432.89", "180.00", "850.59", "0.00",
                                                  "-786.52"]
        assert line_starting(app, "TOTAL") == ["TOTAL", "18", "11", "9287.23", "180.00", "850.59", "0.00",
                                               "-4337.27"]

        await typed(pilot, "DETAIL")
        assert "DAMAGE SUMMARY REPORT - DETAIL" in lines_of(app)[0]
        first = line_starting(app, "1")
        assert first == ["1", "07-20-09", "001888", "A0001310", "TUS", "4", "C", "4", "Y", "377.25", "227.25"]
        assert "LINES 1-14 OF 18" in screen_text(app)
        await pilot.press("f8")  # the next page comes from the database
        await settle(pilot)
        assert "LINES 15-18 OF 18  END OF LIST" in screen_text(app)
        assert line_starting(app, "62")[:4] == ["62", "002993", "A0001372", "TUS"]  # no damage date

        await typed(pilot, "CS 5-6")
        assert [line.split()[0] for line in lines_of(app)[4:9]] == ["8", "17", "34", "36", "50"]
        await typed(pilot, "CS 9")  # bad input: one message, the selection as it was
        assert "CLAIM STATUS 9" in screen_text(app)
        assert "CS 5,6" in lines_of(app)[1]

        await typed(pilot, "FILE")
        assert "DMGSUM WRITTEN TO" in screen_text(app)
        (written,) = spool.glob("dmgsum-detail-*.csv")
        rows = list(csv.reader(written.open()))
        assert [row[0] for row in rows] == ["report_number", "8", "17", "34", "36", "50"]
        await typed(pilot, "SUMMARY")
        await typed(pilot, "PRINT")
        assert "NO PRINTER SET - KEPT IN" in screen_text(app)
        (printed,) = spool.glob("dmgsum-summary-*.pdf")
        text = pdf_text(printed)
        # TUS 1 with claim status 5 or 6: 17, 34, 50 (1597.52 + 288.94 - 172.98)
        assert "DESERT CAR RENTAL" in text and "CS 5,6" in text and "1713.48" in text

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page2


async def test_vicrpt_open_claims_by_vir_status_claim_type_and_third_party(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press("escape", *"VICRPT", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ClearanceReportScreen)
        assert "60 OPEN CLAIMS - -20864.75 OUTSTANDING" in screen_text(app)
        assert line_starting(app, "C", "COMPLETE", "3RD", "PARTY", "Y")[5:] == ["5", "07-21-09", "-5022.75"]
        await typed(pilot, "TP Y")
        await typed(pilot, "TYPE 3RD PARTY")
        await typed(pilot, "AS 02-01-10")
        await typed(pilot, "DETAIL")
        assert lines_of(app)[1].split()[:6] == ["VIR", "ALL", "TYPE", "3RD", "PARTY", "TP"]
        assert [line.split()[0] for line in lines_of(app)[4:9]] == ["1", "9", "30", "33", "54"]
        assert line_starting(app, "1") == ["1", "07-20-09", "196", "001888", "A0001310", "TUS", "C", "4", "3RD",
                                          "PARTY", "Y", "227.25"]
        await typed(pilot, "VIR X")
        assert "VIR STATUS X" in screen_text(app)
        await typed(pilot, "NONSENSE")
        assert "NONSENSE IS NOT AN OPTION" in screen_text(app)


async def test_no_claim_access_no_claim_reports(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "AGENT", "agent") as pilot:  # Access Claim none
        for word in ("AGEING", "DMGSUM", "VICRPT"):
            await pilot.press("escape", *word, "enter")
            await settle(pilot)
            assert isinstance(app.screen, DamageEntryScreen)
            assert "NO ACCESS TO CLAIM INFO" in screen_text(app)
    app = CarsplusApp(sample_db)
    async with signed_on(app, "MGARCI", "mgarci") as pilot:  # view access: reports are read-only
        await pilot.press("escape", *"DMGSUM", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageSummaryScreen)
