"""PostgreSQL stopped while an agent types (`pg_ctl stop -m immediate` on a PRIVATE server this test starts, never
the shared one): Enter and F1 give one line, the screen keeps what was typed; started again, F1 saves it all."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.sample import load_sample_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.conftest import PG_URL
from tests.tui.conftest import message, settle, signed_on, type_field

pytestmark = pytest.mark.slow


def _bindir() -> Path | None:
    found = shutil.which("initdb")
    if found and (Path(os.path.realpath(found)).parent / "createdb").exists():
        return Path(os.path.realpath(found)).parent
    dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda d: int(d.parent.name))
    return dirs[-1] if dirs else None


class PrivateServer:
    def __init__(self, root: Path) -> None:
        bindir = _bindir()
        if not PG_URL or bindir is None:
            pytest.skip("PostgreSQL only, with its server programs installed")
        self.bindir, self.data = bindir, root / "pgdata"
        self.data.mkdir()
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.run_as:
            shutil.chown(root, "postgres")
            shutil.chown(self.data, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        try:
            subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                            "gone"], check=True, capture_output=True)
        except BaseException:
            self.stop()  # never leave a server behind
            raise
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/gone"

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run([*self.run_as, str(self.bindir / program), *args], check=True, capture_output=True)

    def start(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.data / "log"), "-w", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.data} -c fsync=off",
                 "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


@pytest.fixture
def server():  # noqa: ANN201
    # Not under pytest's temporary folder: the postgres user (the server refuses root) must reach it.
    root = Path(tempfile.mkdtemp(prefix="carsplus-gone."))
    private = PrivateServer(root)
    try:
        yield private
    finally:
        subprocess.run([*private.run_as, str(private.bindir / "pg_ctl"), "-D", str(private.data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


async def test_postgresql_stopped_and_started_while_typing(server: PrivateServer) -> None:
    db = Database(server.url, lock_timeout_s=2)
    migrate.upgrade(db.engine)
    load_sample_data(db)
    app = CarsplusApp(db)
    try:
        async with signed_on(app) as pilot:
            screen = app.screen
            assert isinstance(screen, DamageEntryScreen)
            await type_field(pilot, "A0001310")
            await pilot.press("escape", *"12", "enter", *"CN777")
            await settle(pilot)
            server.stop()
            await pilot.press("enter")  # the field is checked and kept; its draft cannot be written: a message
            await settle(pilot, 6)
            assert message(app).strip() == "DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK", message(app)
            await pilot.press("escape", "f1")
            await settle(pilot, 6)
            line = message(app).strip()
            assert line == "DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK", line
            assert app.screen is screen and app.is_running
            assert screen.field("renters_claim_number").value == "CN777"
            server.start()
            await pilot.press("f1")
            await settle(pilot, 6)
            while app.screen is not screen:
                await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "escape")
                await settle(pilot)
            number = int(screen.query_one("#d-report-number").render().plain.strip())
        saved = load_report_data(db, number)
        assert (saved.ra_number, saved.renters_claim_number) == ("A0001310", "CN777")
    finally:
        db.dispose()
