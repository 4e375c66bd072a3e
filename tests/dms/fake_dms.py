"""A real HTTP server on loopback that plays the DMS: it applies each payment once per idempotency key, can fail,
time out, refuse or hang on chosen receipts, and records everything it received."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Behaviour:
    fail_times: dict[int, int] = field(default_factory=dict)  # receipt id -> answer 503 this many times first
    slow_times: dict[int, int] = field(default_factory=dict)  # receipt id -> apply, then answer too late, this many times
    refuse_times: dict[int, int] = field(default_factory=dict)  # receipt id -> answer 422 this many times first
    hang_on: set[int] = field(default_factory=set)  # receipt id -> apply, signal `hung`, never answer until released
    slow_seconds: float = 1.5
    payments_unsupported: bool = False


class FakeDms:
    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.lock = threading.Lock()
        self.received: list[tuple[str, str | None, dict[str, Any]]] = []  # (path, key, body)
        self.applied: dict[str, str] = {}  # key -> reference id
        self.applications: Counter[str] = Counter()  # key -> how many times the payment was applied
        self.payment_of_key: dict[str, dict[str, Any]] = {}
        self.hung = threading.Event()
        self.release = threading.Event()
        self.customers = [{"id": "9876543", "name": "LAMPERT, JAMES", "address": "12 SHADYWOOD"},
                          {"id": "1111111", "name": "LAMPERT, ANN", "address": "4 ELM"}]
        self.vehicles = [{"id": "V-2007-01", "description": "2007 DODGE CARAVAN", "vin": "1D4GP24R07B123456"}]
        self.created = Counter()
        self._next_reference = 1234567890001
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # noqa: ANN401
                """Quiet: a request log per call would bury the test's own output."""

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                key = self.headers.get("Idempotency-Key")
                status, answer, delay = fake.handle(self.path.lstrip("/"), key, body)
                if delay == -1:
                    fake.hung.set()
                    fake.release.wait(30)
                    return
                if delay:
                    time.sleep(delay)
                data = json.dumps(answer).encode()
                with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (its time-out test)
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/dms"

    def start(self) -> FakeDms:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def payment_calls(self, receipt_id: int) -> int:
        return sum(1 for path, _, body in self.received if path.endswith("payments") and body.get("receipt_id") == receipt_id)

    def handle(self, path: str, key: str | None, body: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        b = self.behaviour
        with self.lock:
            self.received.append((path, key, body))
            if path == "dms/customers/search":
                words = str(body.get("name", "")).upper().replace(",", " ").split()
                return 200, {"customers": [c for c in self.customers if words and all(w in c["name"] for w in words)]}, 0
            if path == "dms/vehicles/search":
                text = str(body.get("text", "")).upper()
                return 200, {"vehicles": [v for v in self.vehicles if text and (text in v["vin"] or text in v["description"])]}, 0
            if path in ("dms/customers", "dms/vehicles"):
                self.created[key] += 1
                return 200, {"id": f"NEW{len(self.created):04d}"}, 0
            if path == "dms/repair-orders":
                return 200, {"repair_order": f"RO{body['report_number']:06d}"}, 0
            if path != "dms/payments":
                return 404, {"message": "no such endpoint"}, 0
            if b.payments_unsupported:
                return 501, {"message": "payments are not taken by this DMS"}, 0
            if key is None:
                return 400, {"message": "missing idempotency key"}, 0
            receipt = int(body["receipt_id"])
            if b.slow_times.get(receipt, 0) > 0:  # applied (once), but the answer comes too late
                b.slow_times[receipt] -= 1
                if key not in self.applied:
                    self._apply(key, body)
                return 200, {"reference_id": self.applied[key]}, b.slow_seconds
            if key in self.applied:  # the same key again: the payment it already holds, never a second one
                if self.payment_of_key[key] != body:
                    return 409, {"message": "idempotency key reused for another payment"}, 0
                return 200, {"reference_id": self.applied[key]}, 0
            if b.fail_times.get(receipt, 0) > 0:
                b.fail_times[receipt] -= 1
                return 503, {"message": "ledger busy"}, 0
            if b.refuse_times.get(receipt, 0) > 0:
                b.refuse_times[receipt] -= 1
                return 422, {"message": "GL period closed"}, 0
            reference = self._apply(key, body)
            if receipt in b.hang_on:
                b.hang_on.discard(receipt)
                return 200, {}, -1
            return 200, {"reference_id": reference}, 0

    def _apply(self, key: str, body: dict[str, Any]) -> str:
        reference = str(self._next_reference)
        self._next_reference += 1
        self.applied[key] = reference
        self.payment_of_key[key] = body
        self.applications[key] += 1
        return reference
