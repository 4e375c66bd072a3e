"""Where the files shipped beside the code live.

The design card keeps `migrations/`, `sample_data/`, `screens.tcss` and `alembic.ini` at the project's top level.
A wheel carries them inside the package (see `force-include` in pyproject.toml); an editable install or a checkout
finds them one folder up. Callers never need to know which.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """Path of a shipped resource (`migrations`, `sample_data`, `screens.tcss`, `alembic.ini`)."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{name} is missing from the installation (looked in {_PACKAGE_DIR})")
