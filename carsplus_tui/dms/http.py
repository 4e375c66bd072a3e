"""The HTTP DMS adapter: JSON over HTTP to CARSPLUS_DMS_URL (urllib3), with a timeout per call, retries with jittered
exponential back-off (urllib3's `Retry`) for answers that may be temporary (no answer, connection refused, 408, 409,
429, 5xx), `Retry-After` honoured, every wait and time-out capped by the export's time budget, and the idempotency
key in the `Idempotency-Key` header of every call that creates something, so a retry never makes a second record.

Endpoints (relative to the URL):
    POST customers/search {"name"}                 -> {"customers": [{"id", "name", "address"}]}
    POST vehicles/search  {"text"}                 -> {"vehicles": [{"id", "description", "vin"}]}
    POST customers        NewCustomer               -> {"id"}
    POST vehicles         NewVehicle                -> {"id"}
    POST repair-orders    {"report_number"}         -> {"repair_order"}
    POST payments         PaymentRequest            -> {"reference_id"}
Every answer is validated (`answers.py`). A 4xx answer is a refusal ({"message"} says why), except 408, 409 ("still
processing the same key") and 429, which mean "not settled yet"; 501 means the DMS does not take that kind of
transaction; a 2xx of any other shape, a 202 or a redirect leaves the transaction in doubt.
"""

from __future__ import annotations

import json
import random
from typing import Any

import urllib3
from urllib3.exceptions import HTTPError, InvalidHeader, MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

