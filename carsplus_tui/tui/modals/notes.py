"""The Notes window of page 2: "dated free text comments that can be made during the 'life' of the claim".

Existing entries are listed read-only, newest last ("New entries can be added, but existing entries cannot be
deleted or edited"); below them, five lines for a new entry (word-wrapped like every line window). Esc or Enter on an
empty line closes the window and hands back the new lines; the screen adds them to the report, saved with F1.
"""

from __future__ import annotations

from carsplus_tui.domain.dates import format_shown_datetime

import textwrap
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.events import Mount
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from carsplus_tui.domain.fields import LINE_WIDTH
from carsplus_tui.tui.modals.lines import LineField, LinesModal
from carsplus_tui.tui.widgets.field import Label, MessageLine

NEW_LINES = 5
TEXT_WIDTH = 56  # after "MM-DD-YY HH:MM EMPLOY "
POPUP_TEXT_WIDTH = 52  # the same in the NOTES window: 80 less its frame and padding (4) and a scroll bar (2), less 22


def note_lines(notes: list[dict[str, Any]], width: int = TEXT_WIDTH) -> list[str]:
    """Notes as the subwindow shows them: date, time, employee, then the text (wrapped under itself)."""
    lines: list[str] = []
    for note in notes:
        at = note.get("at")
        stamp = format_shown_datetime(datetime.fromisoformat(at)) if isinstance(at, str) else "*"
        head = f"{stamp} {str(note.get('employee') or ''):<6} "
        text_lines: list[str] = []
        for line in str(note.get("text") or "").splitlines() or [""]:
            text_lines += textwrap.wrap(line, width) or [""]
        for i, line in enumerate(text_lines):
            lines.append((head if i == 0 else " " * len(head)) + line)
    return lines


def new_note(employee: str, lines: list[str], at: datetime | None = None) -> dict[str, Any]:
    """A note in the report's JSON form, dated now, by the signed-on employee."""
    stamp = (at or datetime.now()).replace(microsecond=0)
    return {"at": stamp.isoformat(), "employee": employee, "text": "\n".join(lines)}


class NotesModal(LinesModal):
    """NOTES: the existing entries read-only and, when `editable`, five lines for a new one."""

    def __init__(self, notes: list[dict[str, Any]], *, editable: bool, title: str = "NOTES") -> None:
        super().__init__(title, [], NEW_LINES if editable else 0, path="notes", width=LINE_WIDTH)
        self.notes = list(notes)
        self.editable = editable

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup notes-popup"):
            yield Label(self.title_text, classes="popup-title")
            # The window is narrower than page 2 (its frame, a scroll bar): lines wrap at a word within it, never cut.
            shown = note_lines(self.notes, POPUP_TEXT_WIDTH) or ["NO NOTES YET"]
            with VerticalScroll(id="notes-list"):
                yield Static("\n".join(shown), id="notes-text", markup=False)
            if self.editable:
                yield Label("NEW ENTRY (ENTER ON AN EMPTY LINE OR ESC ENDS)", classes="label")
                for i in range(self.max_lines):
                    with Horizontal(classes="row"):
                        yield Label(f"{i + 1}.", width=4, classes="label")
                        yield LineField(f"notes.{i}", self.line_width, id=f"line-{i}")
            else:
                yield Label("VIEW ONLY - ESC TO LEAVE", classes="label")
            yield MessageLine()

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()  # not LinesModal's: there may be no lines to focus
        self.query_one("#notes-list", VerticalScroll).scroll_end(animate=False)
        if self.editable:
            self.fields[0].focus()


__all__ = ["NotesModal", "new_note", "note_lines"]
