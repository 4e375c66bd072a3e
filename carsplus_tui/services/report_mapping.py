"""Between the database rows of a report and the domain's `DamageReportData` (the JSON form of DESIGN.md §8).

Pure translation: no rule is decided here. Statuses and money come from the domain engine.
"""

from __future__ import annotations

from typing import cast

from carsplus_tui.db import models as m
from carsplus_tui.domain.control import DamageControl as ControlSettings
from carsplus_tui.domain.control import UserAccess as AccessSettings
from carsplus_tui.domain.fields import PAGE2_INPUTS
from carsplus_tui.domain.schemas import (
    AccidentDetails,
    DamageLine,
    DamageReportData,
    NoteEntry,
    OtherDriver,
    RenterInfo,
    ThirdParty,
    YN,
    VehicleInfo,
    Witness,
)

PAGE1_SCALARS = (
    "customer_present",
    "renter_driving",
    "driver_injured",
    "third_party_involved",
    "admits_fault",
    "damage_covered",
    "nature_of_breach",
    "renters_claim_number",
    "excess_charged",
)


def control_settings(row: m.DamageControl) -> ControlSettings:
    return ControlSettings(
        ausie_rules=row.ausie_rules,
        witness_customer_type=row.witness_customer_type,
        third_party_customer_type=row.third_party_customer_type,
        other_driver_customer_type=row.other_driver_customer_type,
        allow_charges_on_closed_ra=row.allow_charges_on_closed_ra,
        allow_refunds_on_ra=row.allow_refunds_on_ra,
        damage_covered_default=row.damage_covered_default,  # type: ignore[arg-type]
        require_present_and_third_party=row.require_present_and_third_party,
        boot_report=row.boot_report,
        damage_option_code=row.damage_option_code,
        vehicle_lookup_by_licence=row.vehicle_lookup_by_licence,
    )


def access_settings(employee: m.Employee) -> AccessSettings:
    if employee.access is None:
        return AccessSettings(access_claim="none", restrict_editclos=False)
    return AccessSettings(
        access_claim=employee.access.access_claim,  # type: ignore[arg-type]
        restrict_editclos=employee.access.restrict_editclos,
        administrator=bool(employee.access.administrator),
        first_screen=employee.access.first_screen or "DMGENT",  # type: ignore[arg-type]
    )


def split_lines(text: str | None) -> list[str]:
    return text.split("\n") if text else []


def join_lines(lines: list[str]) -> str | None:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return "\n".join(lines) if lines else None


def customer_number_text(number: int | None) -> str | None:
    return None if number is None else str(number)


def vehicle_info(vehicle: m.Vehicle | None) -> VehicleInfo | None:
    if vehicle is None:
        return None
    return VehicleInfo.model_construct(
        unit_number=vehicle.unit_number,
        licence=vehicle.licence,
        make=vehicle.make,
        model=vehicle.model,
        year=vehicle.year,
        owning_location=vehicle.owning_location,
    )


def renter_info(ra: m.RentalAgreement | None) -> RenterInfo | None:
    if ra is None or ra.renter is None:
        return None
    renter = ra.renter
    name = renter.last_name if not renter.first_name else f"{renter.last_name}, {renter.first_name}"
    return RenterInfo.model_construct(
        name=name[:30], address=renter.address, city=renter.city, state=renter.state, zip=renter.zip
    )


def _stored_yn(value: str | None) -> YN:
    """A Y/N column read back: only validated reports are saved, so it holds Y, N or NULL (read without validating,
    like the rest of the stored report)."""
    return cast(YN, value)


def damage_charges(ra: m.RentalAgreement | None, option_code: str | None) -> list[m.RaCharge]:
    if ra is None or not option_code:
        return []
    return [c for c in ra.charges if c.code == option_code]


