"""The commands that only READ claim information (DESIGN.md §6a): `followups`, `ageing`, `report-dmgsum`,
`report-vicrpt`, `dms history`, `report show`, `report history`, `workorder show`, `print` and `search`. Whoever runs
the CLI holds the database URL, so without `--employee` (or CARSPLUS_EMPLOYEE) they read as IT; with an employee named
they sign on like the screens and read with that employee's access. Tried as an adversary would on the sample data:
an employee without a password, a wrong password, five wrong ones (the code locks, as on the sign-on screen), an
employee whose Access Claim is none (refused in one line, nothing of the claims printed), the right one (view access
suffices), and CARSPLUS_EMPLOYEE set at a counter's shell. On SQLite and on PostgreSQL (CARSPLUS_TEST_DATABASE_URL)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.domain.permissions import CLAIM_NO_ACCESS, DMS_NO_ACCESS
from carsplus_tui.services.sign_on import INVALID

# command line -> (what the right employee reads, the refusal for an Access Claim of none)
READERS = {
    ("followups", "--today", "2026-12-01"): ("FOLLOW-UP QUEUE 12-01-26", CLAIM_NO_ACCESS),
    ("ageing", "--today", "2010-02-01"): ("AGEING OF OPEN CLAIMS 02-01-10", CLAIM_NO_ACCESS),
    ("report-dmgsum", "--location", "TUS"): ("DAMAGE SUMMARY REPORT", CLAIM_NO_ACCESS),
    ("report-vicrpt",): ("VEHICLE INCIDENT CLEARANCE REPORT", CLAIM_NO_ACCESS),
    ("dms", "history", "1"): ("COMPLETED BY", DMS_NO_ACCESS),
    ("report", "show", "1"): ('"report_number": 1', CLAIM_NO_ACCESS),
    ("report", "history", "1"): ("CREATED DAMAGE REPORT 1", CLAIM_NO_ACCESS),
    ("workorder", "show", "1"): ('"number": 5000', CLAIM_NO_ACCESS),
    ("print", "1", "--form", "final-letter", "--anyway"): ("KEPT IN", CLAIM_NO_ACCESS),
}
IDS = [" ".join(args[:2]) for args in READERS]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, sample_db: Database, tmp_path):  # noqa: ANN001, ANN201
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("CARSPLUS_PRINTER", "")
    monkeypatch.delenv("CARSPLUS_EMPLOYEE", raising=False)
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)

    def invoke(args: tuple[str, ...], employee: str | None = None, password: str | None = None, stdin: str = ""):  # noqa: ANN202
        if password is not None:
            monkeypatch.setenv("CARSPLUS_PASSWORD", password)
        extra = ["--employee", employee] if employee else []
        return CliRunner().invoke(main, [*args, *extra], catch_exceptions=False, input=stdin)

    return invoke


def refused(result, words: str, shows: str) -> None:  # noqa: ANN001
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1 or (result.exit_code == 2 and "--employee" in words), result.output
    assert len(lines) == 1 and words in lines[0], result.output
    assert shows not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args", READERS, ids=IDS)
def test_no_employee_reads_as_it_an_employee_without_password_is_refused(run, args: tuple[str, ...]) -> None:  # noqa: ANN001
    shows, _ = READERS[args]
    result = run(args)
    assert result.exit_code == 0 and shows in result.output, result.output
    refused(run(args, "MGARCI"), "no password for MGARCI", shows)  # no terminal to ask on


@pytest.mark.parametrize("args", READERS, ids=IDS)
def test_an_employee_set_at_the_counters_shell_signs_on(run, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                                         args: tuple[str, ...]) -> None:
    shows, refusal = READERS[args]
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "AGENT")
    refused(run(args, password="agent"), refusal, shows)


@pytest.mark.parametrize("args", READERS, ids=IDS)
def test_wrong_password_and_unknown_code_get_the_sign_on_refusal(run, args: tuple[str, ...]) -> None:  # noqa: ANN001
    shows, _ = READERS[args]
    refused(run(args, "MGARCI", "clerk"), INVALID, shows)
    refused(run(args, "NOBODY", "mgarci"), INVALID, shows)


@pytest.mark.parametrize("args", READERS, ids=IDS)
def test_access_claim_none_is_refused_in_one_line(run, args: tuple[str, ...]) -> None:  # noqa: ANN001
    shows, refusal = READERS[args]
    refused(run(args, "AGENT", "agent"), refusal, shows)  # Access Claim none, the right password


@pytest.mark.parametrize("args", READERS, ids=IDS)
@pytest.mark.parametrize(("code", "level"), [("MGARCI", "view"), ("GFOSTE", "edit")])
def test_view_or_edit_reads(run, args: tuple[str, ...], code: str, level: str) -> None:  # noqa: ANN001
    shows, _ = READERS[args]
    result = run(args, code, code.lower())
    assert result.exit_code == 0 and shows in result.output, (level, result.output)


def test_password_on_standard_input(run) -> None:  # noqa: ANN001
    args = ("ageing", "--today", "2010-02-01", "--password-stdin")
    assert "AGEING OF OPEN CLAIMS" in run(args, "PKIM", stdin="pkim\n").output
    refused(run(args, "PKIM", stdin="guess\n"), INVALID, "AGEING OF OPEN CLAIMS")


def test_five_wrong_passwords_lock_the_code_for_the_readers_too(run) -> None:  # noqa: ANN001
    args = ("followups", "--today", "2026-12-01")
    for _ in range(5):
        refused(run(args, "TMILLE", "guess"), INVALID, "FOLLOW-UP QUEUE")
    refused(run(args, "TMILLE", "tmille"), INVALID, "FOLLOW-UP QUEUE")  # locked: the right password is refused too


def test_the_counters_papers_print_for_any_employee_who_signs_on(run) -> None:  # noqa: ANN001
    """The sticker and the accident report are page 1's (the counter prints them after F1): Access Claim none prints
    them, a wrong password does not; F6's search is every employee's too."""
    sticker = ("print", "1", "--form", "sticker", "--anyway")
    assert "KEPT IN" in run(sticker, "AGENT", "agent").output
    refused(run(sticker, "AGENT", "guess"), INVALID, "KEPT IN")
    search = ("search", "--vehicle", "592")
    assert run(search, "AGENT", "agent").exit_code == 0
    refused(run(search, "AGENT", "guess"), INVALID, "592")
