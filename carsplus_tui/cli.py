"""The `carsplus` command: the terminal app when run bare, and the IT / script commands below it.

Every command reports bad input as one line on standard error and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from carsplus_tui.cli_auth import (
    administrator_reader, authenticate, claim_reader, counter_reader, employee_options, read_password, reader_options,
)


class CliError(click.ClickException):
    """A one-line reason for the person at the keyboard; exit code 1."""

    def show(self, file: Any = None) -> None:  # noqa: ANN401
        click.echo(f"carsplus: {self.format_message()}", err=True)


def one_line(exc: Exception) -> click.ClickException | SystemExit:
    """THE place where the CLI turns an error into what the person at the keyboard reads: one line on standard
    error (several for a report's field errors), a non-zero exit, never a traceback, a URL or a password. Raise what
    it returns. Anything unexpected is logged (traceback, password masked) and named in one line too."""
    # Imported only when something failed: bare `carsplus` must not pay for SQLAlchemy before its first screen.
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from carsplus_tui.domain.errors import ReportValidationError
    from carsplus_tui.services.faults import fault_kind, is_driver_error, log_fault, mask_secrets

    def first_line(text: str) -> str:
        return mask_secrets(text.strip().splitlines()[0] if text.strip() else "")

    if isinstance(exc, click.ClickException):
        return exc
    if isinstance(exc, ReportValidationError):
        for error in exc.errors:
            click.echo(f"carsplus: {error}", err=True)
        return SystemExit(1)
    alembic_error = type(exc).__module__.startswith("alembic")
    if alembic_error:  # an unknown revision, a bad target: alembic says which in its first line
        return CliError(first_line(str(exc)) or type(exc).__name__)
    if isinstance(exc, ArgumentError) or type(exc).__name__ == "NoSuchModuleError":
        return CliError("CARSPLUS_DATABASE_URL is not a database URL this program can use "
                        "(sqlite:///path/file.db or postgresql+psycopg://user:password@host/db)")
    if isinstance(exc, SQLAlchemyError | OverflowError) or is_driver_error(exc):
        log_fault(exc, "cli")
        kind = fault_kind(exc)
        orig = getattr(exc, "orig", None)
        reason = first_line(str(orig if orig is not None else exc)) or type(exc).__name__
        if kind == "range":
            return CliError(f"a number is too large for the database ({reason})")
        if kind == "read-only":
            return CliError(f"the database is read-only: nothing was changed ({reason})")
        return CliError(f"database error: {reason}")
    if isinstance(exc, ValueError | LookupError | RuntimeError | OSError):
        return CliError(first_line(str(exc)) or type(exc).__name__)
    log_fault(exc, "cli")
    return CliError(f"unexpected error ({type(exc).__name__}) - the details are in the log file")


def _friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """A command's own errors as `one_line` says (the group does the same for every command; kept on commands that
    catch before the group does)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except Exception as exc:  # noqa: BLE001 - one_line sorts it
            raise one_line(exc) from None

    return wrapper


class UsageLine(CliError):
    """A command line click cannot take (an unknown option, a number out of range, a missing argument): one line
    naming the help to read, exit code 2 as click gives."""

    exit_code = 2


def usage_line(exc: click.UsageError) -> click.ClickException:
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return exc  # a group named alone: its help, as asked
    where = exc.ctx.command_path if exc.ctx is not None else "carsplus"
    return UsageLine(f"{exc.format_message()} - see {where} --help")