def report_to_data(
    report: m.DamageReport, notes: list[m.Note], control: ControlSettings
) -> DamageReportData:
    """The stored report as the domain sees it (inputs and display data; computed fields are left for the engine)."""
    ra = report.rental_agreement
    details = report.accident_details
    driver = report.other_driver
    values: dict = {
        "report_number": report.report_number,
        "version": report.version,
        "last_modified_by": report.last_modified_by,
        "last_modified_at": report.last_modified_at,
        "ra_number": report.ra_number,
        "non_rev_number": report.non_rev_number,
        "unit_number": report.unit_number,
        "vehicle": vehicle_info(report.vehicle),
        "renter": renter_info(ra),
        "accident_details": None
        if details is None
        else AccidentDetails.model_construct(
            date_time=details.date_time,
            address1=details.address1,
            address2=details.address2,
            police_name=details.police_name,
            police_badge=details.police_badge,
            police_station=details.police_station,
            police_report_number=details.police_report_number,
            witnesses=_stored_yn(details.witnesses),
            rental_violation=details.rental_violation,
            legal_violation=details.legal_violation,
        ),
        "witnesses": [
            Witness.model_construct(
                last_name=w.last_name, first_name=w.first_name, address=w.address, city=w.city, state=w.state,
                zip=w.zip, phone=w.phone, customer_number=customer_number_text(w.customer_number),
            )
            for w in report.witnesses
        ],
        "other_driver": None
        if driver is None
        else OtherDriver.model_construct(
            last_name=driver.last_name, first_name=driver.first_name, phone=driver.phone, dob=driver.dob,
            dl_number=driver.dl_number, dl_state=driver.dl_state, dl_expiry=driver.dl_expiry,
            customer_number=customer_number_text(driver.customer_number),
        ),
        "third_parties": [
            ThirdParty.model_construct(
                last_name=p.last_name, first_name=p.first_name, address=p.address, city=p.city, state=p.state,
                zip=p.zip, dl_number=p.dl_number, dl_state=p.dl_state, dl_expiry=p.dl_expiry, dob=p.dob,
                phone=p.phone, cell=p.cell, description=p.description, insurance_company=p.insurance_company,
                reg_number=p.reg_number, injured=_stored_yn(p.injured),
                rented_vehicle=_stored_yn(p.rented_vehicle),
                customer_number=customer_number_text(p.customer_number), notes=split_lines(p.notes),
            )
            for p in report.third_parties
        ],
        "fault_description": split_lines(report.fault_description),
        "coverage_sold": ra.coverage_sold if ra else None,
        "excess": ra.excess if ra else None,
        "charge_on_ra": ("Y" if damage_charges(ra, control.damage_option_code) else "N") if ra else None,
        "accident_description": split_lines(report.accident_description),
        "damage_lines": _damage_lines(report.damage_lines),
        "notes": [NoteEntry.model_construct(at=n.at, employee=n.employee_code, text=n.text) for n in notes],
    }
    for name in PAGE1_SCALARS:
        values[name] = getattr(report, name)
    for name in PAGE2_INPUTS:
        values[name] = getattr(report, name)
    from carsplus_tui.services.loss_of_use import stored

    values["loss_of_use"] = stored(report.loss_of_use)
    # Validate once on the way in, so the object is exactly what an import of its JSON would give.
    return DamageReportData.model_validate(DamageReportData.model_construct(**values).model_dump(mode="json"))


def _damage_lines(rows: list[m.DamageLine]) -> list[DamageLine]:
    """Fields 15-24 keep their positions: a blank line 2 between lines 1 and 3 stays blank."""
    if not rows:
        return []
    by_line = {row.line: row for row in rows}
    lines = []
    for position in range(1, max(by_line) + 1):
        row = by_line.get(position)
        lines.append(
            DamageLine.model_construct(code=None, description=None, type=None)
            if row is None
            else DamageLine.model_construct(code=row.service_code, description=row.description, type=row.damage_type)
        )
    return lines


def apply_page1(report: m.DamageReport, data: DamageReportData) -> None:
    """Copy page 1 and its pop-ups from `data` onto the row (customer numbers are resolved by the caller)."""
    for name in PAGE1_SCALARS:
        setattr(report, name, getattr(data, name))
    report.ra_number = data.ra_number
    report.non_rev_number = data.non_rev_number
    report.unit_number = data.unit_number
    report.fault_description = join_lines(list(data.fault_description))
    report.accident_description = join_lines(list(data.accident_description))

    details = data.accident_details
    if details is None:
        report.accident_details = None
    else:
        row = report.accident_details or m.AccidentDetails()
        for name in (
            "date_time", "address1", "address2", "police_name", "police_badge", "police_station",
            "police_report_number", "witnesses", "rental_violation", "legal_violation",
        ):
            setattr(row, name, getattr(details, name))
        report.accident_details = row

    report.witnesses = [
        _fill(m.Witness(position=i), w, ("last_name", "first_name", "address", "city", "state", "zip", "phone"))
        for i, w in enumerate(data.witnesses, start=1)
        if not w.is_blank()
    ]
    if data.other_driver is None or data.other_driver.is_blank():
        report.other_driver = None
    else:
        report.other_driver = _fill(
            report.other_driver or m.OtherDriver(),
            data.other_driver,
            ("last_name", "first_name", "phone", "dob", "dl_number", "dl_state", "dl_expiry"),
        )
    parties = []
    for i, party in enumerate(data.third_parties, start=1):
        if party.is_blank():
            continue
        row = _fill(
            m.ThirdParty(position=i),
            party,
            (
                "last_name", "first_name", "address", "city", "state", "zip", "dl_number", "dl_state", "dl_expiry",
                "dob", "phone", "cell", "description", "insurance_company", "reg_number", "injured", "rented_vehicle",
            ),
        )
        row.notes = join_lines(list(party.notes))
        parties.append(row)
    report.third_parties = parties
    # A line kept at its number keeps its row (an UPDATE only where a column changed), as the ORM would otherwise
    # rewrite every line on every save.
    rows = {row.line: row for row in report.damage_lines}
    lines = []
    for i, line in data.entered_damage_lines():
        kept = rows.get(i + 1) or m.DamageLine(line=i + 1)
        kept.service_code, kept.description, kept.damage_type = line.code, line.description, line.type
        lines.append(kept)
    report.damage_lines = lines


def apply_page2(report: m.DamageReport, data: DamageReportData) -> None:
    for name in PAGE2_INPUTS:
        setattr(report, name, getattr(data, name))


def _fill(row, source, names: tuple[str, ...]):  # noqa: ANN001, ANN202
    for name in names:
        setattr(row, name, getattr(source, name))
    return row
