"""Sign-on: employee code and password. The signed-on employee is the author of every save, note and audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input

from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseFailed, DatabaseWork, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

if TYPE_CHECKING:
    from carsplus_tui.services.opening import DatabaseOpening
    from carsplus_tui.services.sign_on import SignedOn


class FirstRunNotice(NamedTuple):
    lines: tuple[str, ...]


class Refused(NamedTuple):
    line: str


class SignOnScreen(DatabaseWork, Screen["SignedOn"]):
    """Dismisses with the signed-on employee. `notice`: shown on the message line (why the last one was signed off)."""

    def __init__(self, notice: str | None = None) -> None:
        super().__init__()
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-on"):
            yield Label("CARS+ DAMAGE REPORT ENTRY (DMGENT)", classes="popup-title")
            yield Label("")
            with Horizontal(classes="row"):
                yield Label("EMPLOYEE CODE", width=16, classes="label")
                yield Field("employee", 6, id="employee")
            with Horizontal(classes="row"):
                yield Label("PASSWORD", width=16, classes="label")
                yield Field("password", 30, upper=False, password=True, id="password")
            yield Label("")
            yield Label("5 WRONG PASSWORDS IN A ROW LOCK THE CODE FOR 5 MINUTES", classes="label", id="sign-on-hint")
            yield Label("", classes="label", id="first-run")
        yield MessageLine()

    def on_mount(self) -> None:
        self.query_one("#employee", Field).focus()
        if self.notice:
            self.query_one(MessageLine).say(self.notice)
        self.explain_first_run(host(self).opening)

    @db_work(group="first-run", again="ENTER")
    def explain_first_run(self, opening: DatabaseOpening) -> FirstRunNotice | None:
        """A database with no employees says so (and how to add them); the sample data names its sign-ons."""
        db = opening.wait()
        if db is None:
            return None
        from carsplus_tui.services.first_run import sign_on_notice

        lines = sign_on_notice(db)
        return FirstRunNotice(lines) if lines else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "employee":
            if event.value.strip():
                self.set_focus(self.query_one("#password", Field))  # at once: the password typed ahead lands there
            return
        code = self.query_one("#employee", Field).value
        if not event.value:
            # A blank Enter is not a guess: no attempt is counted against the code (five lock it).
            self.query_one(MessageLine).say("TYPE THE PASSWORD, THEN ENTER")
            return
        self.query_one(MessageLine).say("SIGNING ON ...")
        self.check(host(self).opening, code, event.value)

    @db_work(group="sign-on", again="ENTER")
    def check(self, opening: DatabaseOpening, code: str, password: str) -> SignedOn | Refused:
        if not opening.ready.is_set():
            # A progress line while the thread waits for the database to be prepared, not a database answer.
            self.app.call_from_thread(self.say, "PREPARING THE DATABASE - PLEASE WAIT ...")
        db = opening.again()  # (after a failed start, prepared again: a failure again is a message, db_work)
        from carsplus_tui.services.sign_on import SignOnError, sign_on

        try:
            return sign_on(db, code, password)
        except SignOnError as exc:
            return Refused(str(exc))

    def on_database_done(self, event: DatabaseDone) -> None:
        from carsplus_tui.services.sign_on import SignedOn  # (the worker imported it already)

        match event.result:
            case FirstRunNotice(lines):
                self.query_one("#first-run", Label).update("\n".join(lines))
            case Refused(line):
                self.refused(line)
            case SignedOn() as employee:
                # Out of the worker's thread: leaving the screen ends its workers, and this one has returned.
                self.dismiss(employee)

    def on_database_failed(self, event: DatabaseFailed) -> None:
        if event.group != "sign-on":
            return  # (the first-run notice: the line alone; what is typed stays)
        # The line says ENTER AGAIN: the password stays (hidden), so Enter signs on once the database is back.
        self.query_one("#password", Field).focus()

    def say(self, line: str) -> None:
        self.query_one(MessageLine).say(line)

    def refused(self, message: str) -> None:
        password = self.query_one("#password", Field)
        password.value = ""
        self.query_one(MessageLine).refuse(message, password)  # what was typed ahead is not the next password