class CarsplusGroup(click.Group):
    """`carsplus`: every command, in this module or another (cli_*.py), answers an error through `one_line`."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:  # noqa: ANN401
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise usage_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:  # noqa: ANN401
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise usage_line(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - one_line sorts it
            self._log_to_file()
            raise one_line(exc) from None

    @staticmethod
    def _log_to_file() -> None:
        from carsplus_tui.applog import configure_logging

        try:
            configure_logging(get_settings())
        except Exception:  # noqa: BLE001, S110 - settings that cannot be read: the line is still printed
            return


def get_settings():  # noqa: ANN201
    # Imported when needed: bare `carsplus` shows its first screen before pydantic and SQLAlchemy are loaded.
    from carsplus_tui.settings import get_settings as read

    return read()


@contextmanager
def _database(*, require_schema: bool = True) -> Iterator[Any]:
    from carsplus_tui.db import migrate
    from carsplus_tui.services.setup import open_database

    db = open_database(get_settings())
    try:
        if require_schema and not migrate.is_up_to_date(db.engine):
            raise CliError(
                f"the database is not at the current schema ({migrate.current_revision(db.engine) or 'empty'}); "
                "run `carsplus db upgrade` first"
            )
        yield db
    finally:
        db.dispose()


# ----------------------------------------------------------------------------------------------------------------
# carsplus (the terminal app)
# ----------------------------------------------------------------------------------------------------------------


@click.group(cls=CarsplusGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--ra", "ra_number", metavar="RA#", help="Open page 1 with this RA already entered (as from RA Open/Close).")
@click.option("--non-rev", "non_rev_number", metavar="TICKET", help="Open page 1 with this non-rev ticket entered.")
@click.option("--unit", "unit_number", metavar="UNIT", help="Open page 1 with this unit # entered.")
@click.version_option(package_name="carsplus-tui")
@click.pass_context
@_friendly_errors
def main(ctx: click.Context, ra_number: str | None, non_rev_number: str | None, unit_number: str | None) -> None:
    """CARS+ Damage Report Entry (DMGENT) and DMS Activity.

    Run bare to start the terminal application (on first run it creates the embedded database and loads the
    sample data). The commands below are for IT and scripts.
    """
    if ctx.invoked_subcommand is not None:
        return
    from carsplus_tui.tui import keys
    from carsplus_tui.tui.app import CarsplusApp

    try:  # a site's remapped keys are checked before the screen takes over the terminal
        keys.parse_keymap(get_settings().keymap)
    except keys.KeymapError as exc:
        raise CliError(str(exc)) from None

    # The sign-on screen shows at once; the app opens the database behind it (migrating the embedded one, and
    # loading the sample data on the very first run). A shared server at the wrong schema ends the app with a
    # one-line reason, like any other command.
    app = CarsplusApp(None, ra_number=ra_number, non_rev_number=non_rev_number, unit_number=unit_number)
    app.run()
    if app.fatal_problem:
        raise CliError(app.fatal_problem)
    if app.return_code:  # it could not go on (an unexpected error): one line was printed, the rest is in the log
        raise SystemExit(app.return_code)


# ----------------------------------------------------------------------------------------------------------------
# carsplus db …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Database schema (upgrade, downgrade, current), backup and restore, and the app role's grants."""


@db.command("upgrade")
@click.argument("revision", default="head")
@_friendly_errors
def db_upgrade(revision: str) -> None:
    """Migrate the database (CARSPLUS_DATABASE_URL) up to REVISION (default: head)."""
    from carsplus_tui.db import migrate

    with _database(require_schema=False) as database:
        migrate.upgrade(database.engine, revision)
        click.echo(f"database at {migrate.current_revision(database.engine)}")
        if database.dialect == "postgresql":
            from carsplus_tui.db.privileges import app_roles

            with database.engine.connect() as connection:
                for role in app_roles(connection):
                    click.echo(f"the app role {role} needs its grants again: carsplus db grant {role} --apply", err=True)


@db.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Downgrade even though data would be dropped or cut short (said first).")
@_friendly_errors
def db_downgrade(revision: str, yes: bool) -> None:
    """Migrate the database down to REVISION (`base` removes everything). A downgrade that would drop or shorten
    data says what and how much, and is refused without --yes."""
    from carsplus_tui.db import migrate

    with _database(require_schema=False) as database:
        losses = migrate.downgrade_losses(database.engine, revision)
        if losses:
            click.echo(f"downgrading to {revision}:", err=True)
            for loss in losses:
                click.echo(f"  {loss}", err=True)
            if not yes:
                raise CliError("nothing changed: that data would be lost (back it up with `carsplus db backup FILE`, "
                               "then run the downgrade again with --yes)")
        migrate.downgrade(database.engine, revision)
        click.echo(f"database at {migrate.current_revision(database.engine) or 'base'}")


