"""ADD RECEIPT (F5=ADD on the DMS ACTIVITY window's PAYMENTS tab) and CORRECT REFUSED RECEIPT: payer type, payer, amount,
date received. Saved through services/dms.py in a worker; the window reads the new receipt back."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen

from carsplus_tui.services import dms as dms_service
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.host import host
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

PAYER_CODES = {"C": "CUSTOMER", "I": "INSURANCE", "T": "THIRD PARTY", "A": "ADJUSTMENT"}


class Said(NamedTuple):
    """A refusal for the message line (the service said no to what was typed)."""

    line: str


class ReceiptSaved(NamedTuple):
    receipt: dms_service.Receipt


class ReceiptModal(ModalScreen[dms_service.Receipt | None], GreenForm[dms_service.Receipt | None]):
    """ADD RECEIPT: payer type (C customer, I insurance, T third party, A adjustment), payer, amount, date.
    With `correcting` (a receipt the DMS refused): CORRECT REFUSED RECEIPT, its payer, amount and date filled in;
    saved, it is Ready to go again under a new idempotency key (the refused attempt stays in the history)."""

    BINDINGS = [*keys.bindings((keys.POPUP_CLOSE, keys.POPUP_BACKUP))]  # Esc; F5, or the Up arrow on any terminal

    def __init__(self, report_number: int, employee_code: str,
                 correcting: dms_service.Receipt | None = None) -> None:
        super().__init__()
        self.report_number = report_number
        self.employee_code = employee_code
        self.correcting = correcting

    def compose(self) -> ComposeResult:
        r = self.correcting
        rows = (("1", "Payer Type C/I/T/A", "payer_type", 1), ("2", "Payer", "payer_name", 30),
                ("3", "Amount $", "amount", 12), ("4", "Received MMDDYY", "received", 8))
        filled = {} if r is None else {"payer_name": r.payer_name, "amount": f"{r.amount:.2f}",
                                       "received": r.received_date.strftime("%m%d%y")}
        with Vertical(classes="popup dms-receipt"):
            title = (f"ADD RECEIPT - DAMAGE REPORT {self.report_number}" if r is None
                     else f"CORRECT REFUSED RECEIPT {r.id} - {r.payer_type}")
            yield Label(title, classes="popup-title")
            for number, label, path, width in rows[1:] if r is not None else rows:
                with Horizontal(classes="row"):
                    yield Label(f"{number} {label}", width=22, classes="label")
                    yield Field(path, width, id=f"r-{path}", value=filled.get(path, ""),
                                restrict={"payer_type": r"[CITAcita]?", "amount": r"[-0-9.,]*"}.get(path))
            yield Label("C=CUSTOMER I=INSURANCE T=THIRD PARTY A=ADJUSTMENT (MAY BE NEGATIVE)" if r is None
                        else "REFUSED: " + (r.failure_message or "")[:50], classes="label")
            yield MessageLine()

    def on_mount(self) -> None:
        self.fields[0].focus()

    @property
    def fields(self) -> list[Field]:
        return list(self.query(Field))

    def field_entered(self, field: Field) -> None:
        if field.id == "r-payer_type" and field.value.strip().upper() not in PAYER_CODES:
            self.refuse("PAYER TYPE: C CUSTOMER, I INSURANCE, T THIRD PARTY, A ADJUSTMENT", field)
            return
        self.move_from(field)

    def past_last_field(self, field: Field) -> None:
        self.submit()

    def submit(self) -> None:
        from carsplus_tui.domain.dates import parse_counter_date

        values = {f.path: f.value.strip() for f in self.fields}
        values.setdefault("payer_type", self.correcting.payer_type if self.correcting else "")
        received: date | None = None
        if values["received"]:
            try:
                received = parse_counter_date(values["received"])
            except ValueError:
                self.refuse("RECEIVED DATE: MMDDYY, E.G. 080109", self.query_one("#r-received", Field))
                return
        self.save(self.report_number, self.employee_code, self.correcting,
                  PAYER_CODES.get(values["payer_type"].upper(), values["payer_type"]), values["payer_name"],
                  values["amount"], received)

    @db_work(group="dms-receipt", again="ENTER")
    def save(self, report_number: int, employee_code: str, correcting: dms_service.Receipt | None,
             payer_type: str, payer_name: str, amount: str, received: date | None) -> ReceiptSaved | Said:
        try:
            if correcting is not None:
                receipt = dms_service.correct_refused_receipt(host(self).open_db, correcting.id, employee_code,
                                                              amount=amount, payer_name=payer_name,
                                                              received_date=received)
                return ReceiptSaved(receipt)
            receipt = dms_service.add_receipt(host(self).open_db, report_number, payer_type=payer_type,
                                              payer_name=payer_name, amount=amount, received_date=received,
                                              employee=employee_code)
        except dms_service.DmsInputError as exc:
            return Said(str(exc))
        return ReceiptSaved(receipt)

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case ReceiptSaved(receipt):
                self.dismiss(receipt)
            case Said(line):
                self.refuse(line)  # the DMS rules refused the receipt: the keys typed ahead are dropped

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["PAYER_CODES", "ReceiptModal"]
