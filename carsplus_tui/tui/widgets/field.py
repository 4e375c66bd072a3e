"""The green-screen field: fixed width, upper-case, `*` when empty, overtype on entry and after an error.

A character the field cannot take is never dropped silently: the message line says why (the field is full, or the
field takes only Y or N ...), and the character is not put in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rich.cells import cell_len
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from carsplus_tui.domain.fields import FIELDS, SHOWN, describe, row_title, shown_width
from carsplus_tui.tui.field_help import WIDGET_PATHS
from carsplus_tui.tui.keys import is_action
from carsplus_tui.tui.widgets.fixed_input import FixedWidthInput


class Field(FixedWidthInput):
    """One numbered field of a form. `path` is its JSON path in the report (DESIGN.md §8)."""

    # F7 in a pop-up's field: what it means (the pages bind F7 themselves, before this).
    BINDINGS = [Binding("f7", "field_help", "Help", show=False)]
    overflow = 0
    refused = 0
    _refusal = ""

    def __init__(self, path: str, width: int, *, upper: bool = True, value: str = "", id: str | None = None,  # noqa: A002
                 classes: str | None = None, disabled: bool = False, password: bool = False,
                 restrict: str | None = None, refusal: str | None = None) -> None:
        super().__init__(value=value, placeholder="*", max_length=width, id=id, classes=classes, compact=True,
                         select_on_focus=True, disabled=disabled, password=password, restrict=restrict)
        self.path = path
        # What the message line says when a character is refused by `restrict`, e.g. "ENTER Y OR N".
        self.refusal = refusal
        self.field_width = width
        self.upper = upper
        self.styles.width = width + 1
        self.cursor_blink = False  # the green screen's cursor does not blink; snapshots stay stable
        # Characters refused because the field was full, since its text last changed: Enter then says so instead of
        # moving on, so an over-long paste or burst is never cut without a word (see `action_submit`).
        self.overflow = 0
        self.refused = 0  # characters refused as not taken here (X in a Y/N field), since the text last changed
        self._refusal = ""  # the refusal this field put on the message line; gone once a character is taken

    def insert(self, text: str, index: int) -> None:
        super().insert(text.upper() if self.upper else text, index)

    def replace(self, text: str, start: int, end: int) -> None:
        text = text.upper() if self.upper else text
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        new_value = f"{value[:start]}{text}{value[end:]}"
        if self.max_length and len(new_value) > self.max_length and len(new_value) > len(value):
            self.overflow += len(text)
            self.refuse_character(f"FIELD FULL - {self.max_length} CHARACTER{'S' if self.max_length > 1 else ''} "
                                  "AT MOST (BACKSPACE OR TYPE OVER)")
            return
        if self.restrict and re.fullmatch(self.restrict, new_value) is None:
            shown = "".join(c for c in text if c.isprintable()) or "THAT"
            self.refused += len(text)
            self.refuse_character(f"{shown} IS NOT TAKEN HERE - {self.refusal or 'SEE F7 FOR WHAT THIS FIELD TAKES'}")
            return
        super().replace(text, start, end)

    def action_field_help(self) -> None:
        from carsplus_tui.tui.field_help import help_message

        say(self, help_message(self.path))

    def restricted(self) -> None:
        """No bell on a counter (the message line has said why: see `refuse_character`)."""

    def refuse_character(self, text: str) -> None:
        """Say on the screen's message line why a character was not put in."""
        self._refusal = text.upper()
        say(self, text)

    def on_blur(self) -> None:
        self.overflow = self.refused = 0

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.overflow = self.refused = 0
        if self._refusal:
            # The character was fixed: the old refusal goes (a message said since then stays).
            if self.is_attached:
                found = self.screen.query(MessageLine)
                if found and found.first().text == self._refusal:
                    found.first().clear()
            self._refusal = ""

    async def action_submit(self) -> None:
        """Enter. After characters were refused (the field was full, or it does not take them), Enter first says so
        and stays, the text selected so typing replaces it: what the agent typed is never cut or dropped without a
        word. The keys typed ahead of it are dropped (they were meant for the fields after this one). Enter again
        keeps what is shown."""
        if self.overflow or self.refused:
            lost, refused, self.overflow, self.refused = self.overflow, self.refused, 0, 0
            path = WIDGET_PATHS.get(self.path, self.path)
            title = describe(path).title() if "." in path or path in FIELDS else ""
            if lost:
                why = (f"TOO LONG - {lost} CHARACTER{'S' if lost > 1 else ''} DID NOT FIT ({self.field_width} AT "
                       "MOST)")
            else:
                why = f"{refused} CHARACTER{'S' if refused > 1 else ''} NOT TAKEN - {self.refusal or 'SEE F7'}"
            found = self.screen.query(MessageLine)
            if found:
                said = found.first().refuse(f"{f'{title}: ' if title else ''}{why}"
                                            " - FIX IT OR ENTER AGAIN TO KEEP WHAT IS SHOWN", self)
                self._refusal = said  # goes once fixed
            return
        await super().action_submit()

    def focus(self, scroll_visible: bool = True) -> Field:
        """Put the cursor here. As on the green screen, the field's text is selected (when the field overtypes), so
        what is typed next replaces it — also when the cursor is already here, as after an error."""
        super().focus(scroll_visible)
        if self.select_on_focus and self.value:
            self.select_all()
        return self


