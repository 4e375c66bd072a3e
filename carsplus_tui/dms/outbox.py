"""The embedded DMS adapter: one JSON file per transaction, written atomically into a folder the DMS side reads.

    <folder>/outbox/<idempotency key>.json   what we send (written under <folder>/tmp/ first, fsynced, then renamed
                                             into outbox/, so the DMS never reads half a file and no temporary file
                                             ever sits where a DMS job picking up `*.json` looks; the same key is the
                                             same file, so a retry never makes a second transaction)
    <folder>/tmp/<host>-<pid>-<random>.part  temporary files; one left by a killed export is removed at the next
    <folder>/acks/<idempotency key>.json     what the DMS answers: {"ok": true, "reference_id": "..."} or
                                             {"ok": false, "message": "..."} (to be written atomically by the DMS)
    <folder>/quarantine/                     an acknowledgement we cannot read is moved here, and the message names it
    <folder>/customers.json, vehicles.json   the DMS's customer and vehicle lists, for the searches
    <folder>/repair_orders.next              the next repair order number to reserve (kept under a file lock)

Files are written with the mode CARSPLUS_DMS_OUTBOX_MODE (default 0640), so a DMS job under another account of the
same group can read them. A payment counts as posted once its transaction is in the outbox; an acknowledgement that
refuses it is read back at the next export and marks the receipt Failed with the DMS's message.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import socket
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from carsplus_tui import files
from carsplus_tui.dms.answers import Acknowledgement, clean_message, parse_bytes
from carsplus_tui.dms.protocol import (
    Budget,
    DmsAnswerError,
    DmsCustomer,
    DmsError,
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
DEFAULT_MODE = 0o640
TEMPORARY_SUFFIX = ".part"
STALE_SECONDS = 600  # a temporary file this old is left over whoever wrote it (another host's killed export)
LEGACY_STALE_SECONDS = 60  # `.tmp-*.json` inside outbox/ (written there by earlier versions): complete duplicates


class BadAcknowledgementError(DmsError):
    """An acknowledgement file we cannot read: it was moved to quarantine/ and the message names it."""


def _host() -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in socket.gethostname())[:40] or "host"


def write_atomically(path: Path, data: dict[str, Any], *, temporary_dir: Path | None = None,
                     mode: int = DEFAULT_MODE) -> None:
    """Write `data` as JSON to `path` all at once: into a temporary file in `temporary_dir` (same file system, never
    named *.json), fsync, chmod `mode`, rename over `path`, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = temporary_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{_host()}-{os.getpid()}-{secrets.token_hex(6)}{TEMPORARY_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            files.give_group(handle.fileno())  # CARSPLUS_FILE_GROUP, when IT named one
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for directory in {path.parent, folder}:
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutboxConnector:
    name = "OUTBOX"

    def __init__(self, folder: Path, *, can_post_payments: bool = True, file_mode: int = DEFAULT_MODE) -> None:
        self.folder = Path(folder)
        self.can_post_payments = can_post_payments
        self.file_mode = file_mode

    def __repr__(self) -> str:
        return f"OutboxConnector({str(self.folder)!r})"

    @property
    def description(self) -> str:
        return f"OUTBOX {self.folder}"

    # -- files -------------------------------------------------------------------------------------------------
    @property
    def temporary_dir(self) -> Path:
        return self.folder / "tmp"

    @property
    def quarantine_dir(self) -> Path:
        return self.folder / "quarantine"

    def transaction_path(self, key: str) -> Path:
        return self.folder / "outbox" / f"{key}.json"

    def ack_path(self, key: str) -> Path:
        return self.folder / "acks" / f"{key}.json"

    def prepare_export(self) -> list[str]:
        """Before an export: remove the temporary files killed exports left behind (ours: their process is gone;
        anyone's: older than STALE_SECONDS; earlier versions' `.tmp-*.json` inside outbox/). Returns notices."""
        removed = 0
        now, host = time.time(), _host()
        candidates: list[tuple[Path, float]] = []
        with contextlib.suppress(OSError):
            candidates += [(p, STALE_SECONDS) for p in self.temporary_dir.glob(f"*{TEMPORARY_SUFFIX}")]
        for legacy in ("outbox", "acks"):
            with contextlib.suppress(OSError):
                candidates += [(p, LEGACY_STALE_SECONDS) for p in (self.folder / legacy).glob(".tmp-*")]
        for path, stale in candidates:
            try:
                age = now - path.stat().st_mtime
            except OSError:
                continue
            parts = path.name.removesuffix(TEMPORARY_SUFFIX).rsplit("-", 2)
            ours_and_dead = (len(parts) == 3 and parts[0] == host and parts[1].isdigit() and int(parts[1]) != os.getpid()
                             and not _pid_alive(int(parts[1])))
            if ours_and_dead or age > stale:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return [f"{removed} LEFT-OVER TEMPORARY FILE(S) REMOVED FROM THE OUTBOX"] if removed else []

    def acknowledgement(self, key: str) -> Acknowledgement | None:
        """The DMS's answer to transaction `key`, or None while it has not answered. One we cannot read is moved to
        quarantine/ (so it blocks nothing) and BadAcknowledgementError names it."""
        path = self.ack_path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DmsUnavailableError(f"CANNOT READ DMS ACKNOWLEDGEMENT acks/{path.name}: {exc.strerror or exc}") from exc
        try:
            return parse_bytes(Acknowledgement, raw)
        except DmsAnswerError:
            moved = self._quarantine(path)
            raise BadAcknowledgementError(
                f"DMS ACKNOWLEDGEMENT acks/{path.name} NOT UNDERSTOOD - MOVED TO {moved}") from None

    def _quarantine(self, path: Path) -> str:
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        target = self.quarantine_dir / path.name
        n = 1
        while target.exists():
            n += 1
            target = self.quarantine_dir / f"{path.stem}-{n}{path.suffix}"
        try:
            os.replace(path, target)
        except FileNotFoundError:
            return "QUARANTINE (BY ANOTHER EXPORT)"
        except OSError as exc:
            raise DmsUnavailableError(f"CANNOT MOVE BAD ACKNOWLEDGEMENT acks/{path.name} ASIDE: {exc.strerror or exc}") from exc
        return f"quarantine/{target.name}"

    def _send(self, kind: str, key: str, payload: dict[str, Any]) -> Acknowledgement | None:
        path = self.transaction_path(key)
        try:
            if not path.exists():
                write_atomically(path, {"kind": kind, "idempotency_key": key, "payload": payload,
                                        "written_at": datetime.now().replace(microsecond=0).isoformat()},
                                 temporary_dir=self.temporary_dir, mode=self.file_mode)
        except OSError as exc:
            raise DmsUnavailableError(f"CANNOT WRITE TO THE DMS OUTBOX {self.folder}: {exc.strerror or exc}") from exc
        try:
            ack = self.acknowledgement(key)
        except BadAcknowledgementError:
            return None  # moved aside: as if the DMS had not answered yet (the transaction is in the outbox)
        if ack is not None and not ack.ok:
            raise DmsRejectedError(clean_message(ack.message, "REFUSED BY THE DMS"))
        return ack

    def _list(self, name: str) -> list[dict[str, Any]]:
        try:
            rows = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise DmsUnavailableError(f"UNREADABLE DMS LIST {name}: {exc}") from exc
        return [row for row in rows if isinstance(row, dict) and row.get("id")] if isinstance(rows, list) else []

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
        return ack.id if ack and ack.id else f"NEW-{idempotency_key.upper()}"

    def create_vehicle(self, vehicle: NewVehicle, idempotency_key: str) -> str:
        ack = self._send("vehicle", idempotency_key, vehicle.__dict__)
        return ack.id if ack and ack.id else f"NEW-{idempotency_key.upper()}"

    def reserve_repair_order(self, report_number: int, idempotency_key: str, *,
                             budget: Budget | None = None) -> str:
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

    def post_payment(self, payment: PaymentRequest, idempotency_key: str, *,
                     budget: Budget | None = None) -> PaymentResult:
        if not self.can_post_payments:
            raise DmsUnsupportedError("THIS DMS DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
        ack = self._send("payment", idempotency_key, payment.as_json())
        if ack and ack.reference_id:
            return PaymentResult(ack.reference_id)
        return PaymentResult(f"OUTBOX-{idempotency_key[:12].upper()}")
