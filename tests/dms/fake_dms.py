"""A real HTTP server on loopback that plays the DMS: it applies each payment once per idempotency key and keeps a
ledger of every posting per key, and on chosen receipts it can fail (5xx, with or without Retry-After), refuse (422,
or every time for chosen amounts), answer too late, hang, say 409 "still processing" while a slow posting of the same
key is under way, or answer 200 with a malformed body. It records everything it received, and can pause at the n-th
payment request (after applying it, before answering) so a test can kill the client right there."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# 200 answers of the wrong shape, each applied first (the DMS took the payment, then said something we cannot read).
MALFORMED = {
    "null": b'{"reference_id": null}',
    "empty-object": b"{}",
    "empty-list": b"[]",
    "garbage": b"<html><body>502 Bad Gateway</body></html>",
    "blank": b'{"reference_id": "  "}',
    "object": b'{"reference_id": {"id": 7}}',
    "truncated": b'{"reference_id": "12',
}


@dataclass
class Reply:
    status: int
    body: bytes = b"{}"
    delay: float = 0.0  # seconds before answering (-1: never, until released)
    headers: dict[str, str] = field(default_factory=dict)
    after: Callable[[], bytes] | None = None  # runs after the delay and gives the body (a slow posting completes)


@dataclass
class Behaviour:
    fail_times: dict[int, int] = field(default_factory=dict)  # receipt id -> answer 503 this many times first
    retry_after: str | None = None  # the Retry-After header of those 503s
    slow_times: dict[int, int] = field(default_factory=dict)  # receipt id -> apply, then answer too late, this many times
    refuse_times: dict[int, int] = field(default_factory=dict)  # receipt id -> answer 422 this many times first
    refuse_amounts: set[str] = field(default_factory=set)  # a payment of this amount is always refused ("1000.00")
    hang_on: set[int] = field(default_factory=set)  # receipt id -> apply, signal `hung`, never answer until released
    processing: dict[int, float] = field(default_factory=dict)  # receipt id -> first posting takes this long (409s meanwhile)
    malformed: dict[int, list[str]] = field(default_factory=dict)  # receipt id -> apply, then these MALFORMED answers
    slow_seconds: float = 1.5
    repair_order_seconds: float = 0.0  # every repair-order reservation answers this late
    payments_unsupported: bool = False


def _json(data: Any) -> bytes:  # noqa: ANN401
    return json.dumps(data).encode()


class FakeDms:
    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.received: list[tuple[str, str | None, dict[str, Any]]] = []  # (path, key, body)
        self.applied: dict[str, str] = {}  # key -> reference id
        self.applications: Counter[str] = Counter()  # key -> how many times the payment was applied (the ledger)
        self.payment_of_key: dict[str, dict[str, Any]] = {}
        self.in_process: set[str] = set()  # keys whose first posting is still under way
        self.payment_requests = 0
        self.pause_at: int | None = None  # the n-th payment request waits (after applying) until `resume` is set
        self.paused = threading.Event()
        self.resume = threading.Event()
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
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                key = self.headers.get("Idempotency-Key")
                reply = fake.handle(self.path.lstrip("/"), key, body)
                if reply.delay == -1:
                    fake.hung.set()
                    fake.release.wait(30)
                    return
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.after is not None:
                    reply.body = reply.after()
                with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (its time-out test)
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply.body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply.body)

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
        self.resume.set()
        self.server.shutdown()
        self.server.server_close()

    def payment_calls(self, receipt_id: int) -> int:
        return sum(1 for path, _, body in self.received if path.endswith("payments") and body.get("receipt_id") == receipt_id)

    def keys_of(self, receipt_id: int) -> list[str]:
        """The keys under which the DMS holds a posting of this receipt (the ledger)."""
        with self.lock:
            return [k for k, body in self.payment_of_key.items() if body.get("receipt_id") == receipt_id]

    def wait_for_payment_requests(self, n: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.payment_requests >= n, timeout)

    def handle(self, path: str, key: str | None, body: dict[str, Any]) -> Reply:
        reply = self._handle(path, key, body)
        if path == "dms/payments":
            with self.changed:
                self.payment_requests += 1
                number = self.payment_requests
                self.changed.notify_all()
            if self.pause_at is not None and number == self.pause_at:
                self.paused.set()
                self.resume.wait(30)
        return reply

    def _handle(self, path: str, key: str | None, body: dict[str, Any]) -> Reply:
        b = self.behaviour
        with self.lock:
            self.received.append((path, key, body))
            if path == "dms/customers/search":
                words = str(body.get("name", "")).upper().replace(",", " ").split()
                return Reply(200, _json({"customers": [c for c in self.customers
                                                       if words and all(w in c["name"] for w in words)]}))
            if path == "dms/vehicles/search":
                text = str(body.get("text", "")).upper()
                return Reply(200, _json({"vehicles": [v for v in self.vehicles
                                                     if text and (text in v["vin"] or text in v["description"])]}))
            if path in ("dms/customers", "dms/vehicles"):
                self.created[key] += 1
                return Reply(200, _json({"id": f"NEW{len(self.created):04d}"}))
            if path == "dms/repair-orders":
                return Reply(200, _json({"repair_order": f"RO{body['report_number']:06d}"}), b.repair_order_seconds)
            if path != "dms/payments":
                return Reply(404, _json({"message": "no such endpoint"}))
            if b.payments_unsupported:
                return Reply(501, _json({"message": "payments are not taken by this DMS"}))
            if key is None:
                return Reply(400, _json({"message": "missing idempotency key"}))
            receipt = int(body["receipt_id"])
            if key in self.in_process:  # the first posting of this key is still under way
                return Reply(409, _json({"message": "still processing"}), headers={"Retry-After": "0"})
            if b.slow_times.get(receipt, 0) > 0:  # applied (once), but the answer comes too late
                b.slow_times[receipt] -= 1
                if key not in self.applied:
                    self._apply(key, body)
                return Reply(200, _json({"reference_id": self.applied[key]}), b.slow_seconds)
            if key in self.applied:  # the same key again: the payment it already holds, never a second one
                if self.payment_of_key[key] != body:
                    return Reply(422, _json({"message": "idempotency key reused for another payment"}))
                shapes = b.malformed.get(receipt)
                if shapes:
                    return Reply(200, MALFORMED[shapes.pop(0)])
                return Reply(200, _json({"reference_id": self.applied[key]}))
            if b.fail_times.get(receipt, 0) > 0:
                b.fail_times[receipt] -= 1
                headers = {"Retry-After": b.retry_after} if b.retry_after is not None else {}
                return Reply(503, _json({"message": "ledger busy"}), headers=headers)
            if b.refuse_times.get(receipt, 0) > 0:
                b.refuse_times[receipt] -= 1
                return Reply(422, _json({"message": "GL period closed"}))
            if body.get("amount") in b.refuse_amounts:
                return Reply(422, _json({"message": f"amount {body.get('amount')} does not match the invoice"}))
            seconds = b.processing.pop(receipt, None)
            if seconds is not None:  # a slow posting: 409 to the same key until it is done, then applied
                self.in_process.add(key)

                def done() -> bytes:
                    with self.changed:
                        self.in_process.discard(key)
                        self.changed.notify_all()
                        return _json({"reference_id": self._apply(key, body)})

                return Reply(200, b"{}", seconds, after=done)
            reference = self._apply(key, body)
            if receipt in b.hang_on:
                b.hang_on.discard(receipt)
                return Reply(200, b"{}", -1)
            shapes = b.malformed.get(receipt)
            if shapes:
                return Reply(200, MALFORMED[shapes.pop(0)])
            return Reply(200, _json({"reference_id": reference}))

    def _apply(self, key: str, body: dict[str, Any]) -> str:
        reference = str(self._next_reference)
        self._next_reference += 1
        self.applied[key] = reference
        self.payment_of_key[key] = body
        self.applications[key] += 1
        return reference