class Label(Static):
    """A fixed label or a display-only value."""

    def __init__(self, text: str = "", *, width: int | None = None, id: str | None = None,  # noqa: A002
                 classes: str | None = None) -> None:
        super().__init__(text, id=id, classes=classes, markup=False)
        if width is not None:
            self.styles.width = width


def row_label(path: str, width: int, *, lead: str = "") -> Label:
    """A form row's number and label from the field registry (domain/fields.py), e.g. `13 Excess Charged`: a
    field's label is written once, there."""
    return Label(lead + row_title(WIDGET_PATHS.get(path, path)), width=width, classes="label")


def numbered(paths: Iterable[str]) -> dict[str, str]:
    """Field number (as typed at OPTION) -> widget path, for a form's numbered fields, from the field registry;
    where two fields share a number ("7 Claim Loc/Empl") the first is the one the number goes to."""
    table: dict[str, str] = {}
    for path in paths:
        number = describe(WIDGET_PATHS.get(path, path)).number
        if number is not None:
            table.setdefault(number, path)
    return table


def registry_field(path: str, *, id: str, width: int | None = None, **kw: Any) -> Field:  # noqa: A002, ANN401
    """The field at `path`, as wide as the registry says (`width` where the screen shows less of it)."""
    return Field(path, width or shown_width(WIDGET_PATHS.get(path, path)), id=id, **kw)


