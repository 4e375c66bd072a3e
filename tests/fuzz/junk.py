"""Random values for fuzzing: seeded, so every run (and CI) feeds the same values and a failure can be replayed.

``Junk(seed).value()`` returns anything a JSON file or a typing clerk could hand a field: wrong types, huge and
tiny numbers, NaN, text near every length limit, unicode whose upper case is longer (``ß`` -> ``SS``), control
characters, lone surrogates, date-, time- and money-shaped text that is almost right, and nested junk.
``Junk.valid_for(spec)`` returns a value the field accepts, built from the registry (kind and length), so a mutated
report still reaches the database often enough to test the save.
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from typing import Any

from carsplus_tui.domain.fields import LINE_WIDTH, FieldSpec

ALMOST_DATES = (
    "07-21-09", "07/21/09", "072109", "07212009", "07-21-2009", "2009-07-21", "02-30-09", "13-01-09", "00-00-00",
    "2009-13-01", "2009-02-29", "2008-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "07-21-9", "7-1-09",
    "1234-56789", "2009-07-21T", "2009-07-21T14:30", "2009-07-21T14:30:00.123456", "20090721",
)
ALMOST_DATETIMES = (
    "07-21-09/1430", "07-21-09/2400", "07-21-09/1460", "07-21-09 14:30", "07/21/09/1430", "072109/1430",
    "2009-07-21T14:30", "2009-07-21T25:00", "2009-07-21T14:30+05:00", "2009-07-21T14:30Z", "2009-07-21 14:30",
    "2009-07-21T14:30:00-07:00", "T", "2T8", "07-21-09/", "/1430", "07-21-09/14:30:61", "9999-12-31T23:59:59",
    "0001-01-01T00:00", "07-21-09 1430 EXTRA", "07-21-09/1430/12",
)
ALMOST_MONEY = (
    "150", "150.00", "150.5", "150.005", "1,500.00", "$120", "-$5", "$-5", "-150.00", "999999999.99",
    "1000000000.00", "1e5", "1E2", "NaN", "Infinity", "-0.00", ".5", "5.", ".", "", " ", "1_000", "١٥٠",
    "0x10", "+5", "--5", "$", "1.2.3", "٣.٠٠", "1 000",
)
ALMOST_YN = ("Y", "N", "y", "n", " y ", "YES", "NO", "T", "F", "1", "0", "Ｙ", "ǈ")
# Characters whose upper case is longer, or that strip(), upper() or isprintable() treat specially.
TRICKY = (
    "ß", "ŉ", "ﬃ", "İ", "ǆ", "\u0149", "\u00a0", "\u200b", "\ufeff", "\u2028", "\u0085", "\x00", "\x7f", "\t",
    "\r\n", "\ud800", "\U0001f697", "é", "e\u0301", "Ω", "ᵃ", "²", "١", "%", "_", "'", '"', "\\", ";",
)
INTS = (0, -1, 1, 2, 7, 8, 99, 100, 1899, 1900, 2100, 2101, 2**31 - 1, 2**31, 2**63, -(2**63) - 1, 10**30)
FLOATS = (float("nan"), float("inf"), float("-inf"), -0.0, 0.1 + 0.2, 150.5, 150.25, 1e308, 5e-324, 1e-7, 2.0**53)


class Junk:
    """A seeded source of hostile values."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # -- any value -------------------------------------------------------------------------------------------------
    def value(self, depth: int = 0) -> Any:
        rng = self.rng
        pick = rng.randrange(20)
        if pick == 0:
            return None
        if pick == 1:
            return rng.choice((True, False))
        if pick == 2:
            return rng.choice(INTS)
        if pick == 3:
            return rng.choice(FLOATS)
        if pick == 4:
            return self.unicode_text(rng.randrange(0, 40))
        if pick == 5:
            return "".join(rng.choice("0123456789-/.:T $,+Z") for _ in range(rng.randrange(0, 20)))
        if pick == 6:
            return rng.choice("xX9ß ") * rng.choice((1, 2, 3, 6, 10, 14, 15, 16, 20, 21, 30, 31, 59, 60, 61, 1001, 100_000))
        if pick == 7:
            return "".join(chr(rng.randrange(0, 32)) for _ in range(rng.randrange(1, 6)))
        if pick == 8 and depth < 3:
            return [self.value(depth + 1) for _ in range(rng.randrange(0, 8))]
        if pick == 9 and depth < 3:
            keys = ("last_name", "code", "", "0", "date_time", "__class__", "zz", "text")
            return {rng.choice(keys): self.value(depth + 1) for _ in range(rng.randrange(0, 4))}
        if pick == 10:
            return rng.choice(ALMOST_DATES)
        if pick == 11:
            return rng.choice(ALMOST_DATETIMES)
        if pick == 12:
            return rng.choice(ALMOST_MONEY)
        if pick == 13:
            return rng.choice(ALMOST_YN)
        if pick == 14:
            return "".join(rng.choice(TRICKY) for _ in range(rng.randrange(1, 12)))
        if pick == 15:
            return rng.randrange(-(10**12), 10**12)
        if pick == 16:
            return rng.uniform(-1e6, 1e6)
        if pick == 17:
            return self.printable(rng.randrange(0, 70))
        return "".join(rng.choice("ABCabc 123\t\n\r\x00\u200b\u00a0\ufeff-/.") for _ in range(rng.randrange(0, 14)))

    def unicode_text(self, length: int) -> str:
        """Any code point, surrogates included (json.loads can produce lone surrogates from ``\\ud800``)."""
        return "".join(chr(self.rng.randrange(0, 0x110000)) for _ in range(length))

    def printable(self, length: int) -> str:
        return "".join(self.rng.choice(string.ascii_letters + string.digits + " .,-/#'&") for _ in range(length))

    # -- a value the field accepts ---------------------------------------------------------------------------------
    def valid_for(self, spec: FieldSpec) -> Any:
        """A value of the right kind within the registry's limits (may still break a cross-field rule)."""
        rng = self.rng
        if spec.kind == "yn":
            return rng.choice(("Y", "N", None))
        if spec.kind == "money":
            return rng.choice(("0.00", "1.00", "150.00", f"{rng.randrange(0, 10**6)}.{rng.randrange(100):02d}", None))
        if spec.kind == "date":
            day = date(2009, 7, 21) + timedelta(days=rng.randrange(-9000, 9000))
            return rng.choice((day.isoformat(), f"{day:%m-%d-%y}", None))
        if spec.kind == "datetime":
            day = date(2009, 7, 21) - timedelta(days=rng.randrange(0, 4000))
            return rng.choice((f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
                               f"{day:%m-%d-%y}/{rng.randrange(24):02d}{rng.randrange(60):02d}"))
        if spec.kind == "lines":
            return [self.text(LINE_WIDTH) for _ in range(rng.randrange(0, (spec.max_items or 1) + 1))]
        if spec.kind == "text" and spec.length:
            return self.text(spec.length)
        return {"object": {}, "list": []}.get(spec.kind)

    def text(self, length: int) -> str | None:
        """Upper-case-safe text: at the limit, well inside it, or blank; sometimes with non-ASCII letters."""
        rng = self.rng
        size = rng.choice((length, length, 1, max(1, length // 2), 0))
        alphabet = string.ascii_uppercase + string.digits + " -/.'" + ("ÉÑÜØ" if rng.random() < 0.3 else "")
        text = "".join(rng.choice(alphabet) for _ in range(size)).strip()
        return text or None

    def invalid_for(self, spec: FieldSpec) -> Any:
        """A value the field must refuse, chosen from its registry entry (kind, length, list limit)."""
        rng = self.rng
        wrong_type = rng.choice(({"a": 1}, 3.125, ["X"], float("nan")))
        if spec.kind == "text":
            length = spec.length or 1000
            return rng.choice(("X" * (length + 1), "ß" * (length + 1), "A\x07B", "\x00", "\ud800", wrong_type))
        if spec.kind == "yn":
            return rng.choice(("YES", "Ｙ", "1", 1, "NY", wrong_type))
        if spec.kind == "money":
            return rng.choice(("NaN", "1.005", "-1.00", "1e5", "1000000000.00", "$", 150.125, "١٥٠", wrong_type))
        if spec.kind == "date":
            return rng.choice(("02-30-09", "13-01-09", "00-00-00", "yesterday", 20090721, "2009-7-21x", wrong_type))
        if spec.kind == "datetime":
            return rng.choice(("2T8", "07-21-09/2400", "2009-07-21T14:30+05:00", "07-21-09/1460", 1430, wrong_type))
        if spec.kind == "lines":
            return rng.choice((["X" * (LINE_WIDTH + 1)], "X" * (LINE_WIDTH + 1), [{"a": 1}], ["A\x07"],
                               ["X"] * ((spec.max_items or 0) + 1), 5))
        if spec.kind == "list":
            return rng.choice((5, "X", [1], [[]], [{}] * ((spec.max_items or 0) + 1) if spec.max_items else {"a": 1}))
        if spec.kind == "object":
            return rng.choice((5, "X", [], {"not_a_field": 1}))
        if spec.kind == "int":
            return rng.choice(("ABC", -5, 2**31, 1.5, wrong_type))
        raise ValueError(f"{spec.name} takes anything (a computed field the engine recomputes)")
