"""The embedded DMS adapter: one JSON file per transaction, written atomically into a folder the DMS side reads.

    <folder>/outbox/<idempotency key>.json   what we send (written to a temporary name, fsynced, then renamed, so
                                             the DMS never reads half a file; the same key is the same file, so a
                                             retry never makes a second transaction)
    <folder>/acks/<idempotency key>.json     what the DMS answers: {"ok": true, "reference_id": "..."} or
                                             {"ok": false, "message": "..."}
    <folder>/customers.json, vehicles.json   the DMS's customer and vehicle lists, for the searches
    <folder>/repair_orders.next              the next repair order number to reserve (kept under a file lock)

A payment counts as posted once its transaction is in the outbox; an acknowledgement that refuses it is read back
at the next export and marks the receipt Failed with the DMS's message.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from carsplus_tui.dms.protocol import (
    DmsCustomer,
    DmsRejectedError,
    DmsUnavailableError,
    DmsUnsupportedError,
    DmsVehicle,
    NewCustomer,
    NewVehicle,
    PaymentRequest,
    PaymentResult,
)

FIRST_REPAIR_ORDER = 100001


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class OutboxConnector:
    name = "OUTBOX"

    def __init__(self, folder: Path, *, can_post_payments: bool = True) -> None:
        self.folder = Path(folder)
        self.can_post_payments = can_post_payments

    def __repr__(self) -> str:
        return f"OutboxConnector({str(self.folder)!r})"

    @property
    def description(self) -> str:
        return f"OUTBOX {self.folder}"

    # -- files -------------------------------------------------------------------------------------------------
    def transaction_path(self, key: str) -> Path:
        return self.folder / "outbox" / f"{key}.json"

    def ack_path(self, key: str) -> Path:
        return self.folder / "acks" / f"{key}.json"

    def acknowledgement(self, key: str) -> dict[str, Any] | None:
        """The DMS's answer to transaction `key`, or None while it has not answered."""
        try:
            return json.loads(self.ack_path(key).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise DmsUnavailableError(f"UNREADABLE DMS ACKNOWLEDGEMENT {key}: {exc}") from exc

    def _send(self, kind: str, key: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        path = self.transaction_path(key)
        try:
            if not path.exists():
                write_atomically(path, {"kind": kind, "idempotency_key": key, "payload": payload,
                                        "written_at": datetime.now().replace(microsecond=0).isoformat()})
        except OSError as exc:
            raise DmsUnavailableError(f"CANNOT WRITE TO THE DMS OUTBOX {self.folder}: {exc.strerror or exc}") from exc
        ack = self.acknowledgement(key)
        if ack is not None and not ack.get("ok", False):
            raise DmsRejectedError(str(ack.get("message") or "REFUSED BY THE DMS").upper()[:200])
        return ack

    def _list(self, name: str) -> list[dict[str, Any]]:
        try:
            rows = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise DmsUnavailableError(f"UNREADABLE DMS LIST {name}: {exc}") from exc
        return rows if isinstance(rows, list) else []

    # -- the protocol ------------------------------------------------------------------------------------------
    def search_customers(self, name: str) -> list[DmsCustomer]:
        words = name.upper().replace(",", " ").split()
        return [DmsCustomer(str(row["id"]), str(row.get("name", "")).upper(), str(row.get("address", "")).upper())
                for row in self._list("customers.json")
                if words and all(w in str(row.get("name", "")).upper() for w in words)]

    def search_vehicles(self, text: str) -> list[DmsVehicle]:
        needle = text.upper().strip()
        return [DmsVehicle(str(row["id"]), str(row.get("description", "")).upper(), str(row.get("vin", "")).upper())
                for row in self._list("vehicles.json")
                if needle and (needle in str(row.get("vin", "")).upper()
                               or needle in str(row.get("description", "")).upper()
                               or needle == str(row.get("unit_number", "")).upper())]

    def create_customer(self, customer: NewCustomer, idempotency_key: str) -> str:
        ack = self._send("customer", idempotency_key, customer.__dict__)
        return str(ack["id"]) if ack and ack.get("id") else f"NEW-{idempotency_key.upper()}"

    def create_vehicle(self, vehicle: NewVehicle, idempotency_key: str) -> str:
        ack = self._send("vehicle", idempotency_key, vehicle.__dict__)
        return str(ack["id"]) if ack and ack.get("id") else f"NEW-{idempotency_key.upper()}"

    def reserve_repair_order(self, report_number: int, idempotency_key: str) -> str:
        counter = self.folder / "repair_orders.next"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(counter, "a+", encoding="utf-8") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                handle.seek(0)
                text = handle.read().strip()
                number = int(text) if text.isdigit() else FIRST_REPAIR_ORDER
                handle.seek(0)
                handle.truncate()
                handle.write(f"{number + 1}\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise DmsUnavailableError(f"CANNOT RESERVE A REPAIR ORDER IN {self.folder}: {exc.strerror or exc}") from exc
        self._send("repair_order", idempotency_key, {"report_number": report_number, "repair_order": str(number)})
        return str(number)

    def post_payment(self, payment: PaymentRequest, idempotency_key: str) -> PaymentResult:
        if not self.can_post_payments:
            raise DmsUnsupportedError("THIS DMS DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
        ack = self._send("payment", idempotency_key, payment.as_json())
        if ack and ack.get("reference_id"):
            return PaymentResult(str(ack["reference_id"]))
        return PaymentResult(f"OUTBOX-{idempotency_key[:12].upper()}")
