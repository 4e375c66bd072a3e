"""The report being typed, in one object that knows nothing of Textual (DESIGN.md §2).

A `ReportEditor` owns the report on the screen (its JSON form, DESIGN.md §8, typed as `ReportForm`), the report as it
was last loaded or saved, whether it changed since (dirty) and whether another terminal saved it meanwhile (stale),
the crash-recovery draft, and the commands F1 SAVE, F3 ERASE and "reload and re-apply". Page 1, page 2 and the DMS
window hold the same editor and react to the notices it sends to its listeners (`ReportReplaced`, `SaveRefused`
...); no page reaches into another.

Database work is split so the UI never blocks and never passes a Session around: a worker thread gets the editor's
`worker_side` (an `EditorStore`: frozen, holding only the employee, the draft key and the thread-safe `DraftKeeper`) and a
snapshot of the report taken on the UI thread, never the editor itself; its result comes back to a method that runs
on the UI thread and changes the editor (`saved`, `refused`, `recalled`, `reapply`). The editor's `*_in(db, ...)`
methods are the same calls for code without threads (tests, the CLI).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypedDict

from carsplus_tui.domain import permissions
from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.domain.engine import CLAIM_STATUS_NAMES, Evaluation
from carsplus_tui.domain.fields import describe
from carsplus_tui.domain.money import format_money
from carsplus_tui.domain.schemas import DamageReportData, load_report
from carsplus_tui.services import drafts, entry
from carsplus_tui.services.entry import TransactionSummary, VehicleSummary


class ReportForm(TypedDict, total=False):
    """The report being typed, in its JSON form (DESIGN.md §8): what each field holds as typed (a bad value stays
    until it is fixed, so this is not the validated `DamageReportData`)."""

    report_number: int | None
    version: int | None
    last_modified_by: str | None
    last_modified_at: str | None
    ra_number: str | None
    non_rev_number: str | None
    unit_number: str | None
    vehicle: dict[str, Any] | None
    renter: dict[str, Any] | None
    accident_details: dict[str, Any] | None
    witnesses: list[dict[str, Any]]
    customer_present: str | None
    renter_driving: str | None
    other_driver: dict[str, Any] | None
    driver_injured: str | None
    third_party_involved: str | None
    third_parties: list[dict[str, Any]]
    admits_fault: str | None
    fault_description: list[str]
    damage_covered: str | None
    coverage_sold: str | None
    excess: str | None
    charge_on_ra: str | None
    nature_of_breach: str | None
    renters_claim_number: str | None
    excess_charged: str | None
    accident_description: list[str]
    damage_lines: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    report_status: str | None
    claim_status: int | None
    work_order_status: str | None
    work_order: dict[str, Any] | None
    # page 2
    report_checked: str | None
    external_claim: str | None
    external_closed: str | None
    external_type: str | None
    accident_category: str | None
    follow_up_date: str | None
    claim_location: str | None
    claim_employee: str | None
    misc_costs: str | None
    third_party_costs: str | None
    third_party_recovery: str | None
    goodwill_deduction: str | None
    amount_refunded: str | None
    amount_charged: str | None
    loss_of_use: dict[str, Any] | None
    # page 2, computed by the engine
    our_repair_costs: str | None
    maximum_liability: str | None
    final_liability: str | None
    excess_charged_ra: str | None
    charge_refund_due: str | None
    amount_outstanding: str | None


def blank_report(control: Any = None) -> ReportForm:  # noqa: ANN401
    """A new report as the manual's blank screen shows it (domain.defaults: Renter Driving Y, Driver Injured N,
    Damage Covered from the control record once known, Chg on RA N): nothing typed yet."""
    from carsplus_tui.domain import defaults

    return defaults.blank_report(control).model_dump(mode="json")  # type: ignore[return-value]


def _text(value: Any) -> str | None:  # noqa: ANN401
    return None if value is None else str(value)


def same(a: Any, b: Any) -> bool:  # noqa: ANN401
    """Equal as an agent sees them: blank, None, an empty list and a pop-up left with nothing in it are all "nothing",
    and case does not count (fields are upper case). Passing through a pop-up without changing anything is no
    change."""
    if _empty(a) and _empty(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return all(same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().upper() == b.strip().upper()
    return bool(a == b)


def _empty(value: Any) -> bool:  # noqa: ANN401
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, (list, tuple)):
        return all(_empty(v) for v in value)
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return False


def _canonical(path: str, value: Any) -> Any:  # noqa: ANN401
    """`value` of the top-level field `path` as the schema stores it, or None when the schema refuses it."""
    try:
        stored = load_report({path: value}).model_dump(mode="json").get(path)
    except Exception:  # noqa: BLE001 - a value the schema refuses is compared as typed
        return None
    return ("value", stored)


# ----------------------------------------------------------------------------------------------------------------
# What the editor tells the pages
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportReplaced:
    """A whole report is on the editor now: every page shows it again. `line` is for the message line."""

    why: Literal["recalled", "saved", "erased", "reloaded"]
    line: str = ""


@dataclass(frozen=True)
class SaveRefused:
    """F1 was refused because another terminal saved the report since it was loaded (F3 reloads and re-applies)."""

    line: str


@dataclass(frozen=True)
class NotesChanged:
    line: str = ""


Notice = ReportReplaced | SaveRefused | NotesChanged
Listener = Callable[[Notice], None]


class NothingToSave(Exception):
    """F1 on a report that has not changed since it was loaded or saved: not saved again, no print questions."""

    def __init__(self, report_number: int) -> None:
        super().__init__(f"NO CHANGES TO SAVE - DAMAGE REPORT {report_number} IS AS SAVED")


class ViewOnly(Exception):
    """F1 on a report this employee may only look at (Restrict EDITCLOS on a posted RA)."""

    def __init__(self) -> None:
        super().__init__(f"{permissions.VIEW_ONLY_POSTED} - RESTRICT EDITCLOS: NOTHING SAVED")


@dataclass
class Fetched:
    """A saved report as read from the database, with what page 1 shows beside it."""

    report: ReportForm
    transaction: TransactionSummary | None = None
    vehicle: VehicleSummary | None = None


@dataclass
class SaveOutcome:
    result: Any  # services.reports.SaveResult
    report: ReportForm


@dataclass(frozen=True)
class EditorStore:
    """What a worker thread may use of a `ReportEditor`: who saves, which draft, and the `DraftKeeper` that makes
    draft writes and the save take turns (its own lock). Nothing in it changes while the agent types."""

    employee_code: str
    key: drafts.DraftKey
    keeper: drafts.DraftKeeper

    def write_draft_in(self, db: Any, payload: dict[str, Any], change: int, *,  # noqa: ANN401
                       release: bool = False) -> bool:
        """Keep this terminal's draft (unless a save or erase already covered that change); `release` when the
        employee leaves, so their next sign-on at any terminal offers it."""
        return self.keeper.keep(db, self.key, payload, change, release=release)

    def save_in(self, db: Any, data: DamageReportData, change: int) -> SaveOutcome:  # noqa: ANN401
        """Save `data` (validated on the UI thread at F1), and discard this terminal's draft in the same
        transaction. Raises StaleReportError or ReportValidationError (nothing written)."""
        from carsplus_tui.services.reports import load_report_data, save_report

        with self.keeper.saving(change):
            result = save_report(db, data, self.employee_code, discard_draft_of=self.key, read_back=True)
        saved = result.data or load_report_data(db, result.report_number)
        return SaveOutcome(result, saved.model_dump(mode="json"))  # type: ignore[arg-type]

    def discard_in(self, db: Any, change: int | None = None) -> None:  # noqa: ANN401
        """This terminal's draft goes (and drafts still queued for the erased typing)."""
        self.keeper.discard(db, self.key, change)

    @staticmethod
    def fetch_in(db: Any, number: int) -> Fetched:  # noqa: ANN401
        """Report `number` as saved, its RA or non-rev ticket, and its vehicle (raises ReportNotFoundError)."""
        from carsplus_tui.services.reports import load_report_data

        data = load_report_data(db, number)
        transaction = None
        if data.ra_number:
            transaction = entry.lookup_rental_agreement(db, data.ra_number)
        elif data.non_rev_number:
            transaction = entry.lookup_non_rev_ticket(db, data.non_rev_number)
        vehicle = None
        if data.vehicle and data.unit_number:
            matches = [v for v in entry.find_vehicles(db, data.unit_number)
                       if v.owning_location == data.vehicle.owning_location]
            vehicle = matches[0] if matches else None
        return Fetched(data.model_dump(mode="json"), transaction, vehicle)  # type: ignore[arg-type]


