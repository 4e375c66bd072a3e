"""End to end in a real terminal: the app under tmux (tests/e2e/terminal.py). The app runs on the test database of
the fixtures (`sample_db`), so the suite runs on SQLite and, in the PostgreSQL pass, on PostgreSQL."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import Counter


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if shutil.which("tmux") is None:
        skip = pytest.mark.skip(reason="tmux is not installed (.ci/run installs it)")
        for item in items:
            if Path(str(item.fspath)).parent == Path(__file__).parent:
                item.add_marker(skip)


@pytest.fixture
def counter(sample_db, tmp_path: Path) -> Iterator[Counter]:
    """The app on a copy of the sample data (SQLite file, or a PostgreSQL database in the PostgreSQL pass), with
    its own data folder (spool, DMS outbox) and no printer."""
    # Nothing of this machine's terminal settings: 256 colours (see terminal.FOCUS_MARKS), no NO_COLOR.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CARSPLUS_", "TEXTUAL_")) and k not in ("COLORTERM", "NO_COLOR", "TMUX")}
    env |= {"CARSPLUS_DATABASE_URL": sample_db.engine.url.render_as_string(hide_password=False),
            "CARSPLUS_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm-256color"}
    sample_db.dispose()  # the app is the one writing; the test reads afterwards through a fresh pool
    counter = Counter(env, tmp_path, sample_db)
    yield counter
    counter.close()
