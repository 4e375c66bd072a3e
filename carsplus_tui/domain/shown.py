"""Text that came from outside (a typed value, a JSON key) as an error message may show it: on one line, without
control characters (a key holding ESC sequences must not repaint the terminal) and short enough for the message line
(a 100,000-character value is named by its start)."""

from __future__ import annotations

__all__ = ["SHOWN", "printable", "quoted"]

SHOWN = 24  # characters of a bad value an error message repeats


def printable(text: str, limit: int = SHOWN) -> str:
    """``"Ra\\nNumber"`` -> ``"Ra\\\\nNumber"``: non-printable characters escaped, cut to ``limit`` with ``...``."""
    cut = text[:limit]
    safe = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in cut)
    return safe + ("..." if len(text) > limit else "")


def quoted(text: str, limit: int = SHOWN) -> str:
    """``printable`` in quotes, for "'2T8' is not a date and time"."""
    return f"'{printable(text, limit)}'"