# -- the display-only values of page 1 and page 2, keyed by the field registry's SHOWN names (domain/fields.py) -------
Shown = dict[str, str | None]  # None: nothing to show (the screen's `*`)


def shown_date(value: Any) -> str | None:  # noqa: ANN401 - a date, or an ISO text
    """MM-DD-YY, as every screen shows a date (None: nothing to show)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_counter_date(value)


def transaction_dates_shown(t: TransactionSummary | None) -> Shown:
    """Open Date/Loc and Clos Date/Loc of the RA or non-rev ticket (not part of the report: shown while it is on)."""
    if t is None:
        return {"open_date": None, "open_loc": None, "close_date": None, "close_loc": None}
    return {"open_date": shown_date(t.open_date), "open_loc": t.open_location,
            "close_date": shown_date(t.close_date), "close_loc": t.close_location}


def transaction_shown(t: TransactionSummary) -> Shown:
    """Page 1's values from an RA or a non-rev ticket just typed: the renter, the dates, the coverage."""
    return {
        "renter": t.renter_name, "address": t.renter_address,
        "city": "/".join(x or "*" for x in (t.renter_city, t.renter_state, t.renter_zip)) if t.renter_name else None,
        **transaction_dates_shown(t),
        "coverage": t.coverage_sold, "excess": format_money(t.excess) if t.excess is not None else None,
        "charge_on_ra": t.charge_on_ra,
    }