class Display(Label):
    """A display-only field: shows `*` when empty, like the manual's screens."""

    def __init__(self, width: int, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__("*", width=width, id=id, classes=f"display {classes or ''}".strip())
        self.display_width = width
        self.shown = "*"

    def show(self, value: object) -> None:
        text = "" if value is None else str(value)
        shown = text[: self.display_width] if text else "*"
        if shown != self.shown:
            self.shown = shown
            # Fixed width, one line: nothing around it moves, so no layout of the whole page (a recall or F3 ERASE
            # shows some twenty of these at once).
            self.update(shown, layout=False)


def shown_id(name: str) -> str:
    """The widget id of the display-only value `name` (``open_date`` -> ``d-open-date``)."""
    return "d-" + name.replace("_", "-")


def shown(page: int, name: str, label_width: int | None = None, *, classes: str | None = None) -> list[Label]:
    """A display-only value of `page` as the field registry gives it (domain/fields.py SHOWN): its label in
    `label_width` columns (None: no label, a part of the row before it), the value, the manual's hint after it."""
    spec = SHOWN[(page, name)]
    widgets: list[Label] = [] if label_width is None else [Label(spec.label, width=label_width, classes="label")]
    widgets.append(Display(spec.width, id=shown_id(name), classes=classes))
    if spec.after:
        widgets.append(Label(spec.after, width=len(spec.after), classes="label"))
    return widgets


def show_values(node: Widget, values: dict[str, str | None]) -> None:
    """Display-only values (the registry's SHOWN names, from the ReportEditor) in their places on `node`'s screen."""
    for name, value in values.items():
        node.query_one("#" + shown_id(name), Display).show(value)


def say(widget: Widget, text: str) -> None:
    """Show `text` on the message line of the screen `widget` is on."""
    found = widget.screen.query(MessageLine)
    if found:
        found.first().say(text)


# A file's path in a message (the spool's PDF): shown as it is, upper case would name another file on Linux.
_PATH = re.compile(r"(?<!\S)(?:\.\.\.|~|[A-Za-z]:)?[/\\]\S*")


def upper_but_paths(text: str) -> str:
    """The message line's upper case, except for the paths in it."""
    out, at = [], 0
    for found in _PATH.finditer(text):
        out += [text[at:found.start()].upper(), found.group()]
        at = found.end()
    return "".join(out) + text[at:].upper()


# The green screen's size (DESIGN.md §5): below it, every message line says so (the page scrolls to the field).
MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> str:
    """What the message line says on a terminal below 80 x 24 ("" when it is large enough)."""
    if width >= MIN_WIDTH and height >= MIN_HEIGHT:
        return ""
    return f"SCREEN {width}X{height} IS TOO SMALL - MAKE IT AT LEAST {MIN_WIDTH}X{MIN_HEIGHT}"


TYPED_AHEAD_DROPPED = " - KEYS TYPED AHEAD DROPPED"


class MessageText(Static):
    """A screen's line of messages (the forms' MessageLine, the lists' own line). What it says is about the agent's
    last action: the next one clears it before it runs (`next_action`), so an old message never stays after the fix
    while what the next action says itself still shows."""

    shown = ""  # what it says now

    def update(self, content: Any = "", *, layout: bool = True) -> None:  # noqa: ANN401 - Static's content
        self.shown = str(content)
        super().update(content, layout=layout)

    def clear(self) -> None:
        if self.shown:  # (nothing to do on most keys: no refresh)
            self.tell("")

    def tell(self, text: str) -> None:
        """`text` on a list screen's line (upper case but its paths). One too long for the line is never cut: it
        wraps into the blank line above (class `wrapped`, screens.tcss), and the list keeps its place."""
        text = upper_but_paths(text)
        wrapped = cell_len(text) > max(self.size.width, MIN_WIDTH)
        if wrapped != self.has_class("wrapped"):
            self.set_class(wrapped, "wrapped")
        self.update(text, layout=False)  # the line's size is the class's: nothing else moves


def next_action(screen: Widget, key: str) -> None:
    """The one place that decides when a message goes (DESIGN.md §5): `key` reaches `screen`; when it is one of the
    agent's actions (keys.is_action), the screen's message line is cleared first, and the action says what it says."""
    if is_action(key):
        for line in screen.query(MessageText):
            line.clear()


def say_refusal(widget: Widget, text: str, show: Callable[[str], None]) -> str:
    """`text`, a refusal, shown by `show` on `widget`'s line: the keys typed ahead of the refused one are dropped, and
    the line says so (MessageLine.refuse; the lists' own lines, the Y/N questions and a failed database call use it
    too). Keys of the refused key's terminal read that reach the app only after the refusal (a loaded machine) are
    dropped as they come, and the word is put on the line then. Returns what the line says."""

    def said_late() -> None:
        if widget.is_attached:
            show(text + TYPED_AHEAD_DROPPED)

    drop = getattr(widget.app, "drop_typed_ahead", None)  # (tui/typeahead.py; an app without type-ahead drops none)
    line = text + (TYPED_AHEAD_DROPPED if callable(drop) and drop(said_late) else "")
    show(line)
    return line


class MessageLine(MessageText):
    """The one line for errors and prompts (a second when a message is long). On a terminal below 80 x 24 its first
    line says how large the screen must be."""

    def __init__(self) -> None:
        super().__init__("", id="message", markup=False)

    text = ""

    def on_mount(self) -> None:
        self.show()

    def say(self, text: str) -> None:
        self.text = upper_but_paths(text)
        self.show()

    def clear(self) -> None:
        if self.text:
            self.text = ""
            self.show()

    def refuse(self, text: str, field: Field | None = None) -> str:
        """THE refusal of what the agent entered, on every screen and pop-up (DESIGN.md §5): a field's value (its
        own check, a screen's rule, a look-up's answer, F1's check), an OPTION answer, a key that cannot open its
        screen now. `text` goes on this line; the keys typed ahead are dropped with a word - they were meant for
        what the value would have led to (the next fields, a recalled report, another screen) and would otherwise
        land in the wrong field; the cursor goes to `field` (if given) with its value selected, so the next keys
        type over it. Returns what the line now says."""
        say_refusal(self, text, self.say)
        if field is not None and field.is_attached and not field.disabled:
            field.focus()  # selects the value (Field.focus), also when the cursor is already there
        return self.text

    one_line = False  # what is shown fits on one line (the line's height stays 1)

    def show(self, size: tuple[int, int] | None = None) -> None:
        notice = too_small(*(size or self.app.size))
        text = "\n".join(part for part in (notice, self.text) if part)
        width = self.size.width  # 0 before the first layout
        one_line = width > 0 and "\n" not in text and cell_len(text) <= width  # "" is one line high too
        # A layout of the whole page only when the line may grow to two lines or shrink back to one.
        self.update(text, layout=not (one_line and self.one_line))
        self.one_line = one_line
