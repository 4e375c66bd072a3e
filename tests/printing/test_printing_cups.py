"""Issue 8's local printer: one print through a real CUPS server into a PDF queue (skipped, with the reason, where
cupsd cannot run), and the exact `lp` command line with a recording `lp` on PATH."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.services.printing import print_form
from carsplus_tui.settings import Settings
from tests.printing.conftest import CupsServer, pdf_text


def test_a_sticker_prints_through_a_real_cups_pdf_queue(
    cups_server: CupsServer, printing_db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in cups_server.env().items():
        monkeypatch.setenv(name, value)
    since = time.time()
    outcome = print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=settings, printer=cups_server.queue)
    assert outcome.sent_to == cups_server.queue, outcome.message
    assert outcome.message == f"DAMAGE STICKER SENT TO PRINTER {cups_server.queue}"
    printed = cups_server.wait_for_output(outcome.pdf_path.stem, since)
    assert printed is not None, f"cups-pdf wrote nothing: {cups_server.log_tail()}"
    try:
        text = pdf_text(printed)
        assert "DAMAGE" in text and "008024" in text  # report 19's unit, through cupsd, the filters and cups-pdf
    finally:
        printed.unlink(missing_ok=True)


def _fake_lp(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lp = folder / "lp"
    lp.write_text("#!/bin/sh\n" + body)
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return lp


def test_lp_gets_exactly_dash_d_queue_and_the_spool_file(
    printing_db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "lp-args"
    _fake_lp(tmp_path / "bin", f'for a in "$@"; do printf "%s\\n" "$a"; done > "{record}"\n'
                                'echo "request id is OFFICE1-7 (1 file(s))"\n')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    outcome = print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=settings, printer="OFFICE1")
    assert record.read_text().splitlines() == ["-d", "OFFICE1", str(outcome.pdf_path)]
    assert outcome.sent_to == "OFFICE1"
    assert outcome.message == "DAMAGE STICKER SENT TO PRINTER OFFICE1"
    assert outcome.pdf_path.read_bytes().startswith(b"%PDF")


def test_the_configured_printer_is_used_unless_one_is_named(
    printing_db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "lp-args"
    _fake_lp(tmp_path / "bin", f'echo "$2" >> "{record}"\n')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    configured = settings.model_copy(update={"printer": "BACKOFFICE"})
    assert print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=configured).sent_to == "BACKOFFICE"
    assert print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=configured,
                      printer="COUNTER2").sent_to == "COUNTER2"
    assert record.read_text().split() == ["BACKOFFICE", "COUNTER2"]


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ('echo "lp: The printer or class does not exist." >&2\nexit 1\n', "PRINTER OFFICE1 REFUSED IT"),
        ("exec sleep 10\n", "PRINTER OFFICE1 DID NOT ANSWER"),
    ],
    ids=["refused", "hangs"],
)
def test_a_failing_lp_keeps_the_pdf_and_says_where(
    printing_db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str,
    reason: str,
) -> None:
    _fake_lp(tmp_path / "bin", script)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("carsplus_tui.printing.dispatch.LP_TIMEOUT_S", 0.5)
    outcome = print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=settings, printer="OFFICE1")
    assert outcome.sent_to is None
    assert outcome.message.startswith(f"{reason} - KEPT IN ")
    assert len(outcome.message) <= 78
    assert outcome.pdf_path.is_file() and outcome.pdf_path.parent == settings.resolved_spool_dir


def test_no_lp_on_the_machine_keeps_the_pdf_and_says_so(
    printing_db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    outcome = print_form(printing_db, 19, PrintForm.DAMAGE_STICKER, settings=settings, printer="OFFICE1")
    assert outcome.sent_to is None
    assert outcome.message.startswith("LP NOT FOUND (NO CUPS) - KEPT IN ")
    assert outcome.pdf_path.is_file()


def test_an_unwritable_spool_folder_does_not_lose_the_print(
    printing_db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    fallback = tmp_path / "fallback"
    monkeypatch.setattr("carsplus_tui.services.printing.FALLBACK_SPOOL", fallback)
    outcome = print_form(printing_db, 19, PrintForm.DAMAGE_STICKER,
                         settings=settings.model_copy(update={"spool_dir": blocked / "spool"}))
    assert outcome.pdf_path.parent == fallback and outcome.pdf_path.read_bytes().startswith(b"%PDF")
    assert outcome.message.startswith("NO PRINTER SET - KEPT IN ")
