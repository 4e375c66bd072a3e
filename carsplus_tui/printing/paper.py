"""Drawing helpers shared by the forms and letters: a page with margins, a running footer, labelled fields on
writing lines, section bars, and a cursor that starts a new page when the next block does not fit.

Plain reportlab canvas (no Platypus): a form is a fixed layout, and the canvas draws one in a few milliseconds.
Documents are made with ``invariant=1`` so the same report prints to the same bytes (no random id, no clock).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

__all__ = ["Cell", "Paper", "fit"]

LABEL_FONT = "Helvetica"
LABEL_BOLD = "Helvetica-Bold"
VALUE_FONT = "Courier-Bold"  # typed data looks typed, as on the green screen
GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.88, 0.88, 0.88)
MARGIN = 36.0  # half an inch all round
PAGE_COUNT_FORM = "carsplus_page_count"


def fit(text: str, font: str, size: float, width: float, min_size: float = 6.0) -> tuple[str, float]:
    """The text and a font size at which it fits `width`: shrink down to `min_size`, then cut the end off."""
    if width <= 0:
        return "", size
    current = size
    while current > min_size and stringWidth(text, font, current) > width:
        current -= 0.5
    if stringWidth(text, font, current) <= width:
        return text, current
    while text and stringWidth(text + "..", font, current) > width:
        text = text[:-1]
    return (text + ".." if text else ""), current


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words to lines no wider than `width` (a word longer than the line is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True, slots=True)
class Cell:
    """One field on a row of a form: the manual's label, the value (None/"" = a blank line to write on), and the
    share of the row's width it takes."""

    label: str
    value: str | None = None
    span: float = 1.0
    yn: bool = False  # a Y/N question: a blank one shows "Y / N" so the renter can circle one


