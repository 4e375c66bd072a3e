"""A PostgreSQL server of the test's own (initdb on a free loopback port, like .ci/start-postgres), for tests that
stop and start it (`pg_ctl stop -m immediate`). Never the shared test server. Skips unless the suite runs on
PostgreSQL and the server programs are installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_URL


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
def private_server() -> Iterator[PrivateServer]:
    if not PG_URL or _bindir() is None:
        pytest.skip("PostgreSQL only, with its server programs installed")
    # Not under pytest's temporary folder: the postgres user (the server refuses root) must reach it.
    root = Path(tempfile.mkdtemp(prefix="carsplus-gone."))
    try:
        private = PrivateServer(root)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        yield private
    finally:
        subprocess.run([*private.run_as, str(private.bindir / "pg_ctl"), "-D", str(private.data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
