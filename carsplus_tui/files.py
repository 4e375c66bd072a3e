"""Files this program creates hold claims, names and password hashes: readable by their owner only, or also by the
one group IT names in CARSPLUS_FILE_GROUP (e.g. the group a backup or DMS job runs in) — never by everyone.

Used for the embedded SQLite database (SQLite gives its -wal and -shm files the database file's mode), the data and
spool folders and every PDF kept in the spool. DMS outbox files take CARSPLUS_DMS_OUTBOX_MODE and this group.
"""

from __future__ import annotations

import grp
import os
from pathlib import Path


def group_id() -> int | None:
    """CARSPLUS_FILE_GROUP as a group id (a name or a number), or None when unset."""
    name = os.environ.get("CARSPLUS_FILE_GROUP", "").strip()
    if not name:
        return None
    if name.isdigit():
        return int(name)
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise ValueError(f"CARSPLUS_FILE_GROUP {name!r} is not a group on this machine") from None


def file_mode() -> int:
    return 0o640 if group_id() is not None else 0o600


def dir_mode() -> int:
    return 0o2750 if group_id() is not None else 0o700  # setgid: files made inside take the group


def give_group(target: int | Path) -> None:
    """Hand a file (a path or an open descriptor) to CARSPLUS_FILE_GROUP, when set."""
    gid = group_id()
    if gid is None:
        return
    if isinstance(target, int):
        os.fchown(target, -1, gid)
    else:
        os.chown(target, -1, gid)


def private_dir(path: Path) -> Path:
    """Make the folder (and its missing parents); a folder made here is the owner's (and the group's) only."""
    path = Path(path)
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        give_group(path)
        path.chmod(dir_mode())
    return path


def create_private(path: Path) -> int:
    """Create `path` exclusively with the private mode (whatever the umask) and return its descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())
    try:
        give_group(fd)
        os.fchmod(fd, file_mode())
    except OSError:
        os.close(fd)
        raise
    return fd


def private_sqlite_file(path: Path) -> None:
    """The embedded database: created private before SQLite opens it; one made readable by others (a copy, an
    older version of this program) has those bits taken away."""
    path = Path(path)
    if not path.exists():
        private_dir(path.parent)
        try:
            os.close(create_private(path))
        except FileExistsError:  # another terminal made it in the same instant
            return
        return
    mode = path.stat().st_mode & 0o777
    if mode & 0o007 and os.access(path, os.W_OK):
        try:
            path.chmod(mode & ~0o007)
        except PermissionError:  # not the owner: leave it to the owner
            return