@db.command("current")
@_friendly_errors
def db_current() -> None:
    """Show the database's schema revision and the one this program needs."""
    from carsplus_tui.db import migrate

    with _database(require_schema=False) as database:
        current = migrate.current_revision(database.engine)
        head = migrate.head_revision()
        state = "up to date" if current == head else "needs `carsplus db upgrade`"
        click.echo(f"{database.engine.url.render_as_string()}: {current or 'empty'} (program needs {head}; {state})")


# ----------------------------------------------------------------------------------------------------------------
# carsplus sample …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def sample() -> None:
    """Sample and synthetic data."""


@sample.command("load")
@click.option("--force", is_flag=True, help="Empty a database that already holds data, then load (asks for its name).")
@click.option("--yes-really-wipe", "wipe_name", metavar="NAME", help="With --force: the database's name, not asked.")
@_friendly_errors
def sample_load(force: bool, wipe_name: str | None) -> None:
    """Load the shipped sample data (locations, employees, vehicles, RAs, damage reports) into an empty database."""
    from carsplus_tui.db import migrate
    from carsplus_tui.services.sample import SampleDataError, database_holds_data, load_sample_data

    with _database(require_schema=False) as database:
        migrate.upgrade(database.engine)
        force = force or wipe_name is not None
        held = database_holds_data(database) if force else None
        if held:
            _confirm_wipe(database, held, wipe_name)
        try:
            summary = load_sample_data(database, force=force)
        except SampleDataError as exc:
            raise CliError(str(exc)) from None
        click.echo(summary)


def database_name(url: Any) -> str:  # noqa: ANN401
    """The name to type before a database is emptied: PostgreSQL's database name, or the SQLite file's name."""
    from sqlalchemy.engine import make_url

    parsed = make_url(str(url)) if not hasattr(url, "database") else url
    if parsed.get_backend_name() == "sqlite":
        return Path(parsed.database or "").name or ":memory:"
    return parsed.database or ""


def _confirm_wipe(database: Any, held: str, wipe_name: str | None) -> None:  # noqa: ANN401
    """Emptying a database that holds data needs its name, typed or given with --yes-really-wipe."""
    name = database_name(database.engine.url)
    if wipe_name is None:
        click.echo(f"--force empties database {name}, which holds {held}, and nothing brings it back "
                   "(carsplus db backup first).", err=True)
        try:
            wipe_name = click.prompt("Type the database's name to empty it", default="", show_default=False,
                                     err=True)
        except click.Abort:
            wipe_name = ""
    if wipe_name != name:
        raise CliError(f"nothing changed: the database's name is {name}" if wipe_name else "nothing changed")


