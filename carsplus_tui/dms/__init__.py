"""The DMS (the company's accounting or dealer-management system) connector: one protocol, two adapters.

`outbox` (the embedded default) writes one JSON file per transaction into a folder and reads acknowledgements back;
`http` speaks JSON over HTTP to a configured URL. Services pick one with `connector_from_settings`.
"""

from __future__ import annotations

from carsplus_tui.dms.protocol import (
    NOT_UNDERSTOOD,
    Budget,
    DmsAnswerError,
    DmsConnector,
    DmsCustomer,
    DmsError,
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

__all__ = [
    "NOT_UNDERSTOOD",
    "Budget",
    "DmsAnswerError",
    "DmsConnector",
    "DmsCustomer",
    "DmsError",
    "DmsRejectedError",
    "DmsStoppedError",
    "DmsUnavailableError",
    "DmsUnsupportedError",
    "DmsVehicle",
    "NewCustomer",
    "NewVehicle",
    "PaymentRequest",
    "PaymentResult",
    "connector_from_settings",
]


def connector_from_settings(settings) -> DmsConnector:  # noqa: ANN001
    """The connector IT configured (CARSPLUS_DMS_CONNECTOR = outbox | http)."""
    name = (settings.dms_connector or "outbox").strip().lower()
    if name == "outbox":
        from carsplus_tui.dms.outbox import OutboxConnector

        return OutboxConnector(settings.resolved_dms_outbox_dir, can_post_payments=settings.dms_post_payments,
                               file_mode=outbox_mode(settings.dms_outbox_mode))
    if name == "http":
        from carsplus_tui.dms.http import HttpConnector

        if not settings.dms_url:
            raise ValueError("CARSPLUS_DMS_URL must be set when CARSPLUS_DMS_CONNECTOR is http")
        return HttpConnector(settings.dms_url, timeout=settings.dms_timeout, retries=settings.dms_retries,
                             can_post_payments=settings.dms_post_payments)
    raise ValueError(f"unknown DMS connector {name!r}: use outbox or http")


def outbox_mode(text: str | int) -> int:
    """CARSPLUS_DMS_OUTBOX_MODE (octal, e.g. 0640) as a file mode; ValueError in one line when it is not one."""
    value = str(text).strip().lower().removeprefix("0o")
    if not value or len(value) > 4 or any(c not in "01234567" for c in value):
        raise ValueError(f"CARSPLUS_DMS_OUTBOX_MODE must be an octal file mode such as 0640, not {str(text)!r}")
    mode = int(value, 8)
    if mode & 0o7000 or not mode & 0o400:
        raise ValueError(f"CARSPLUS_DMS_OUTBOX_MODE {str(text)!r} must let the owner read (e.g. 0640, 0644, 0600)")
    return mode
