"""Printed listings of the claims clerk's reports (DMGSUM, VICRPT): the forms' look — company block on the left,
title on the right, a rule, grey section bar, Courier values, the running footer with PAGE N OF M — with the rows of
a table that runs over as many pages as it needs, its column heads repeated on each.

Draws what it is given (strings already formatted by the caller) and never opens a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from carsplus_tui.domain.dates import format_counter_date

from .context import Letterhead
from .paper import GREY, LABEL_BOLD, LABEL_FONT, LIGHT, VALUE_FONT, Paper

__all__ = ["Column", "Listing", "listing_pdf"]


@dataclass(frozen=True, slots=True)
class Column:
    head: str
    width: float  # share of the line
    align: str = "left"  # or "right" (money, counts)


@dataclass(frozen=True, slots=True)
class Listing:
    title: str  # "DAMAGE SUMMARY REPORT"
    kind: str  # "SUMMARY" or "DETAIL"
    selection: str  # the selection line
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    total: Sequence[str] | None = None
    note: str = ""  # under the table ("72 REPORTS")


ROW_HEIGHT = 11.0
VALUE_SIZE = 7.5
HEAD_SIZE = 7.0


def listing_pdf(listing: Listing, letterhead: Letterhead, page_size: tuple[float, float], printed_at: datetime, *,
                landscape: bool = False) -> bytes:
    size = (max(page_size), min(page_size)) if landscape else page_size
    title = f"{listing.title} - {listing.kind}"

    def header(paper: Paper, page: int) -> None:
        top = paper.top
        if page == 1:
            paper.text(paper.left, top - 12, letterhead.company_name, LABEL_BOLD, 12, width=paper.text_width / 2)
            y = top - 23
            for line in letterhead.address_lines[:3]:
                paper.text(paper.left, y, line, LABEL_FONT, 8, width=paper.text_width / 2)
                y -= 9.5
            paper.text(paper.right, top - 14, listing.title, LABEL_BOLD, 16, align="right",
                       width=paper.text_width / 2)
            paper.text(paper.right, top - 28, listing.kind, LABEL_BOLD, 10, align="right")
            paper.text(paper.right, top - 39, f"PRINTED {format_counter_date(printed_at.date())}", LABEL_FONT, 8,
                       align="right", color=GREY)
            paper.y = min(y, top - 42) - 4
        else:
            paper.text(paper.left, top - 9, letterhead.company_name, LABEL_BOLD, 9, width=paper.text_width / 2)
            paper.text(paper.right, top - 9, f"{title} (CONTINUED)", LABEL_BOLD, 9, align="right",
                       width=paper.text_width / 2)
            paper.y = top - 16
        paper.line(paper.left, paper.y, paper.right, paper.y, 1.2)
        paper.y -= 8
        if page > 1:
            _heads(paper, listing.columns)

    paper = Paper(size, title=title, footer=f"{letterhead.company_name}  -  {title}  -  {listing.selection}",
                  header=header)
    paper.section("SELECTION", keep=14)
    paper.text(paper.left + 4, paper.y - 8, listing.selection, VALUE_FONT, 8, width=paper.text_width - 8)
    paper.gap(16)
    paper.section(listing.kind, keep=3 * ROW_HEIGHT)
    _heads(paper, listing.columns)
    for row in listing.rows:
        paper.need(ROW_HEIGHT)
        _cells(paper, listing.columns, row, VALUE_FONT)
    if listing.total is not None:
        paper.need(ROW_HEIGHT + 4)
        paper.line(paper.left, paper.y, paper.right, paper.y, 0.8)
        paper.gap(2)
        _cells(paper, listing.columns, listing.total, LABEL_BOLD)
    if listing.note:
        paper.need(ROW_HEIGHT + 6)
        paper.gap(6)
        paper.text(paper.left, paper.y - 8, listing.note, LABEL_FONT, 8, color=GREY, width=paper.text_width)
        paper.gap(ROW_HEIGHT)
    return paper.finish()


def _positions(paper: Paper, columns: Sequence[Column]) -> list[tuple[float, float]]:
    total = sum(c.width for c in columns) or 1.0
    x = paper.left
    spans = []
    for column in columns:
        width = paper.text_width * column.width / total
        spans.append((x, width))
        x += width
    return spans


def _heads(paper: Paper, columns: Sequence[Column]) -> None:
    paper.need(ROW_HEIGHT + 4)
    c = paper.canvas
    c.setFillColor(LIGHT)
    c.rect(paper.left, paper.y - ROW_HEIGHT - 1, paper.text_width, ROW_HEIGHT + 1, stroke=0, fill=1)
    for column, (x, width) in zip(columns, _positions(paper, columns), strict=True):
        anchor = x + width - 3 if column.align == "right" else x + 2
        paper.text(anchor, paper.y - ROW_HEIGHT + 3, column.head, LABEL_BOLD, HEAD_SIZE, width=width - 4,
                   align=column.align)
    paper.y -= ROW_HEIGHT + 3


def _cells(paper: Paper, columns: Sequence[Column], values: Sequence[str], font: str) -> None:
    for column, (x, width), value in zip(columns, _positions(paper, columns), values, strict=True):
        if not value:
            continue
        anchor = x + width - 3 if column.align == "right" else x + 2
        paper.text(anchor, paper.y - ROW_HEIGHT + 3, value, font, VALUE_SIZE, width=width - 4, align=column.align)
    paper.y -= ROW_HEIGHT