@sample.command("generate")
@click.option("--reports", "count", type=click.IntRange(1, 10_000_000), required=True, help="How many reports to add.")
@click.option("--seed", type=int, default=2009, show_default=True, help="Random seed (same seed, same data).")
@_friendly_errors
def sample_generate(count: int, seed: int) -> None:
    """Add COUNT realistic synthetic reports (with vehicles, RAs, lines and notes) for scale tests."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from carsplus_tui.services.generate import generate_reports

    with _database() as database:
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                   TimeElapsedColumn(), TimeRemainingColumn())
        with Progress(*columns, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("generating reports", total=count)
            result = generate_reports(database, count, seed=seed, progress=lambda n: progress.update(task, advance=n))
        click.echo(result)


# ----------------------------------------------------------------------------------------------------------------
# carsplus report …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def report() -> None:
    """Damage reports as JSON (DESIGN.md §8)."""


@report.command("show")
@click.argument("number", type=int)
@reader_options
@_friendly_errors
def report_show(number: int, employee: str | None, password_stdin: bool) -> None:
    """Print damage report NUMBER as JSON, page 2 and the notes too (with --employee: one who may view claims)."""
    from carsplus_tui.services.reports import report_json

    with _database() as database:
        claim_reader(database, employee, password_stdin)
        click.echo(json.dumps(report_json(database, number), indent=2))


@report.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@employee_options
@_friendly_errors
def report_import(file: Path, employee: str, password_stdin: bool) -> None:
    """Create or update a report from FILE (JSON; `-` for standard input) through the screens' validation, signed
    on as --employee (the author of the save, its notes and audit entries, with that employee's access).

    FILE may be at most 1 MB; with `-` and --password-stdin the password is the first line, the JSON follows."""
    from carsplus_tui.services.reports import import_report_json

    password = read_password(employee.strip().upper(), password_stdin)
    with _database() as database:
        signed = authenticate(database, employee, password_stdin, password=password)
        saved = import_report_json(database, _read_json(file), employee_code=signed.code)
        click.echo(f"damage report {saved.report_number} saved (version {saved.version})")


@report.command("history")
@click.argument("number", type=int)
@reader_options
@_friendly_errors
def report_history(number: int, employee: str | None, password_stdin: bool) -> None:
    """List every recorded modification of report NUMBER (who, when, what); signed on as an employee who may view
    claims."""
    from carsplus_tui.services.audit import history_verdict
    from carsplus_tui.services.reports import report_history as history

    with _database() as database:
        claim_reader(database, employee, password_stdin)
        for line in [*history(database, number), *history_verdict(database, number)]:
            click.echo(line)


MAX_IMPORT_BYTES = 1_000_000  # a report's JSON is a few kB; 50 notes of 1,000 characters fit many times over


def _read_limited(stream: Any, name: object, limit: int = MAX_IMPORT_BYTES,  # noqa: ANN401
                  what: str = "a damage report") -> str:
    text = stream.read(limit + 1)
    if len(text) > limit:
        raise CliError(f"{name}: larger than {limit:,} characters - not {what}")
    return text


def _read_json(file: Path, limit: int = MAX_IMPORT_BYTES, what: str = "a damage report") -> Any:  # noqa: ANN401
    """An import's FILE (`-`: standard input, after the password's line) read and parsed, each fault one line naming
    it. The import commands call it only once the employee is signed on and may import: someone refused learns
    nothing about the file."""
    text = _read_limited(sys.stdin, file, limit, what) if str(file) == "-" else _read_text(file, limit, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{file}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise CliError(f"{file}: not valid JSON (nested too deeply)") from None
    except ValueError:  # json reads an integer of any length, up to Python's 4300-digit limit
        raise CliError(f"{file}: not valid JSON (a number has too many digits)") from None


def _read_text(path: Path, limit: int = MAX_IMPORT_BYTES, what: str = "a damage report") -> str:
    try:
        with path.open(encoding="utf-8") as stream:
            return _read_limited(stream, path, limit, what)
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None


# ----------------------------------------------------------------------------------------------------------------
# carsplus ra …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def ra() -> None:
    """Rental agreements."""


@ra.command("show")
@click.argument("ra_number")
@reader_options
@_friendly_errors
def ra_show(ra_number: str, employee: str | None, password_stdin: bool) -> None:
    """Show an RA: renter, vehicles carried, and its charges (including those damage reports put on it); with
    --employee, signed on (any employee: the RA is the counter's, as on page 1)."""
    from carsplus_tui.services.reports import describe_rental_agreement

    with _database() as database:
        counter_reader(database, employee, password_stdin)
        click.echo(describe_rental_agreement(database, ra_number.upper()))


# ----------------------------------------------------------------------------------------------------------------
# carsplus user …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def user() -> None:
    """Employees and their access (User Access File)."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask the password on: use --password-stdin")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _signer_option(func):  # noqa: ANN001, ANN202 - a click decorator
    return click.option(
        "--employee", "signer", metavar="CODE", envvar="CARSPLUS_EMPLOYEE", default=None,
        help="The administrator (or, for passwd, the employee themself) who signs on for this change; the password "
             "comes from CARSPLUS_PASSWORD or a prompt (standard input carries the new password).",
    )(func)


def _sign_on_for_user_change(database: Any, signer: str | None, *, changing: str | None) -> None:
    """Changing the User Access File needs a sign-on like every other change: an administrator, or for a password
    the employee themself. Only the very first employee of an empty database is added without one (nobody exists
    to sign on yet)."""
    from carsplus_tui.services.users import count_employees

    if count_employees(database) == 0:
        return
    if not signer:
        raise CliError("sign on to change employees: --employee CODE (an administrator) with CARSPLUS_PASSWORD")
    code = signer.strip().upper()
    if os.environ.get("CARSPLUS_PASSWORD") is None and not sys.stdin.isatty():
        # Standard input carries the new password (--password-stdin), so the signer's can only come from here.
        raise CliError(f"no password for {code}: set CARSPLUS_PASSWORD (standard input carries the new password)")
    signed = authenticate(database, code, False, password=read_password(code, False))
    if changing is not None and code == changing.strip().upper():
        return
    if not signed.access.administrator:
        raise CliError(f"{code} is not an administrator (User Access File): nothing changed")


@user.command("add")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--location", required=True, help="Location code, e.g. TUS.")
@click.option("--access-claim", type=click.Choice(["edit", "view", "none"]), required=True,
              help="Access Claim: page 2 edit, view-only, or no access.")
@click.option("--restrict-editclos", is_flag=True, help="Restrict EDITCLOS: no damage on posted RAs.")
@click.option("--administrator", is_flag=True, help="Administrator: control files, code tables, user access.")
@click.option("--first-screen", type=click.Choice(["DMGENT", "MENU"], case_sensitive=False), default="DMGENT",
              help="First screen after sign-on: DMGENT (page 1, default) or the Damage Tracking MENU.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@_signer_option
@_friendly_errors
def user_add(code: str, name: str, location: str, access_claim: str, restrict_editclos: bool, administrator: bool,
             first_screen: str, password_stdin: bool, signer: str | None) -> None:
    """Add employee CODE with a password (an administrator signs on, except for the very first employee)."""
    from carsplus_tui.services.users import UserError, add_user

    password = _read_password(password_stdin)
    with _database() as database:
        _sign_on_for_user_change(database, signer, changing=None)
        try:
            add_user(database, code, name=name, location=location, password=password,
                     access_claim=access_claim, restrict_editclos=restrict_editclos,  # type: ignore[arg-type]
                     administrator=administrator, first_screen=first_screen.upper())  # type: ignore[arg-type]
        except UserError as exc:
            raise CliError(str(exc)) from None
    click.echo(f"employee {code.upper()} added")


@user.command("passwd")
@click.argument("code")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@_signer_option
@_friendly_errors
def user_passwd(code: str, password_stdin: bool, signer: str | None) -> None:
    """Set employee CODE's password (and unlock the code): an administrator, or CODE itself, signs on."""
    from carsplus_tui.services.users import UserError, set_password

    password = _read_password(password_stdin)
    with _database() as database:
        _sign_on_for_user_change(database, signer, changing=code)
        try:
            set_password(database, code, password)
        except UserError as exc:
            raise CliError(str(exc)) from None
    click.echo(f"password of {code.upper()} changed")


@user.command("list")
@reader_options
@_friendly_errors
def user_list(employee: str | None, password_stdin: bool) -> None:
    """List employees with their location and access; with --employee, signed on as an administrator (the User
    Access File is theirs)."""
    from carsplus_tui.services.users import list_users

    with _database() as database:
        administrator_reader(database, employee, password_stdin)
        click.echo(f"{'CODE':<6}  {'NAME':<30}  {'LOC':<6}  {'CLAIM':<5}  {'EDITCLOS':<10}  {'ADMIN':<5}  "
                   f"{'FIRST':<6}  LOCKED")
        for row in list_users(database):
            restricted = "RESTRICTED" if row.restrict_editclos else "-"
            click.echo(f"{row.code:<6}  {row.name:<30}  {row.location:<6}  {row.access_claim:<5}  {restricted:<10}  "
                       f"{'ADMIN' if row.administrator else '-':<5}  {row.first_screen:<6}  "
                       f"{'LOCKED' if row.locked else '-'}")


# ----------------------------------------------------------------------------------------------------------------
# carsplus print …
# ----------------------------------------------------------------------------------------------------------------

PRINT_FORMS = ("accident-report", "boot-report", "sticker", "accident-letter", "damage-letter", "final-letter",
               "statement", "utilization-log")


@main.command("print")
@click.argument("number", type=int)
@click.option("--form", "form_name", type=click.Choice(PRINT_FORMS), required=True, help="Which paper to print.")
@click.option("--out", type=click.Path(path_type=Path), help="Also write the PDF here (a folder keeps the spool name).")
@click.option("--printer", metavar="QUEUE", help="CUPS queue for `lp -d` (default: CARSPLUS_PRINTER).")
@click.option("--anyway", is_flag=True, help="Print even when the form's condition does not hold (a reprint).")
@reader_options
@_friendly_errors
def print_report(number: int, form_name: str, out: Path | None, printer: str | None, anyway: bool, employee: str | None,
                 password_stdin: bool) -> None:
    """Print a form or letter of damage report NUMBER: keep the PDF in the spool folder, send it with `lp`.
    Signed on; the claim's papers (damage and final letters, statement, utilization log) need Access Claim view.

    A form whose condition (the one under which F1 offers it) does not hold is refused, naming the condition;
    `--anyway` prints it with REPRINT on its footer. Exits non-zero when a printer was named but did not take
    the job (the PDF is kept all the same).
    """
    from carsplus_tui.domain.printing import CLAIM_FORMS
    from carsplus_tui.printing import page_size_points
    from carsplus_tui.services.printing import condition_not_met_for, form_from_name, print_form

    settings = get_settings()
    page_size_points(settings.page_size)  # a configuration error shows before any database work
    form = form_from_name(form_name)
    with _database() as database:
        if form in CLAIM_FORMS:
            claim_reader(database, employee, password_stdin)
        else:
            counter_reader(database, employee, password_stdin)
        not_met = condition_not_met_for(database, number, form)
        if not_met and not anyway:
            raise CliError(not_met)
        outcome = print_form(database, number, form, settings=settings, printer=printer, out=out,
                             reprint_of=not_met, width=None)  # the whole spool path: the agent must find the file
    if out is not None:
        click.echo(f"written to {out}")
    wanted = (printer or settings.printer or "").strip()
    if wanted and outcome.sent_to is None:
        raise CliError(outcome.message)
    click.echo(outcome.message)


# ----------------------------------------------------------------------------------------------------------------
# carsplus search
# ----------------------------------------------------------------------------------------------------------------


@main.command("search")
@click.option("--vehicle", metavar="UNIT", help="F1: by vehicle (unit) number, newest report first.")
@click.option("--licence", "--license", "licence", metavar="PLATE", help="F2: by licence plate, newest first.")
@click.option("--ra", "ra_number", metavar="RA#", help="F3: by RA number, newest first.")
@click.option("--accident-date", metavar="DATE", help="F4: accident date from DATE onward, in date order.")
@click.option("--followup-date", metavar="DATE", help="F5: follow-up date from DATE onward, in date order.")
@click.option("--status", metavar="U|I|C", help="F6: only reports in this status (with no key: all of them).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="At most N rows.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array of rows instead of the table.")
@reader_options
@_friendly_errors
def search(vehicle: str | None, licence: str | None, ra_number: str | None, accident_date: str | None,
           followup_date: str | None, status: str | None, limit: int, as_json: bool, employee: str | None,
           password_stdin: bool) -> None:
    """Search the damage report file as the F6 screen does, and print the same rows (signed on, as the screen is)."""
    from carsplus_tui.services.search import (
        MAX_PAGE_SIZE, SearchInputError, SearchMode, SearchRequest, SearchRow, search_reports,
    )

    keys = {SearchMode.VEHICLE: vehicle, SearchMode.LICENCE: licence, SearchMode.RA: ra_number,
            SearchMode.ACCIDENT_DATE: accident_date, SearchMode.FOLLOW_UP_DATE: followup_date}
    given = [(mode, key) for mode, key in keys.items() if key is not None]
    if len(given) > 1:
        raise CliError("give one of --vehicle, --licence, --ra, --accident-date, --followup-date (or none)")
    mode, key = given[0] if given else (SearchMode.STATUS, "")
    try:
        request = SearchRequest(mode, key, status, page_size=min(limit, MAX_PAGE_SIZE))
    except SearchInputError as exc:
        raise CliError(str(exc)) from None
    rows: list[SearchRow] = []
    with _database() as database:
        counter_reader(database, employee, password_stdin)  # F6 is every signed-on employee's, page 2 access or not
        page = search_reports(database, request)
        rows.extend(page.rows)
        while page.next_cursor is not None and len(rows) < limit:  # keyset pages, never OFFSET
            page = search_reports(database, request, after=page.next_cursor)
            rows.extend(page.rows)
    rows = rows[:limit]
    if as_json:
        click.echo(json.dumps([{
            "line": r.line, "report_number": r.report_number, "vehicle": r.vehicle,
            "damage_date": r.damage_date.isoformat() if r.damage_date else None,
            "repair_date": r.repair_date.isoformat() if r.repair_date else None, "ra_number": r.ra_number,
            "cost": f"{r.cost:.2f}" if r.cost is not None else None, "report_status": r.report_status,
            "claim_status": r.claim_status,
        } for r in rows], indent=2))
        return
    from carsplus_tui.domain.dates import format_counter_date

    click.echo(f"{'':>4}{'LIC#' if mode is SearchMode.LICENCE else 'VEH#':<11} {'DMG RPT#':>8}  {'DMG DATE':<8}  "
               f"{'REPAIR DATE':<11}  {'RA#':<10}  {'COST':>10}  STATUS")
    for r in rows:
        cost = f"{r.cost:.2f}" if r.cost is not None else ""
        click.echo(f"{r.line:>3}. {r.vehicle:<10} {r.report_number:>8}  {format_counter_date(r.damage_date):<8}  "
                   f"{format_counter_date(r.repair_date):<11}  {r.ra_number or '':<10}  {cost:>10}  "
                   f"{r.report_status} {r.claim_status}")
    if not rows:
        click.echo("NO DAMAGE REPORTS FOUND")


# ----------------------------------------------------------------------------------------------------------------
# carsplus serve
# ----------------------------------------------------------------------------------------------------------------


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--max-sessions", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Sessions (browser tabs, one process each) at once; later tabs get a page saying all are in use.")
@click.option("--allow-origin", "allowed_origins", multiple=True, metavar="URL",
              help="Also accept sessions opened by pages of this origin (e.g. https://portal.example); repeatable.")
@click.option("--certfile", type=click.Path(dir_okay=False, path_type=Path), help="TLS certificate (PEM): serve https.")
@click.option("--keyfile", type=click.Path(dir_okay=False, path_type=Path), help="Its private key (PEM).")
@click.option("--stop-grace", type=click.FloatRange(0, 3600), default=10, show_default=True, metavar="SECONDS",
              help="On Ctrl+C or SIGTERM, how long a session's app may take to quit before it is killed.")
@_friendly_errors
def serve(host: str, port: int, max_sessions: int, allowed_origins: tuple[str, ...], certfile: Path | None,
          keyfile: Path | None, stop_grace: float) -> None:
    """Serve the app to web browsers (browser mode): each tab signs on to a session of its own, with this command's
    settings (CARSPLUS_DATABASE_URL, CARSPLUS_DATA_DIR, ...). Fully offline: the page loads nothing from other hosts.
    Beyond loopback it refuses to start while a sample employee keeps its sample password."""
    from carsplus_tui.tui.serve import serve as serve_app

    serve_app(host=host, port=port, max_sessions=max_sessions, allowed_origins=allowed_origins, certfile=certfile,
              keyfile=keyfile, stop_grace=stop_grace)


# ----------------------------------------------------------------------------------------------------------------
# carsplus dms …
# ----------------------------------------------------------------------------------------------------------------


@main.group()
def dms() -> None:
    """DMS Activity: export ready payments to the DMS, show a report's DMS history (for scripts and nightly jobs)."""


@dms.command("export")
@click.option("--report", "report_number", type=int, metavar="N", help="Only this damage report's receipts.")
@click.option("--all", "all_reports", is_flag=True, help="Every report's Ready and Failed receipts.")
@employee_options
@_friendly_errors
def dms_export(report_number: int | None, all_reports: bool, employee: str, password_stdin: bool) -> None:
    """EXPORT ALL READY PAYMENTS (and Failed and in-doubt ones again), signed on as --employee (Access Claim edit;
    recorded as Completed By). Exit code 3 when some receipt failed, stayed in doubt, or was left Ready (the time
    budget CARSPLUS_DMS_EXPORT_BUDGET was used, or the DMS failed too often)."""
    if (report_number is None) == (not all_reports):
        raise CliError("give --report N or --all")
    from carsplus_tui.services import dms as dms_service

    with _database() as database:
        signed = authenticate(database, employee, password_stdin)
        try:
            settings = get_settings()
            connector = dms_service.connector_from_settings(settings)

            def progress(step) -> None:  # noqa: ANN001
                if not step.sending:
                    click.echo(f"{step.done}/{step.total} RECEIPT {step.receipt.id} "
                               f"{step.receipt.shown_status.upper()} {step.message}")

            summary = dms_service.export_ready_payments(database, connector, signed.code,
                                                        report_number=report_number, progress=progress,
                                                        **dms_service.export_limits(settings, connector))
        except dms_service.DmsError as exc:
            raise CliError(str(exc)) from None
    for notice in summary.notices:
        click.echo(notice)
    click.echo(summary.line)
    if summary.failed or summary.left:
        raise SystemExit(3)


@dms.command("history")
@click.argument("number", type=int)
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
              help="Write the history as CSV to FILE (- for standard output).")
