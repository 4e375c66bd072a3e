"""The files this program creates — the embedded database (and its WAL), the data and spool folders, spool PDFs, DMS
outbox files — are readable by their owner only, or also by CARSPLUS_FILE_GROUP; never by everyone."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.dms.outbox import OutboxConnector
from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.printing.dispatch import keep_in_spool


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():  # noqa: ANN201
    old = os.umask(0o022)  # what most accounts have: without care, files would be world-readable
    yield
    os.umask(old)


@pytest.fixture
def group(monkeypatch: pytest.MonkeyPatch) -> int:
    gid = os.getgid()
    monkeypatch.setenv("CARSPLUS_FILE_GROUP", str(gid))
    return gid


def test_the_embedded_database_and_its_folder_are_the_owners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(data))
    monkeypatch.delenv("CARSPLUS_DATABASE_URL", raising=False)
    monkeypatch.delenv("CARSPLUS_FILE_GROUP", raising=False)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert mode(data) == 0o700 and mode(data / "carsplus.db") == 0o600
    for extra in ("carsplus.db-wal", "carsplus.db-shm"):
        if (data / extra).exists():
            assert mode(data / extra) == 0o600


def test_an_older_world_readable_database_is_tightened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    db.touch(mode=0o644)
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.delenv("CARSPLUS_FILE_GROUP", raising=False)
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    assert mode(db) == 0o640


def test_spool_pdfs_are_the_owners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    monkeypatch.delenv("CARSPLUS_FILE_GROUP", raising=False)
    path = keep_in_spool(b"%PDF-1.4", tmp_path / "spool", 44, PrintForm.DAMAGE_STICKER, datetime(2009, 7, 22, 14, 30))
    assert mode(path) == 0o600 and mode(tmp_path / "spool") == 0o700


def test_a_group_named_by_it_may_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: int) -> None:
    from datetime import datetime

    data = tmp_path / "data"
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(data))
    monkeypatch.delenv("CARSPLUS_DATABASE_URL", raising=False)
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    assert mode(data) == 0o2750 and mode(data / "carsplus.db") == 0o640
    assert (data / "carsplus.db").stat().st_gid == group
    path = keep_in_spool(b"%PDF-1.4", data / "spool", 44, PrintForm.DAMAGE_STICKER, datetime(2009, 7, 22, 14, 30))
    assert mode(path) == 0o640 and path.stat().st_gid == group
    outbox = OutboxConnector(tmp_path / "outbox")
    outbox.reserve_repair_order(1, "repair-order-1")
    written = list((tmp_path / "outbox" / "outbox").glob("*.json"))
    assert written and all(mode(p) == 0o640 and p.stat().st_gid == group for p in written)
    assert json.loads(written[0].read_text())


def test_an_unknown_group_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARSPLUS_FILE_GROUP", "no-such-group-xyz")
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CARSPLUS_DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1 and "CARSPLUS_FILE_GROUP 'no-such-group-xyz' is not a group" in result.output