from carsplus_tui.dms.answers import (
    CreatedAnswer,
    CustomersAnswer,
    PaymentAnswer,
    RepairOrderAnswer,
    VehiclesAnswer,
    parse_bytes,
    refusal_message,
)
from carsplus_tui.dms.protocol import (
    NOT_UNDERSTOOD,
    Budget,
    DmsAnswerError,
    DmsCustomer,
    DmsRejectedError,
    DmsStoppedError,
    DmsUnavailableError,
    DmsUnsupportedError,
    DmsVehicle,
    NewCustomer,
    NewVehicle,
    PaymentRequest,
    PaymentResult,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
STILL_PROCESSING = 409  # the IETF Idempotency-Key draft: the first request with this key is still being processed
TEMPORARY = frozenset({408, STILL_PROCESSING, 425, 429, 500, 502, 503, 504})


class JitteredRetry(Retry):
    """urllib3's Retry with "equal jitter" on every retry (urllib3 retries the first one at once, with no jitter, so
    500 counters that failed together would all come back together): half the exponential step plus a random half."""

    def get_backoff_time(self) -> float:
        errors = len(self.history)
        if errors == 0 or self.backoff_factor <= 0:
            return 0.0
        step = min(self.backoff_max, self.backoff_factor * (2 ** (errors - 1)))
        return step / 2 + random.random() * step / 2  # noqa: S311 - spreading retries, not a secret


class HttpConnector:
    name = "HTTP"

    def __init__(self, url: str, *, timeout: float = 10.0, retries: int = 3, backoff: float = 0.25,
                 backoff_max: float = 10.0, longest_retry_after: float = 30.0,
                 can_post_payments: bool = True) -> None:
        self.url = url.rstrip("/") + "/"
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.longest_retry_after = longest_retry_after  # a Retry-After beyond this is not waited for
        self.can_post_payments = can_post_payments
        self.retry = JitteredRetry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                                   other=self.retries, redirect=False, allowed_methods=None,
                                   status_forcelist=TEMPORARY, backoff_factor=backoff, backoff_max=backoff_max,
                                   respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=False)
        self.pool = urllib3.PoolManager(num_pools=2, maxsize=4, retries=False)

    @property
    def description(self) -> str:
        return f"HTTP {self.url}"

    def _call(self, path: str, body: dict[str, Any], key: str | None = None,
              budget: Budget | None = None) -> bytes:
        """POST `body`; the answer's bytes on a 200/201. Otherwise DmsRejectedError (refused), DmsUnsupportedError
        (501), DmsAnswerError (answered, but not as the protocol says), DmsStoppedError (nothing was sent: the
        export's budget was used or it was cancelled) or DmsUnavailableError (not settled)."""
        budget = budget or Budget()
        url = self.url + path
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if key:
            headers[IDEMPOTENCY_HEADER] = key
        retry = self.retry.new()
        attempts = 0
        last = "NO ANSWER"
        while True:
            if budget.cancelled.is_set() or budget.used:
                why = "EXPORT CANCELLED" if budget.cancelled.is_set() else "EXPORT TIME BUDGET USED"
                if not attempts:
                    raise DmsStoppedError(why)
                raise DmsUnavailableError(f"{last} - {why} AFTER {attempts} TRIES")
            timeout = max(0.05, min(self.timeout, budget.remaining()))
            attempts += 1
            response = error = None
            try:
                response = self.pool.request("POST", url, body=data, headers=headers, redirect=False, retries=False,
                                             timeout=urllib3.Timeout(total=timeout), preload_content=True)
            except (Urllib3Timeout, HTTPError, OSError, ValueError) as exc:
                error = exc
                last = self._describe(exc, timeout)
            else:
                status = response.status
                if status in (200, 201):
                    return response.data
                if status == 501:
                    raise DmsUnsupportedError(refusal_message(response.data, "THE DMS DOES NOT TAKE THIS TRANSACTION"))
                if status == 202:
                    raise DmsUnavailableError("THE DMS HAS NOT FINISHED IT - EXPORT AGAIN")
                if 300 <= status < 400 or status < 200 or status == 204:
                    raise DmsAnswerError(f"{NOT_UNDERSTOOD} (HTTP {status})")
                if status not in TEMPORARY:
                    if status >= 500:  # a 5xx we do not retry (e.g. 505): the DMS may have done anything
                        raise DmsUnavailableError(f"DMS ERROR {status}: {refusal_message(response.data, 'NO MESSAGE')}")
                    raise DmsRejectedError(refusal_message(response.data, f"REFUSED BY THE DMS ({status})"))
                said = refusal_message(response.data, "")
                last = ("THE DMS IS STILL PROCESSING IT" if status == STILL_PROCESSING
                        else f"DMS ERROR {status}{': ' + said if said else ''}")
            try:
                retry = retry.increment(method="POST", url=url, response=response, error=error)
            except MaxRetryError:
                break
            except (HTTPError, OSError, ValueError):  # an error urllib3 will not retry
                break
            wait = None
            if response is not None:
                try:
                    wait = retry.get_retry_after(response)
                except InvalidHeader:
                    wait = None
                if wait is not None and wait > self.longest_retry_after:
                    raise DmsUnavailableError(f"{last} - THE DMS ASKS TO WAIT {wait:.0f} S - EXPORT AGAIN LATER")
            if wait is None:
                wait = retry.get_backoff_time()
            if wait > budget.remaining():
                raise DmsUnavailableError(f"{last} - EXPORT TIME BUDGET USED AFTER {attempts} TRIES")
            if budget.wait(wait):
                raise DmsUnavailableError(f"{last} - EXPORT CANCELLED AFTER {attempts} TRIES")
        raise DmsUnavailableError(f"{last} (TRIED {attempts} TIMES)")

    @staticmethod
    def _describe(exc: BaseException, timeout: float) -> str:
        if isinstance(exc, NewConnectionError):
            reason = str(exc).split(":", 1)[-1].strip() or "CONNECTION REFUSED"
            return f"CANNOT REACH THE DMS: {reason.upper()[:80]}"
        if isinstance(exc, (Urllib3Timeout, TimeoutError)):
            return f"NO ANSWER FROM THE DMS IN {round(timeout, 1):g} S"
        return f"DMS CONNECTION FAILED: {str(exc).upper()[:80]}"

    def search_customers(self, name: str) -> list[DmsCustomer]:
        rows = parse_bytes(CustomersAnswer, self._call("customers/search", {"name": name})).customers
        return [DmsCustomer(r.id, r.name.upper(), r.address.upper()) for r in rows]

    def search_vehicles(self, text: str) -> list[DmsVehicle]:
        rows = parse_bytes(VehiclesAnswer, self._call("vehicles/search", {"text": text})).vehicles
        return [DmsVehicle(r.id, r.description.upper(), r.vin.upper()) for r in rows]

    def create_customer(self, customer: NewCustomer, idempotency_key: str) -> str:
        return parse_bytes(CreatedAnswer, self._call("customers", customer.__dict__, idempotency_key)).id

    def create_vehicle(self, vehicle: NewVehicle, idempotency_key: str) -> str:
        return parse_bytes(CreatedAnswer, self._call("vehicles", vehicle.__dict__, idempotency_key)).id

    def reserve_repair_order(self, report_number: int, idempotency_key: str, *,
                             budget: Budget | None = None) -> str:
        answer = self._call("repair-orders", {"report_number": report_number}, idempotency_key, budget)
        return parse_bytes(RepairOrderAnswer, answer).repair_order

    def post_payment(self, payment: PaymentRequest, idempotency_key: str, *,
                     budget: Budget | None = None) -> PaymentResult:
        if not self.can_post_payments:
            raise DmsUnsupportedError("THIS DMS DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED")
        answer = self._call("payments", payment.as_json(), idempotency_key, budget)
        return PaymentResult(parse_bytes(PaymentAnswer, answer).reference_id)