@reader_options
@_friendly_errors
def dms_history(number: int, csv_file: Path | None, employee: str | None, password_stdin: bool) -> None:
    """The DMS Transaction History of report NUMBER, newest first (signed on, as for the DMS Activity window)."""
    from carsplus_tui.domain.dates import format_shown_datetime
    from carsplus_tui.domain.permissions import dms_denied_reason
    from carsplus_tui.services import dms as dms_service

    with _database() as database:
        claim_reader(database, employee, password_stdin, lambda access: dms_denied_reason(access, change=False))
        if csv_file is not None:
            text = dms_service.history_csv(database, number)
            if str(csv_file) == "-":
                click.echo(text, nl=False)
            else:
                csv_file.write_text(text, encoding="utf-8")
            return
        events = dms_service.history(database, number)
    click.echo(f"{'DATE':<14}  {'COMPLETED BY':<20}  {'DESCRIPTION':<40}  {'AMOUNT $':>12}  {'STATUS':<7}  REFERENCE ID")
    for e in events:
        amount = f"{e.amount:,.2f}" if e.amount is not None else ""
        click.echo(f"{format_shown_datetime(e.at):<14}  {e.completed_by[:20]:<20}  {e.description[:40]:<40}  {amount:>12}  "
                   f"{e.status or '':<7}  {e.reference_id or ''}")
    if not events:
        click.echo("NO DMS ACTIVITY")