class Paper:
    """One PDF document being drawn, with a cursor `y` running down the current page."""

    def __init__(
        self,
        page_size: tuple[float, float],
        *,
        title: str,
        footer: str,
        header: Callable[[Paper, int], None] | None = None,
        numbered: bool = True,
        note: str | None = None,
    ) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=page_size, invariant=1, pageCompression=0)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("carsplus-tui")
        self.canvas.setCreator("carsplus-tui (CARS+ Damage Report Entry)")
        self.width, self.height = page_size
        self.left = MARGIN
        self.right = self.width - MARGIN
        self.top = self.height - MARGIN
        self.bottom = MARGIN + (30 if note else 18)  # room for the footer (and its note line)
        self.footer = footer
        self.note = note  # a second footer line above the first, on every page (a reprint says so there)
        self.header = header
        self.numbered = numbered
        self.page = 1
        self.y = self.top
        if header is not None:
            header(self, self.page)

    @property
    def text_width(self) -> float:
        return self.right - self.left

    # -- pages ---------------------------------------------------------------------------------------------------

    def _finish_page(self) -> None:
        c = self.canvas
        c.setFillColor(GREY)
        c.setFont(LABEL_FONT, 7)
        c.drawString(self.left, MARGIN, self.footer)
        if self.note:
            c.setFillColor(black)
            c.setFont(LABEL_FONT, 8)
            c.drawString(self.left, MARGIN + 11, self.note)
            c.setFillColor(GREY)
            c.setFont(LABEL_FONT, 7)
        if self.numbered:
            label = f"PAGE {self.page} OF "
            x = self.right - 14 - stringWidth(label, LABEL_FONT, 7)
            c.drawString(x, MARGIN, label)
            # The total is not known yet: a form object filled in at the end (reportlab's page-count idiom).
            c.saveState()
            c.translate(self.right - 14, MARGIN)
            c.doForm(PAGE_COUNT_FORM)
            c.restoreState()
        c.setFillColor(black)

    def new_page(self) -> None:
        self._finish_page()
        self.canvas.showPage()
        self.page += 1
        self.y = self.top
        if self.header is not None:
            self.header(self, self.page)

    def need(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the footer."""
        if self.y - height < self.bottom:
            self.new_page()

    def finish(self) -> bytes:
        self._finish_page()
        c = self.canvas
        if self.numbered:
            c.beginForm(PAGE_COUNT_FORM)
            c.setFillColor(GREY)
            c.setFont(LABEL_FONT, 7)
            c.drawString(0, 0, str(self.page))
            c.endForm()
        c.showPage()
        c.save()
        return self.buffer.getvalue()

    # -- text ----------------------------------------------------------------------------------------------------

    def text(self, x: float, y: float, text: str, font: str = LABEL_FONT, size: float = 10, *,
             width: float | None = None, align: str = "left", color: Color = black) -> None:
        c = self.canvas
        if width is not None:
            text, size = fit(text, font, size, width)
        c.setFillColor(color)
        c.setFont(font, size)
        if align == "right":
            c.drawRightString(x, y, text)
        elif align == "center":
            c.drawCentredString(x, y, text)
        else:
            c.drawString(x, y, text)
        c.setFillColor(black)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, color: Color = black) -> None:
        c = self.canvas
        c.setStrokeColor(color)
        c.setLineWidth(width)
        c.line(x1, y1, x2, y2)
        c.setStrokeColor(black)

    # -- form blocks ---------------------------------------------------------------------------------------------

    def section(self, title: str, *, keep: float = 40) -> None:
        """A grey bar with the section's title; `keep` is the room the section's first rows need on this page."""
        self.need(16 + keep)
        c = self.canvas
        c.setFillColor(LIGHT)
        c.rect(self.left, self.y - 13, self.text_width, 13, stroke=0, fill=1)
        self.text(self.left + 4, self.y - 9.5, title, LABEL_BOLD, 8.5)
        self.y -= 17

    def row(self, cells: Sequence[Cell], *, height: float = 17, value_size: float = 9.5) -> None:
        """Fields side by side on one writing line each: small label, then the value on the line (or the line
        left blank for the renter to fill in)."""
        self.need(height)
        total = sum(cell.span for cell in cells) or 1.0
        x = self.left
        baseline = self.y - height + 5
        for cell in cells:
            width = self.text_width * cell.span / total
            if not cell.label and not cell.value:  # a spacer keeping the columns of the rows above
                x += width
                continue
            label_width = stringWidth(cell.label, LABEL_FONT, 7.5) + 4 if cell.label else 0
            self.text(x, baseline, cell.label, LABEL_FONT, 7.5, color=GREY)
            line_start = x + label_width
            line_end = x + width - 8
            self.line(line_start, baseline - 2, line_end, baseline - 2, 0.4)
            if cell.value:
                self.text(line_start + 2, baseline, cell.value, VALUE_FONT, value_size,
                          width=line_end - line_start - 2)
            elif cell.yn:
                self.text(line_end - 2, baseline + 0.5, "Y / N", LABEL_FONT, 6.5, align="right", color=GREY)
            x += width
        self.y -= height

    def numbered_lines(self, lines: Sequence[str], count: int, *, height: float = 16,
                       value_size: float = 9.5) -> None:
        """A pop-up's lines ("1." to "9."): each line written out, or left blank to be filled in."""
        for index in range(max(count, len(lines))):
            self.need(height)
            baseline = self.y - height + 5
            self.text(self.left, baseline, f"{index + 1}.", LABEL_FONT, 7.5, color=GREY)
            self.line(self.left + 14, baseline - 2, self.right - 8, baseline - 2, 0.4)
            if index < len(lines) and lines[index]:
                self.text(self.left + 16, baseline, lines[index], VALUE_FONT, value_size,
                          width=self.right - self.left - 26)
            self.y -= height

    def gap(self, points: float) -> None:
        self.y -= points

    def box(self, x: float, y: float, width: float, height: float, line_width: float = 1.0,
            fill: Color | None = None) -> None:
        c = self.canvas
        c.setLineWidth(line_width)
        if fill is not None:
            c.setFillColor(fill)
        c.rect(x, y, width, height, stroke=1, fill=1 if fill is not None else 0)
        c.setFillColor(black)

    def banner(self, text: str, size: float = 12) -> None:
        """White text on a black bar across the page (the sticker's and boot report's warning)."""
        height = size + 10
        self.need(height)
        c = self.canvas
        c.setFillColor(black)
        c.rect(self.left, self.y - height, self.text_width, height, stroke=0, fill=1)
        self.text(self.width / 2, self.y - height + 6, text, LABEL_BOLD, size, align="center", color=white,
                  width=self.text_width - 12)
        self.y -= height
