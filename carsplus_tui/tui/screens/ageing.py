"""AGEING OF OPEN CLAIMS (issue 22, item 2), opened by typing AGEING at page 1's or page 2's OPTION: open claims
(claim status < 7) counted (#) and their Amount Outstanding summed ($) in 0-30 / 31-60 / 61-90 / 90+ days since the
damage date, by claim location and claim category — the same service as `carsplus ageing`
(services/claims_desk.py `ageing`).

    OPTION: __________________ AGEING OF OPEN CLAIMS  12-06-26
    AS OF 12-06-26 - TYPE AS MM-DD-YY TO AGE THE CLAIMS AS OF ANOTHER DAY
    LOC  CAT        0-30      31-60      61-90        90+    NO DATE      TOTAL
    TUS  1    #        0          0          1          3          0          4
              $     0.00       0.00    -172.98    -613.54       0.00    -786.52

Each location and category takes two lines (claims, then amount); the total comes last.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.services.claims_desk import AGEING_BUCKETS, NO_DATE, AgeingLine, ageing
from carsplus_tui.tui import keys
from carsplus_tui.tui.screens.listing import ListingScreen, Page, typed_date

TITLE = "AGEING OF OPEN CLAIMS"
CELL = 10


def _cells(values: list[str]) -> str:
    return " ".join(f"{v:>{CELL}}" for v in values)


def header_line(buckets: tuple[str, ...] = (*AGEING_BUCKETS, NO_DATE)) -> str:
    return f"{'LOC':<4} {'CAT':<3}  " + " " + _cells([b.upper() for b in buckets] + ["TOTAL"])


def line_pair(line: AgeingLine, buckets: tuple[str, ...], names: str) -> tuple[str, str]:
    counts = [str(line.counts.get(b, 0)) for b in buckets] + [str(line.count)]
    amounts = [f"{line.amounts.get(b, 0):.2f}" for b in buckets] + [f"{line.amount:.2f}"]
    return f"{names:<8} # " + _cells(counts), f"{'':<8} $ " + _cells(amounts)


class AgeingScreen(ListingScreen):
    """AGEING OF OPEN CLAIMS. `AS MM-DD-YY` at OPTION ages the claims as of another day."""

    TITLE: ClassVar[str] = TITLE
    OPTION_COMMANDS: ClassVar[dict[str, str]] = keys.AGEING_COMMANDS
    LEGEND_KEYS: ClassVar[tuple[keys.Key, ...]] = keys.AGEING_LEGEND_KEYS

    def __init__(self, db: Any, *, today: date | None = None) -> None:  # noqa: ANN401
        super().__init__(db, today=today)
        self.as_of = self.today

    def header(self) -> str:
        return header_line()

    def selection_line(self) -> str:
        return (f"AS OF {format_counter_date(self.as_of)} - DAYS SINCE THE DAMAGE DATE; "
                "AS MM-DD-YY FOR ANOTHER DAY")

    def selection(self) -> date:
        return self.as_of

    def fetch(self, selection: date, detail: bool, today: date, offset: int, count: int) -> Page:
        report = ageing(self.db, selection)
        buckets = (*AGEING_BUCKETS, NO_DATE)
        lines: list[str] = []
        for line in report.lines:
            lines.extend(line_pair(line, buckets, f"{line.location or '-':<4} {line.category or '-':<3}"))
        total = report.total
        lines.extend(line_pair(total, buckets, "TOTAL"))
        claims = total.count
        message = (f"{claims} OPEN CLAIM{'' if claims == 1 else 'S'} - {total.amount:.2f} OUTSTANDING"
                   if claims else "NO OPEN CLAIMS")
        return Page(tuple(lines), len(lines), True, message)

    def choose(self, word: str, value: str) -> bool:
        if word != "AS" or not value:
            return False
        self.as_of = typed_date(value, "AS")
        return True

    def option_words(self) -> str:
        return "AS MM-DD-YY, MORE, BACK, EXIT"