@main.command("keys")
@click.option("--term", metavar="NAME", help="Check this terminal type instead of $TERM (e.g. vt220).")
@click.option("--press", is_flag=True, help="Ask for each key in turn and show what the app received.")
def keys_command(term: str | None, press: bool) -> None:
    """Which keys this terminal sends (terminfo), and what to type at OPTION for each one it lacks."""
    import os

    if press:
        from carsplus_tui.tui.key_check import KeyCheckApp, summary

        answers = KeyCheckApp().run()
        if not answers:
            raise CliError("the key check was stopped before the last key")
        lines, _missing = summary(answers)
    else:
        from carsplus_tui.tui.terminal_keys import report, terminfo_sequences

        name = term or os.environ.get("TERM")
        lines, _missing = report(name, terminfo_sequences(name))
    for line in lines:
        click.echo(line)


# Command groups kept in their own modules (registered here, after everything they import from this one).
from carsplus_tui.cli_audit import audit as _audit_group  # noqa: E402
from carsplus_tui.cli_claims import register as _register_claims_commands  # noqa: E402
from carsplus_tui.cli_db import register as _register_db_commands  # noqa: E402

main.add_command(_audit_group)
_register_db_commands(db)
# The control record, code tables, configuration and User Access maintenance (issue 21).
from carsplus_tui import cli_admin  # noqa: E402

cli_admin.register(main)
_register_claims_commands(main)
from carsplus_tui.cli_reports import register as _register_report_commands  # noqa: E402 - DMGSUM, VICRPT (issue 22)

_register_report_commands(main)

from carsplus_tui.cli_workorder import workorder  # noqa: E402 - its own module (Damage Work Entry, issue 16)

main.add_command(workorder)
from carsplus_tui.cli_fleet import fleet  # noqa: E402 - vehicles and RAs from the rental system (issue 21)

main.add_command(fleet)

if __name__ == "__main__":  # pragma: no cover
    main()
