"""The HTTP DMS adapter: JSON over HTTP to CARSPLUS_DMS_URL, with a timeout per call, retries with back-off for
answers that may be temporary (no answer, connection refused, 5xx, 429), and the idempotency key in the
`Idempotency-Key` header of every call that creates something, so a retry never makes a second record.

Endpoints (relative to the URL):
    POST customers/search {"name"}                 -> {"customers": [{"id", "name", "address"}]}
    POST vehicles/search  {"text"}                 -> {"vehicles": [{"id", "description", "vin"}]}
    POST customers        NewCustomer               -> {"id"}
    POST vehicles         NewVehicle                -> {"id"}
    POST repair-orders    {"report_number"}         -> {"repair_order"}
    POST payments         PaymentRequest            -> {"reference_id"}
A 4xx answer is a refusal ({"message"} says why); 501 means the DMS does not take that kind of transaction.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
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

IDEMPOTENCY_HEADER = "Idempotency-Key"
TEMPORARY = {429, 500, 502, 503, 504}


class HttpConnector:
    name = "HTTP"

    def __init__(self, url: str, *, timeout: float = 10.0, retries: int = 3, backoff: float = 0.25,
                 can_post_payments: bool = True) -> None:
        self.url = url.rstrip("/") + "/"
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.can_post_payments = can_post_payments

    @property
    def description(self) -> str:
        return f"HTTP {self.url}"

    def _call(self, path: str, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if key:
            headers[IDEMPOTENCY_HEADER] = key
        last = "NO ANSWER"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as exc:
                message = _message(exc)
                if exc.code == 501:
                    raise DmsUnsupportedError(message or "THE DMS DOES NOT TAKE THIS TRANSACTION") from exc
                if exc.code in TEMPORARY:
                    last = f"DMS ERROR {exc.code}{': ' + message if message else ''}"
                    continue
                raise DmsRejectedError(message or f"REFUSED BY THE DMS ({exc.code})") from exc
            except (TimeoutError, socket.timeout):
                last = f"NO ANSWER FROM THE DMS IN {self.timeout:g} S"
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    last = f"NO ANSWER FROM THE DMS IN {self.timeout:g} S"
                else:
                    last = f"CANNOT REACH THE DMS: {str(reason).upper()}"
            except (ConnectionError, OSError, ValueError) as exc:
                last = f"DMS CONNECTION FAILED: {str(exc).upper()}"
        raise DmsUnavailableError(f"{last} (TRIED {self.retries + 1} TIMES)")

    def search_customers(self, name: str) -> list[DmsCustomer]:
        rows = self._call("customers/search", {"name": name}).get("customers") or []
        return [DmsCustomer(str(r["id"]), str(r.get("name", "")).upper(), str(r.get("address", "")).upper())
                for r in rows]

    def search_vehicles(self, text: str) -> list[DmsVehicle]:
        rows = self._call("vehicles/search", {"text": text}).get("vehicles") or []
        return [DmsVehicle(str(r["id"]), str(r.get("description", "")).upper(), str(r.get("vin", "")).upper())
                for r in rows]

    def create_customer(self, customer: NewCustomer, idempotency_key: str) -> str:
        return str(self._call("customers", customer.__dict__, idempotency_key)["id"])

    def create_vehicle(self, vehicle: NewVehicle, idempotency_key: str) -> str:
        return str(self._call("vehicles", vehicle.__dict__, idempotency_key)["id"])

    def reserve_repair_order(self, report_number: int, idempotency_key: str) -> str:
        return str(self._call("repair-orders", {"report_number": report_number}, idempotency_key)["repair_order"])

    def post_payment(self, payment: PaymentRequest, idempotency_key: str) -> PaymentResult:
        if not self.can_post_payments:
            raise DmsUnsupportedError("THIS DMS DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
        answer = self._call("payments", payment.as_json(), idempotency_key)
        return PaymentResult(str(answer["reference_id"]))


def _message(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        return ""
    return str(body.get("message") or "").upper()[:200] if isinstance(body, dict) else ""
