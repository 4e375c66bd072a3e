"""One access model on every path (DESIGN.md §6a): Access Claim (edit / view / none) x Restrict EDITCLOS (off / on)
x every way in that changes a claim, outside the screens — each DMS key's use case, `carsplus report import` and
`carsplus dms export` — every cell asserted. (The screens' cells — page 2, the DMS window and its keys — are in
tests/tui/test_access_matrix.py; page 2 on open, closed and posted RAs in tests/tui/test_access.py.)"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.dms.outbox import OutboxConnector
from carsplus_tui.domain.permissions import DENIED_POSTED, DMS_NO_ACCESS, DMS_VIEW_ONLY
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services import dms
from carsplus_tui.services.reports import save_report
from carsplus_tui.domain.work_orders import WorkOrderData
from carsplus_tui.services.work_orders import save_work_order
from tests.builders import DEMO_HASH, PASSWORD, add_reference_data, manual_example

LEVELS = ("edit", "view", "none")
# (access claim, restrict EDITCLOS) -> employee code; the last two are added below, the rest are add_reference_data's
EMPLOYEES = {("edit", False): "CLERK", ("edit", True): "LOCKED", ("view", False): "VIEWER",
             ("view", True): "VIEWRT", ("none", False): "AGENT", ("none", True): "NONERT"}
CELLS = list(itertools.product(LEVELS, (False, True)))
DMS_REFUSAL = {"view": DMS_VIEW_ONLY, "none": DMS_NO_ACCESS}


@pytest.fixture
def world(db: Database, tmp_path: Path) -> Database:
    """Report 1 on the closed RA A0001310 with a work order, a Ready and a Posted receipt."""
    add_reference_data(db)
    with db.write() as s:
        for (level, restricted), code in EMPLOYEES.items():
            if s.get(m.Employee, code) is None:
                e = m.Employee(code=code, name=f"{code} EMPLOYEE", location_code="TUS", password_hash=DEMO_HASH)
                e.access = m.UserAccess(access_claim=level, restrict_editclos=restricted)
                s.add(e)
    save_report(db, load_report(manual_example()), "CLERK")
    save_work_order(db, 1, WorkOrderData(status="OPEN", opened_date=date(2009, 7, 22)), "CLERK")
    dms.add_receipt(db, 1, payer_type="INSURANCE", payer_name="AETNA", amount="100.00", employee="CLERK")
    posted = dms.add_receipt(db, 1, payer_type="CUSTOMER", payer_name="LAMPERT", amount="30.00", employee="CLERK")
    with db.write() as s:
        s.get(m.DmsReceipt, posted.id).status = "Posted"
    return db


def state(db: Database) -> tuple:
    with db.read() as s:
        receipts = [(r.id, r.status) for r in s.scalars(select(m.DmsReceipt).order_by(m.DmsReceipt.id))]
        props = s.get(m.DmsProperties, 1)
        return (receipts, s.scalar(select(func.count()).select_from(m.DmsEvent)),
                props and (props.repair_id, props.customer_id, props.vehicle_id),
                s.scalar(select(func.count()).select_from(m.DamageReport)),
                s.scalar(select(func.count()).select_from(m.Note)))


def receipt_id(db: Database, status: str) -> int:
    with db.read() as s:
        return s.scalars(select(m.DmsReceipt.id).where(m.DmsReceipt.status == status)).first()


# Each key of the DMS window, as its use case: (employee, database, outbox connector) -> changes something
DMS_KEYS: dict[str, Callable[[str, Database, OutboxConnector], object]] = {
    "1 DMS Repair ID": lambda code, db, _c: dms.set_repair_id(db, 1, "RO777", code),
    "2 DMS Customer ID (not listed)": lambda code, db, c: dms.choose_customer(db, 1, c, code, None),
    "3 DMS Vehicle ID (not listed)": lambda code, db, c: dms.choose_vehicle(db, 1, c, code, None, make="DODGE",
                                                                            model="CARAVAN"),
    "F5 ADD": lambda code, db, _c: dms.add_receipt(db, 1, payer_type="THIRD PARTY", payer_name="JOHNSON",
                                                   amount="5.00", employee=code),
    "F6 ADJUST": lambda code, db, _c: dms.correct_posted_receipt(db, receipt_id(db, "Posted"), code),
    "F9 VOID": lambda code, db, _c: dms.void_receipt(db, receipt_id(db, "Ready"), code),
    "F10 EXPORT": lambda code, db, c: dms.export_ready_payments(db, c, code, report_number=1),
}


@pytest.mark.parametrize(("level", "restricted"), CELLS)
def test_each_dms_key(world: Database, tmp_path: Path, level: str, restricted: bool) -> None:
    """Access Claim alone decides: edit changes, view and none are refused and change nothing (Restrict EDITCLOS is
    about damage on posted RAs, not money)."""
    code = EMPLOYEES[(level, restricted)]
    connector = OutboxConnector(tmp_path / "outbox")
    for key, use in DMS_KEYS.items():
        before = state(world)
        if level == "edit":
            use(code, world, connector)
            assert state(world) != before, key
        else:
            with pytest.raises(dms.DmsAccessError, match=DMS_REFUSAL[level]):
                use(code, world, connector)
            assert state(world) == before, key
    if level != "edit":
        assert not list((tmp_path / "outbox").rglob("*.json")), "nothing reached the DMS"
    # Looking is allowed to anyone who may open the window: the history reads the same for all.
    assert dms.history(world, 1)


@pytest.fixture
def cli(world: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", world.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)

    def run(*args: str):  # noqa: ANN202
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def refused(result, fragment: str) -> bool:  # noqa: ANN001
    return result.exit_code == 1 and fragment in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("level", "restricted"), CELLS)
def test_report_import(world: Database, cli, tmp_path: Path, level: str, restricted: bool) -> None:  # noqa: ANN001
    """Page 1 on a posted RA: Restrict EDITCLOS decides. A note or a page-2 field: Access Claim decides."""
    code = EMPLOYEES[(level, restricted)]
    on_posted = tmp_path / "posted.json"
    on_posted.write_text(json.dumps(manual_example(ra_number="P0000001", unit_number="592", excess_charged=None,
                                                   damage_covered="Y")))
    before = state(world)
    result = cli("report", "import", str(on_posted), "--employee", code)
    if restricted:
        assert refused(result, DENIED_POSTED) and state(world) == before
    else:
        assert result.exit_code == 0 and "saved" in result.output, result.output

    claim = tmp_path / "claim.json"
    note = {"at": "2009-07-22T10:00:00", "employee": code, "text": "CALLED THE RENTER"}
    claim.write_text(json.dumps(manual_example(notes=[note], accident_category="1")))
    before = state(world)
    result = cli("report", "import", str(claim), "--employee", code)
    if level == "edit":
        assert result.exit_code == 0 and "saved" in result.output, result.output
    else:
        words = "NO ACCESS TO CLAIM INFO" if level == "none" else "CLAIM INFO IS VIEW ONLY FOR THIS EMPLOYEE"
        assert refused(result, words) and state(world) == before


@pytest.mark.parametrize(("level", "restricted"), CELLS)
def test_dms_export(world: Database, cli, level: str, restricted: bool) -> None:  # noqa: ANN001
    code = EMPLOYEES[(level, restricted)]
    before = state(world)
    result = cli("dms", "export", "--report", "1", "--employee", code)
    if level == "edit":
        assert result.exit_code == 0 and "1 OF 1 PAYMENTS POSTED" in result.output, result.output
        assert dms.history(world, 1)[0].completed_by == f"{code} EMPLOYEE"
    else:
        assert refused(result, DMS_REFUSAL[level]) and state(world) == before
