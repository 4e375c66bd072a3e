"""The pop-up window of the green screen: a titled box of numbered fields on the green form (tui/green_form.py:
Enter, Tab, F5, Up, Shift+Tab); Esc (or Enter on the last field) closes it keeping what was typed — nothing typed
is ever thrown away."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Mount
from textual.screen import ModalScreen

from carsplus_tui.domain import rules
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import describe, shown_width
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.validation import display_text, rule_errors, schema_errors
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine, row_label


@dataclass(frozen=True)
class Row:
    """One line of a pop-up: one or more fields separated by `/`, after the number and label the field registry
    gives the first of them ("1 Last/First")."""

    paths: tuple[str, ...]  # relative to the window's object, e.g. ("last_name", "first_name")
    widths: tuple[int, ...] | None = None  # default: the field registry's
    display_only: bool = False


class FormModal(ModalScreen[dict[str, Any]], GreenForm[dict[str, Any]]):
    """A pop-up form over one object of the report (e.g. `accident_details`).

    `prefix` is the object's JSON path ("accident_details", "witnesses.0" …) so errors name the manual's field.
    Dismisses with the object's values (strings as typed; the domain parses them on save).
    """

    BINDINGS = [*keys.bindings((keys.POPUP_CLOSE, keys.POPUP_BACKUP))]  # Esc; F5, or the Up arrow on any terminal
    TITLE_TEXT = ""
    ROWS: tuple[Row, ...] = ()
    LABEL_WIDTH = 20

    def __init__(self, values: dict[str, Any] | None, *, prefix: str, title: str | None = None,
                 rows: tuple[Row, ...] | None = None) -> None:
        super().__init__()
        self.values: dict[str, Any] = dict(values or {})
        self.prefix = prefix
        self.title_text = title or self.TITLE_TEXT
        self.rows = rows or self.ROWS

    # -- layout -------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="popup"):
            yield Label(f"OPTION: ______________ {self.title_text.upper()}", classes="popup-title")
            for row in self.rows:
                with Horizontal(classes="row"):
                    yield row_label(self._full(row.paths[0]), self.LABEL_WIDTH)
                    for i, path in enumerate(row.paths):
                        if i:
                            yield Label("/", width=1)
                        width = row.widths[i] if row.widths else self._width(path)
                        value = display_text(self._full(path), self.values.get(path))
                        if row.display_only:
                            yield Label(value or "*", width=width + 1, classes="display")
                        else:
                            yield Field(self._full(path), width, value=value, id=self.widget_id(path))
            yield MessageLine()

    def _width(self, path: str) -> int:
        return shown_width(self._full(path))

    def _full(self, path: str) -> str:
        return f"{self.prefix}.{path}" if self.prefix else path

    @staticmethod
    def widget_id(path: str) -> str:
        return "f-" + path.replace(".", "-")

    @property
    def fields(self) -> list[Field]:
        return list(self.query(Field))

    def on_mount(self, event: Mount) -> None:  # (the event: a window may start elsewhere and prevent this)
        if self.fields:
            self.fields[0].focus()

    # -- keys ---------------------------------------------------------------------------------------------------
    def field_entered(self, field: Field) -> None:
        self._store(field)
        error = self.check(field)
        if error:
            self.refuse(error, field)  # the bad value selected, the keys typed ahead dropped
            return
        self.query_one(MessageLine).clear()
        if self.after_field(field):
            return
        self.move_from(field)

    def past_last_field(self, field: Field) -> None:
        self.action_close()

    def action_close(self) -> None:
        for field in self.fields:
            self._store(field)
        self.dismiss(self.result())

    # -- values -------------------------------------------------------------------------------------------------
    def _store(self, field: Field) -> None:
        relative = field.path[len(self.prefix) + 1:] if self.prefix else field.path
        self.values[relative] = field.value.strip() or None

    def result(self) -> dict[str, Any]:
        return self.values

    def check(self, field: Field) -> str | None:
        """The domain's verdict on this field's value, as the message line shows it."""
        errors = schema_errors(self.as_report(), field.path)
        if not errors and describe(field.path).spec.kind in ("date", "datetime") and field.value.strip():
            # The manual's events are past: no accident, birth (or other dated event but a licence's expiry) after
            # today — the rules F1 applies, asked as the field is left.
            with suppress(ReportValidationError):
                data = load_report(self.as_report())
                errors = rule_errors(data, rules.ReportContext(today=date.today()), field.path)
        return str(errors[0]) if errors else None

    def as_report(self) -> dict[str, Any]:
        """This window's values placed in an otherwise empty report, for the domain to check."""
        report: dict[str, Any] = {}
        parts = self.prefix.split(".")
        if len(parts) == 1:
            report[parts[0]] = self.result()
        else:  # a list item such as witnesses.1
            name, index = parts[0], int(parts[1])
            report[name] = [{} for _ in range(index)] + [self.result()]
        return report

    def after_field(self, field: Field) -> bool:
        """Hook: a field that opens another window (e.g. Witnesses? = Y). True when it took over the focus."""
        return False