def vehicle_shown(v: VehicleSummary) -> Shown:
    """Page 1's right column from the vehicle on the report (Year as two digits, as the manual's screen)."""
    return {"licence": v.licence, "make": v.make, "model": v.model,
            "year": f"{v.year % 100:02d}" if v.year else None, "own_loc": v.owning_location}


@dataclass
class ReportEditor:
    """The report one employee is typing at one terminal (see the module's text)."""

    employee_code: str
    access: Any = None  # domain.permissions.UserAccess of the employee (None: everything allowed)
    terminal: str = ""
    report: ReportForm = field(default_factory=blank_report)
    loaded: ReportForm | None = None
    dirty: bool = False
    stale: bool = False
    posted_view_only: bool = False
    saving: bool = False
    transaction: TransactionSummary | None = None
    vehicle: VehicleSummary | None = None
    control: Any = None  # domain.control settings once read
    keeper: drafts.DraftKeeper = field(default_factory=drafts.DraftKeeper)
    _listeners: list[Listener] = field(default_factory=list, repr=False)
    # The report as handed to the save at F1: what is typed while the save runs is put back over what it saved.
    _at_save: ReportForm | None = field(default=None, repr=False)

    @classmethod
    def recovering(cls, employee_code: str, draft: dict[str, Any], **kw: Any) -> ReportEditor:  # noqa: ANN401
        """An editor holding a recovered draft: unsaved by definition, and it was loaded from `report_number`
        when it has one (the draft keeps its version, so a save still notices another clerk's save)."""
        editor = cls(employee_code, report=draft, dirty=True, **kw)  # type: ignore[arg-type]
        return editor

    @property
    def key(self) -> drafts.DraftKey:
        return drafts.DraftKey(self.employee_code, self.terminal)

    @property
    def worker_side(self) -> EditorStore:
        """UI thread: what a worker may use of this editor (see `EditorStore`)."""
        return EditorStore(self.employee_code, self.key, self.keeper)

    # -- listeners ------------------------------------------------------------------------------------------------
    def listen(self, listener: Listener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def tell(self, notice: Notice) -> None:
        for listener in list(self._listeners):
            listener(notice)

    # -- reading and changing fields ------------------------------------------------------------------------------
    @property
    def report_number(self) -> int | None:
        number = self.report.get("report_number")
        return int(number) if number is not None else None

    def page1_shown(self) -> Shown:
        """Every display-only value of page 1 as the report (and the transaction it is on) holds it now."""
        vehicle = self.report.get("vehicle") or {}
        renter = self.report.get("renter") or {}
        return {
            "report_number": _text(self.report.get("report_number")),
            "report_status": self.report.get("report_status"),
            "renter": renter.get("name"), "address": renter.get("address"),
            "city": "/".join(renter.get(k) or "*" for k in ("city", "state", "zip")) if renter else None,
            "licence": vehicle.get("licence"), "make": vehicle.get("make"), "model": vehicle.get("model"),
            "year": str(vehicle.get("year") or "")[-2:] or None, "own_loc": vehicle.get("owning_location"),
            "coverage": self.report.get("coverage_sold"),
            "excess": _text(self.report.get("excess")), "charge_on_ra": self.report.get("charge_on_ra"),
            **transaction_dates_shown(self.transaction),
        }

    def page2_statuses(self, ev: Evaluation) -> Shown:
        """Page 2's column-one statuses: the engine's claim status (number and name), report and work order."""
        return {"claim_status": str(ev.claim_status), "claim_status_name": CLAIM_STATUS_NAMES.get(ev.claim_status),
                "report_number": _text(self.report.get("report_number")), "report_status": ev.report_status,
                "work_order_status": ev.work_order_status}

    def get(self, path: str) -> Any:  # noqa: ANN401
        """A value by its path (`ra_number`, `damage_lines.2.code`, `accident_details.date_time`)."""
        node: Any = self.report
        for part in path.split("."):
            if node is None:
                return None
            if part.isdigit():
                node = node[int(part)] if int(part) < len(node) else None
            else:
                node = node.get(part)
        return node

    def put(self, path: str, value: Any) -> bool:  # noqa: ANN401
        """Set a field (or a pop-up's section) as typed. Only a real change makes the report dirty: a value the
        schema reads the same as the one held (`11-01-09/0715` for `2009-11-01T07:15:00`, `100` for `100.00`) is
        no change. Returns whether it changed."""
        if path in self.report or path.startswith("damage_lines."):
            old = self.get(path)
            if same(old, value) or (not path.startswith("damage_lines.") and _canonical(path, old) is not None
                                    and _canonical(path, old) == _canonical(path, value)):
                return False
        report: dict[str, Any] = self.report  # type: ignore[assignment]
        parts = path.split(".")
        if parts[0] == "damage_lines":
            lines = report.setdefault("damage_lines", [])
            index = int(parts[1])
            while len(lines) <= index:
                lines.append({"code": None, "description": None, "type": None})
            lines[index][parts[2]] = value
        else:
            report[path] = value
        self.dirty = True
        return True

    def shows(self, **values: Any) -> None:  # noqa: ANN401
        """Display fields copied from the files (renter, vehicle, coverage): part of the report, but not typing."""
        report: dict[str, Any] = self.report  # type: ignore[assignment]
        report.update(values)

    def add_note(self, lines: list[str], *, at: datetime | None = None, line: str = "NOTE ADDED - F1 TO SAVE") -> None:
        """A new dated note by this editor's employee (saved with the report at F1)."""
        stamp = (at or datetime.now()).replace(microsecond=0)
        note = {"at": stamp.isoformat(), "employee": self.employee_code, "text": "\n".join(lines)}
        self.report.setdefault("notes", []).append(note)
        self.dirty = True
        self.tell(NotesChanged(line))

    def validated(self) -> DamageReportData:
        """The report checked by the schema (raises ReportValidationError naming each bad field)."""
        return load_report(self.report)

    # -- drafts ---------------------------------------------------------------------------------------------------
    def draft_snapshot(self) -> tuple[dict[str, Any], int] | None:
        """UI thread: what to write as the draft now (None when nothing is unsaved)."""
        if not self.dirty:
            return None
        return copy.deepcopy(dict(self.report)), self.keeper.changed()

    def write_draft_in(self, db: Any, payload: dict[str, Any], change: int, *,  # noqa: ANN401
                       release: bool = False) -> bool:
        """Without threads: `EditorStore.write_draft_in`."""
        return self.worker_side.write_draft_in(db, payload, change, release=release)

    # -- F1 SAVE --------------------------------------------------------------------------------------------------
    def prepare_save(self) -> tuple[DamageReportData, int]:
        """UI thread: the report to hand to `save_in`, with the number of the last change it holds. Raises
        ViewOnly, NothingToSave, or ReportValidationError (the first bad field for the message line)."""
        if self.posted_view_only:
            raise ViewOnly()
        number = self.report_number
        if number is not None and not self.dirty and not self.stale:
            raise NothingToSave(number)
        data = self.validated()
        self.saving = True
        self._at_save = copy.deepcopy(self.report)
        return data, self.keeper.latest

    def save_in(self, db: Any, data: DamageReportData, change: int) -> SaveOutcome:  # noqa: ANN401
        """Without threads: `EditorStore.save_in`."""
        return self.worker_side.save_in(db, data, change)

    def saved(self, outcome: SaveOutcome, line: str) -> None:
        """UI thread: the report as saved replaces what was typed — except what was typed after F1 while the save
        ran (not in this save): it stays on top, unsaved (dirty), for the next F1."""
        at_save, self._at_save = self._at_save, None
        typed = self.report
        self.saving = False
        self.report = outcome.report
        self.loaded = copy.deepcopy(outcome.report)
        self.stale = False
        self.dirty = self._put_back(typed, at_save) if at_save is not None else False
        self.tell(ReportReplaced("saved", line))

    def refused(self, line: str) -> None:
        """UI thread: another clerk saved the report since it was loaded. What was typed stays; F3 reloads it and
        re-applies this clerk's changes on top."""
        self.saving = False
        self._at_save = None
        self.stale = True
        self.tell(SaveRefused(line))

    def save_ended(self) -> None:
        """UI thread: the save did not happen (invalid, or the database failed); the typing stays."""
        self.saving = False
        self._at_save = None

    # -- recall, reload and re-apply ------------------------------------------------------------------------------
    fetch_in = staticmethod(EditorStore.fetch_in)

    def recalled(self, fetched: Fetched, line: str = "") -> None:
        """UI thread: a saved report replaces what is on the screen."""
        self.report = fetched.report
        self.loaded = copy.deepcopy(fetched.report)
        self.stale = False
        self.dirty = False
        self.transaction = fetched.transaction
        self.vehicle = fetched.vehicle if fetched.vehicle is not None else self.vehicle
        t = fetched.transaction
        self.posted_view_only = bool(
            self.access is not None and t is not None and t.kind == "RA"
            and permissions.page1_denied_reason(self.access, t.status))  # type: ignore[arg-type]
        if line:
            line = f"DAMAGE REPORT {self.report_number} - " + (
                permissions.VIEW_ONLY_POSTED if self.posted_view_only else line)
        self.tell(ReportReplaced("recalled", line))

    def reload_inputs(self) -> tuple[int, ReportForm, ReportForm] | None:
        """UI thread, F3 after a refused save: (number, what is typed, what was loaded) to reload and re-apply."""
        number = self.report_number
        if number is None:
            return None
        return number, copy.deepcopy(self.report), copy.deepcopy(self.loaded or {})  # type: ignore[arg-type]

    def reapply(self, fetched: Fetched, typed: ReportForm, loaded: ReportForm, *, quiet: bool = False) -> str:
        """UI thread: the report as the other clerk saved it (or as a work order's save left it: `quiet`, nothing
        said), with what this clerk changed since loading (fields and new notes) put back on top. Returns the
        message line's text."""
        mine = _changes(typed, loaded)
        new_notes = list(typed.get("notes") or [])[len(loaded.get("notes") or []):]
        self.report = fetched.report
        self.loaded = copy.deepcopy(fetched.report)
        self.stale = False
        self.transaction = fetched.transaction
        if fetched.vehicle is not None:
            self.vehicle = fetched.vehicle
        self.dirty = self._put_back(typed, loaded)
        who = fetched.report.get("last_modified_by") or "*"
        names = ", ".join(describe(k).title().upper() for k in mine)[:60]  # the manual's labels, not JSON names
        changes = f"YOUR CHANGES RE-APPLIED ({names}{' + NOTES' if new_notes else ''})" if self.dirty \
            else "NOTHING OF YOURS TO RE-APPLY"
        line = "" if quiet else f"RELOADED AS SAVED BY {who} - {changes} - F1 TO SAVE"
        self.tell(ReportReplaced("reloaded", line))
        return line

    def _put_back(self, typed: ReportForm, base: ReportForm) -> bool:
        """What `typed` changed since `base` (fields and new notes), put over the report now held. Returns whether
        there was anything."""
        mine = _changes(typed, base)
        new_notes = list(typed.get("notes") or [])[len(base.get("notes") or []):]
        report: dict[str, Any] = self.report  # type: ignore[assignment]
        report.update(mine)
        report["notes"] = list(report.get("notes") or []) + new_notes
        return bool(mine or new_notes)

    # -- F3 ERASE -------------------------------------------------------------------------------------------------
    def erase(self) -> int:
        """UI thread: a blank report (with the control file's default for Damage Covered). Returns the change
        number to hand to `discard_in`, which drops this terminal's draft."""
        self.report = blank_report(self.control)
        self.loaded = None
        self.posted_view_only = False
        self.stale = False
        self.transaction = None
        self.vehicle = None
        self.dirty = False
        self.tell(ReportReplaced("erased", "SCREEN ERASED"))
        return self.keeper.discarded()

    def discard_in(self, db: Any, change: int | None = None) -> None:  # noqa: ANN401
        """Without threads: `EditorStore.discard_in`."""
        self.worker_side.discard_in(db, change)


def _changes(typed: ReportForm, base: ReportForm) -> dict[str, Any]:
    """The fields the clerk changed in `typed` since `base` (not the ones the files or the engine fill in)."""
    from carsplus_tui.domain.fields import PAGE2_COMPUTED

    # the loss-of-use derivation (LOU) is the clerk's like Misc Costs beside it: re-applied with it
    fixed = {"report_number", "version", "last_modified_by", "last_modified_at", "notes",
             *(PAGE2_COMPUTED - {"loss_of_use"})}
    return {k: v for k, v in typed.items() if k not in fixed and not same(v, base.get(k))}


__all__ = [
    "EditorStore", "Fetched", "NotesChanged", "NothingToSave", "ReportEditor", "ReportForm", "ReportReplaced",
    "SaveOutcome", "SaveRefused", "Shown", "ViewOnly", "blank_report", "same", "shown_date", "transaction_dates_shown",
    "transaction_shown", "vehicle_shown",
]
