"""`carsplus print N --form ... [--out FILE] [--printer QUEUE]` for scripts, and the templates shipped in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.printing.conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]


def test_print_writes_the_pdf_where_asked_and_keeps_a_spool_copy(run, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "letters" / "damage-6.pdf"
    result = run("6", "--form", "damage-letter", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"written to {out}" in result.output
    assert "NO PRINTER SET - KEPT IN " in result.output
    assert "185.00" in pdf_text(out.read_bytes())
    (spooled,) = (tmp_path / "spool").glob("000006-damage-letter-*.pdf")
    assert spooled.read_bytes() == out.read_bytes()


def test_out_may_be_a_folder(run, tmp_path: Path) -> None:  # noqa: ANN001
    result = run("19", "--form", "sticker", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.glob("000019-sticker-*.pdf")
    assert "UNIT 008024" in pdf_text(written.read_bytes())


@pytest.mark.parametrize("form", ["accident-report", "boot-report", "sticker", "accident-letter", "damage-letter",
                                  "final-letter"])
def test_every_form_prints_from_the_command_line(run, form: str) -> None:  # noqa: ANN001
    result = run("21", "--form", form, "--anyway")
    assert result.exit_code == 0, result.output
    assert f"000021-{form}-" in result.output


def test_without_a_printer_the_whole_spool_path_is_printed(run, tmp_path: Path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens' message line shortens a long path to 78 characters; the command line prints it whole, so the
    agent can open the file by what was printed."""
    spool = tmp_path / "a-spool-folder-far-longer-than-the-message-line" / "with-more-folders-under-it" / "x"
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(spool))
    result = run("21", "--form", "sticker", "--anyway")
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    printed = Path(line.removeprefix("NO PRINTER SET - KEPT IN "))
    assert len(line) > 78 and printed.parent == spool and printed.is_file(), line


def test_an_unknown_report_is_one_line(run) -> None:  # noqa: ANN001
    result = run("9999", "--form", "sticker")
    assert result.exit_code == 1
    assert result.output.strip() == "carsplus: DAMAGE REPORT 9999 NOT ON FILE"


def test_an_unknown_form_is_refused_by_name(run) -> None:  # noqa: ANN001
    result = run("1", "--form", "invoice")
    assert result.exit_code == 2
    assert "'invoice' is not one of 'accident-report'" in result.output
    assert "Traceback" not in result.output


def test_a_bad_page_size_is_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_PAGE_SIZE", "LEGAL")
    result = run("1", "--form", "sticker")
    assert result.exit_code == 1
    assert result.output.strip() == "carsplus: CARSPLUS_PAGE_SIZE must be LETTER or A4, not 'LEGAL'"


def test_a_named_printer_that_fails_exits_non_zero_but_keeps_the_pdf(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text("#!/bin/sh\necho 'lp: Unauthorized' >&2\nexit 1\n")
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    result = run("19", "--form", "sticker", "--printer", "OFFICE1")
    assert result.exit_code == 1
    assert result.output.startswith("carsplus: PRINTER OFFICE1 REFUSED IT - KEPT IN ")
    assert list((tmp_path / "spool").glob("000019-sticker-*.pdf"))


def test_a_printer_that_takes_the_job_is_named(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text("#!/bin/sh\necho 'request id is OFFICE1-1 (1 file(s))'\n")
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CARSPLUS_PRINTER", "OFFICE1")
    result = run("19", "--form", "sticker")
    assert result.exit_code == 0
    assert result.output.strip() == "DAMAGE STICKER SENT TO PRINTER OFFICE1"


@pytest.mark.slow
def test_the_letter_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("carsplus_tui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("accident_letter", "damage_letter", "final_letter"):
        assert f"carsplus_tui/printing/templates/{name}.txt" in names
