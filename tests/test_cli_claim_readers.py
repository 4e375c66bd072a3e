"""The commands that only READ claim information (DESIGN.md §6a): `followups`, `ageing`, `report-dmgsum`,
`report-vicrpt`, `dms history`, `report show`, `report history`, `workorder show`, `print` and `search`; and the
commands that read what only administrators see (`user list`, `control show`, `audit verify`) or what every employee
sees (`ra show`, `codes list`, F6's `search`, the counter's papers). Whoever runs
the CLI holds the database URL, so without `--employee` (or CARSPLUS_EMPLOYEE) they read as IT; with an employee named
they sign on like the screens and read with that employee's access. Tried as an adversary would on the sample data:
an employee without a password, a wrong password, five wrong ones (the code locks, as on the sign-on screen), an
employee whose Access Claim is none (refused in one line, nothing of the claims printed), the right one (view access
suffices), and CARSPLUS_EMPLOYEE set at a counter's shell. On SQLite and on PostgreSQL (CARSPLUS_TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.domain.permissions import ADMINISTRATOR_ONLY, CLAIM_NO_ACCESS, DMS_NO_ACCESS
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
# command line -> what an administrator (or IT) reads; everyone else gets ADMINISTRATOR_ONLY
ADMIN_READERS = {
    ("user", "list"): "MGARCI",  # who the employees are and what access each has
    ("control", "show"): "ausie_rules",
    ("audit", "verify", "1"): "AUDIT TRAIL VERIFIED",
}
# command line -> what every employee who signs on reads (page 1's RA and code pop-ups)
COUNTER_READERS = {
    ("ra", "show", "A0001294"): "RA# A0001294",
    ("codes", "list", "damage-types"): "DENT",
}


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


@pytest.mark.parametrize("args", ADMIN_READERS, ids=[" ".join(a[:2]) for a in ADMIN_READERS])
def test_what_only_administrators_read_refuses_everyone_else(run, args: tuple[str, ...]) -> None:  # noqa: ANN001
    """`user list` would tell a counter agent which codes are administrators and which are locked."""
    shows = ADMIN_READERS[args]
    assert shows in run(args).output  # IT, without an employee
    for code in ("AGENT", "MGARCI", "GFOSTE"):  # Access Claim none, view and edit, none of them an administrator
        refused(run(args, code, code.lower()), ADMINISTRATOR_ONLY, shows)
    refused(run(args, "DEMO", "guess"), INVALID, shows)
    result = run(args, "CLERK", "clerk")  # an administrator
    assert result.exit_code == 0 and shows in result.output, result.output


@pytest.mark.parametrize("args", COUNTER_READERS, ids=[" ".join(a[:2]) for a in COUNTER_READERS])
def test_the_counters_reference_reads_for_any_employee_who_signs_on(run, args: tuple[str, ...]) -> None:  # noqa: ANN001
    shows = COUNTER_READERS[args]
    assert shows in run(args).output
    result = run(args, "AGENT", "agent")  # Access Claim none: the RA and the codes are page 1's
    assert result.exit_code == 0 and shows in result.output, result.output
    refused(run(args, "AGENT", "guess"), INVALID, shows)
    refused(run(args, "NOBODY", "agent"), INVALID, shows)


def test_a_counters_shell_with_the_employee_exported(sample_db: Database, tmp_path) -> None:  # noqa: ANN001
    """The set-up README recommends for a site that gives agents a shell: CARSPLUS_EMPLOYEE exported in the real
    shell (not click's test runner), the password from CARSPLUS_PASSWORD; the commands read with that employee's
    access, and `unset` reads as IT again."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARSPLUS_") or k == "CARSPLUS_LOG_DIR"}
    env |= {"CARSPLUS_DATABASE_URL": sample_db.engine.url.render_as_string(hide_password=False),
            "CARSPLUS_DATA_DIR": str(tmp_path), "PY": sys.executable}

    def shell(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)

    agent = shell('export CARSPLUS_EMPLOYEE=AGENT CARSPLUS_PASSWORD=agent; "$PY" -m carsplus_tui user list')
    assert agent.returncode == 1 and agent.stdout == "", agent
    assert agent.stderr.strip().splitlines() == [f"carsplus: {ADMINISTRATOR_ONLY}"], agent.stderr
    assert "RA# A0001294" in shell('export CARSPLUS_EMPLOYEE=AGENT CARSPLUS_PASSWORD=agent; '
                                   '"$PY" -m carsplus_tui ra show A0001294').stdout
    wrong = shell('export CARSPLUS_EMPLOYEE=DEMO CARSPLUS_PASSWORD=guess; "$PY" -m carsplus_tui control show')
    assert wrong.returncode == 1 and wrong.stdout == "" and INVALID in wrong.stderr, wrong
    it = shell('export CARSPLUS_EMPLOYEE=AGENT; unset CARSPLUS_EMPLOYEE; "$PY" -m carsplus_tui user list')
    assert it.returncode == 0 and "MGARCI" in it.stdout, it
