"""`db_work` (tui/dbwork.py): a database call's answer comes back as a typed `DatabaseDone` message and its failure
as `DatabaseFailed` with one line on the message line; the app goes on either way."""

from __future__ import annotations

from sqlalchemy import text
from textual.app import App, ComposeResult

from carsplus_tui.db.database import Database
from carsplus_tui.services.search import report_on_file
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseFailed, DatabaseWork, db_work
from carsplus_tui.tui.widgets.field import MessageLine
from tests.locks import write_lock_held


class Probe(DatabaseWork, App[None]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.done: list[tuple[str, object]] = []
        self.failed: list[str] = []

    def compose(self) -> ComposeResult:
        yield MessageLine()

    @db_work(group="read", again="ENTER")
    def read(self, db: Database, number: int) -> bool:
        return report_on_file(db, number)

    @db_work(group="write", again="F1")
    def write(self, db: Database) -> None:
        with db.write() as session:
            session.execute(text("UPDATE report_counter SET last_number = last_number"))

    def on_database_done(self, event: DatabaseDone) -> None:
        self.done.append((event.group, event.result))

    def on_database_failed(self, event: DatabaseFailed) -> None:
        self.failed.append(event.line)


async def test_an_answer_is_a_done_message_and_a_failure_one_line(sample_db: Database) -> None:
    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)
    app = Probe(db)
    try:
        async with app.run_test() as pilot:
            app.read(db, 1)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.done == [("read", True)]
            with write_lock_held(sample_db):
                app.write(db)
                while not app.failed:
                    await pilot.pause(0.05)
            assert app.failed == ["DATABASE BUSY - F1 AGAIN IN A MOMENT"]
            assert str(app.query_one(MessageLine).render()).strip() == "DATABASE BUSY - F1 AGAIN IN A MOMENT"
            app.write(db)  # the lock gone: the same call works
            while len(app.done) < 2:
                await pilot.pause(0.05)
            assert app.done[-1] == ("write", None) and app.is_running
    finally:
        db.dispose()
