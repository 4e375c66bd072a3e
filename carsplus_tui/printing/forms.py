"""The three forms of "PRINT OUTPUT FROM THE DAMAGE REPORT ENTRY PROGRAM":

- Vehicle Accident Report: "all of the fields on page 1 of the Damage Report Entry screen with blanks for the fields
  that have been left blank. This is to be given to the renter so that he can complete the report".
- Boot Report (GVT BOOTRPT): "a listing of all known un-repaired damages for the vehicle".
- Damage Sticker: "the description of all of the NEW damages that were reported on Page 1 ... placed in a visible
  place within the vehicle to indicate that the unit needs inspection".

Labels are the manual's, with the field numbers the screen shows, taken from the domain's field registry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from carsplus_tui.domain.dates import format_counter_date, format_counter_datetime
from carsplus_tui.domain.fields import FIELDS
from carsplus_tui.domain.money import format_money
from carsplus_tui.domain.schemas import DamageLine, OtherDriver, ThirdParty, Witness

from .context import PrintContext
from .paper import GREY, LABEL_BOLD, LABEL_FONT, VALUE_FONT, Cell, Paper, fit

__all__ = ["accident_report", "boot_report", "damage_sticker"]


# --- values as the screen shows them -----------------------------------------------------------------------------


def _d(value: date | None) -> str:
    return format_counter_date(value)


def _dt(value: datetime | None) -> str:
    return format_counter_datetime(value)


def _m(value) -> str:  # noqa: ANN001 - Decimal | None
    return format_money(value)


def _joined(*parts: str | None) -> str:
    """A combined field ("City/St/Zip", "Last/First") the way the screen writes it: ``SANTA ANA/CA/92705``."""
    if not any(parts):
        return ""
    return "/".join(p or "" for p in parts)


def _label(path: str, *, position: int = 0, window_number: bool = True) -> str:
    """``"customer_present"`` -> ``"5 Customer Present"``: the field's number and label from the registry."""
    spec = FIELDS[path]
    number = spec.number_at(position) if window_number else None
    label = spec.label.replace("{n}", str(position + 1)).replace("{m}", str(position + 1))
    return f"{number} {label}" if number else label


def _header(ctx: PrintContext, title: str) -> Callable[[Paper, int], None]:
    """Company block on the left, the form's title and report number on the right; smaller on later pages."""
    head = ctx.letterhead
    number = ctx.report_number

    def draw(paper: Paper, page: int) -> None:
        top = paper.top
        if page == 1:
            paper.text(paper.left, top - 12, head.company_name, LABEL_BOLD, 12, width=paper.text_width / 2)
            y = top - 23
            for line in head.address_lines[:3]:
                paper.text(paper.left, y, line, LABEL_FONT, 8, width=paper.text_width / 2)
                y -= 9.5
            paper.text(paper.right, top - 14, title, LABEL_BOLD, 16, align="right", width=paper.text_width / 2)
            paper.text(paper.right, top - 28, f"DAMAGE REPORT # {number}", LABEL_BOLD, 10, align="right")
            paper.text(paper.right, top - 39, f"PRINTED {_d(ctx.printed_at.date())}", LABEL_FONT, 8,
                       align="right", color=GREY)
            paper.y = min(y, top - 42) - 4
        else:
            paper.text(paper.left, top - 9, head.company_name, LABEL_BOLD, 9, width=paper.text_width / 2)
            paper.text(paper.right, top - 9, f"{title} - DAMAGE REPORT # {number} (CONTINUED)", LABEL_BOLD, 9,
                       align="right", width=paper.text_width / 2)
            paper.y = top - 16
        paper.line(paper.left, paper.y, paper.right, paper.y, 1.2)
        paper.y -= 8

    return draw


def _footer(ctx: PrintContext, title: str) -> str:
    ra = ctx.report.ra_number or ctx.report.non_rev_number or "-"
    return f"{ctx.letterhead.company_name}  -  {title}  -  DAMAGE REPORT # {ctx.report_number}  -  RA/NON-REV {ra}"


# --- Vehicle Accident Report ---------------------------------------------------------------------------------------


def accident_report(ctx: PrintContext) -> bytes:
    """Every page-1 field and pop-up, filled in where known and a blank writing line where not."""
    title = "VEHICLE ACCIDENT REPORT"
    r = ctx.report
    paper = Paper(ctx.page_size, note=ctx.footer_note, title=f"{title} - DAMAGE REPORT {ctx.report_number}",
                  footer=_footer(ctx, title), header=_header(ctx, title))
    paper.text(paper.left, paper.y - 8,
               "PLEASE CHECK WHAT IS FILLED IN, COMPLETE EVERY BLANK LINE, SIGN AND RETURN THIS REPORT TO THE "
               "RENTAL COUNTER.", LABEL_FONT, 7.5, width=paper.text_width, color=GREY)
    paper.gap(14)

    renter = r.renter
    vehicle = r.vehicle
    rental = ctx.rental
    paper.section("RENTAL AGREEMENT")
    paper.row([Cell(_label("ra_number"), r.ra_number), Cell("Renter", renter.name if renter else None, 2),
               Cell(_label("non_rev_number"), r.non_rev_number)])
    paper.row([Cell("Address", renter.address if renter else None, 2),
               Cell("City/St/Z", _joined(renter.city, renter.state, renter.zip) if renter else None, 2)])
    paper.row([Cell("Open Date", _d(rental.open_date) if rental else None),
               Cell("Open Loc", rental.open_location if rental else None),
               Cell("Clos Date", _d(rental.close_date) if rental else None),
               Cell("Clos Loc", rental.close_location if rental else None)])
    paper.row([Cell("Cvg Sold", r.coverage_sold), Cell("Excess", _m(r.excess)),
               Cell("Chg on RA", r.charge_on_ra, yn=True), Cell("Dmg Rpt", str(ctx.report_number), 0.7),
               Cell("VIR Sta", r.report_status, 0.6)])  # as the page-1 screen shows it: the report's status

    paper.section("VEHICLE")
    paper.row([Cell(_label("unit_number"), r.unit_number or (vehicle.unit_number if vehicle else None)),
               Cell("Reg#", vehicle.licence if vehicle else None),
               Cell("Make", vehicle.make if vehicle else None, 1.3),
               Cell("Model", vehicle.model if vehicle else None, 1.3),
               Cell("Year", str(vehicle.year % 100).zfill(2) if vehicle and vehicle.year else None, 0.7),
               Cell("Own Loc", vehicle.owning_location if vehicle else None, 0.8)])

    details = r.accident_details
    acc = "accident_details."
    paper.section("ACCIDENT DETAILS - WHEN AND WHERE, POLICE, WITNESSES")
    # Field 4 itself is the screen's Y/N: Y once an accident date is on file; blank here for the renter otherwise.
    paper.row([Cell(_label("accident_details"), "Y" if r.accident_date() else None, 0.9, yn=True),
               Cell(_label(acc + "date_time"), _dt(details.date_time) if details else None, 1.3),
               Cell(_label(acc + "witnesses"), details.witnesses if details else None, 0.8, yn=True)])
    paper.row([Cell(_label(acc + "rental_violation"), details.rental_violation if details else None),
               Cell(_label(acc + "legal_violation"), details.legal_violation if details else None)])
    paper.row([Cell(_label(acc + "address1"), details.address1 if details else None),
               Cell(_label(acc + "address2"), details.address2 if details else None)])
    paper.row([Cell(_label(acc + "police_name"), details.police_name if details else None, 1.2),
               Cell(_label(acc + "police_badge"), details.police_badge if details else None, 0.9),
               Cell(_label(acc + "police_station"), details.police_station if details else None, 1.1),
               Cell(_label(acc + "police_report_number"), details.police_report_number if details else None, 1.1)])

    paper.section("WITNESS DATA ENTRY", keep=4 * 17)
    witnesses = list(r.witnesses) + [Witness()] * (2 - len(r.witnesses))
    w1, w2 = witnesses[0], witnesses[1]
    paper.row([Cell(_label("witnesses.*.last_name", position=i), _joined(w.last_name, w.first_name))
               for i, w in enumerate((w1, w2))])
    paper.row([Cell(_label("witnesses.*.address", position=i), w.address) for i, w in enumerate((w1, w2))])
    paper.row([Cell(_label("witnesses.*.city", position=i), _joined(w.city, w.state, w.zip))
               for i, w in enumerate((w1, w2))])
    paper.row([Cell(_label("witnesses.*.phone", position=i), w.phone) for i, w in enumerate((w1, w2))])

    paper.section("THE RENTER, THE DRIVER AND OTHER PARTIES", keep=4 * 17)
    paper.row([Cell(_label(name), getattr(r, name), yn=True)
               for name in ("customer_present", "renter_driving", "driver_injured", "third_party_involved",
                            "admits_fault")])
    driver = r.other_driver or OtherDriver()
    dr = "other_driver."
    paper.text(paper.left, paper.y - 9, "OTHER DRIVER ENTRY (WHEN THE RENTER WAS NOT DRIVING)", LABEL_BOLD, 7.5,
               color=GREY)
    paper.gap(10)
    paper.row([Cell(_label(dr + "last_name"), _joined(driver.last_name, driver.first_name), 1.6),
               Cell(_label(dr + "phone"), driver.phone), Cell(_label(dr + "dob"), _d(driver.dob), 0.8)])
    paper.row([Cell(_label(dr + "dl_number"), _joined(driver.dl_number, driver.dl_state, _d(driver.dl_expiry)), 1.6),
               Cell("", None, 1.8)])

    paper.section("COVERAGE AND CLAIM", keep=2 * 17)
    paper.row([Cell(_label("damage_covered"), r.damage_covered, yn=True),
               Cell(_label("nature_of_breach"), r.nature_of_breach, 2)])
    paper.row([Cell(_label("renters_claim_number"), r.renters_claim_number),
               Cell(_label("excess_charged"), _m(r.excess_charged)), Cell("", None)])

    parties = list(r.third_parties)
    while len(parties) < 2:  # room for the renter to name up to two parties not yet on file
        parties.append(ThirdParty())
    for index, party in enumerate(parties):
        _third_party(paper, index, party)

    paper.section(f"{_label('admits_fault').upper()} - FAULT DESCRIPTION", keep=5 * 16)
    paper.numbered_lines(r.fault_description, 5)

    paper.section(f"{_label('accident_description').upper()} - HOW THE DAMAGE HAPPENED", keep=9 * 16)
    paper.numbered_lines(r.accident_description, 9)

    paper.section("DAMAGE CODES AND TYPES (FIELDS 15-24)", keep=5 * 17)
    lines = list(r.damage_lines) + [DamageLine()] * (5 - len(r.damage_lines))
    for index, line in enumerate(lines[:5]):
        paper.row([Cell(_label("damage_lines.*.code", position=index), _joined_code(line), 3),
                   Cell(_label("damage_lines.*.type", position=index), ctx.type_text(line.type))])

    _signatures(paper, ("RENTER'S SIGNATURE", "DATE"), ("RECEIVED BY (EMPLOYEE)", "DATE"))
    return paper.finish()


def _joined_code(line: DamageLine) -> str:
    return " ".join(p for p in (line.code, line.description) if p)


def _third_party(paper: Paper, index: int, party: ThirdParty) -> None:
    tp = "third_parties.*."
    notes = list(party.notes)
    count = max(len(notes), 2)
    # A party is one block: it moves to the next page whole rather than leave its notes behind.
    paper.section(f"3RD PARTY DATA ENTRY - PARTY {index + 1}", keep=4 * 17 + count * 16)
    paper.row([Cell(_label(tp + "last_name"), _joined(party.last_name, party.first_name), 1.3),
               Cell(_label(tp + "address"), party.address, 1.5),
               Cell(_label(tp + "city"), _joined(party.city, party.state, party.zip), 1.4)])
    paper.row([Cell(_label(tp + "dl_number"), _joined(party.dl_number, party.dl_state), 1.3),
               Cell(_label(tp + "dl_expiry"), _joined(_d(party.dl_expiry), _d(party.dob)), 1.3),
               Cell(_label(tp + "phone"), _joined(party.phone, party.cell), 1.6)])
    paper.row([Cell(_label(tp + "description"), party.description, 1.6),
               Cell(_label(tp + "insurance_company"), party.insurance_company, 1.4),
               Cell(_label(tp + "reg_number"), party.reg_number, 1.0)])
    paper.row([Cell(_label(tp + "injured"), party.injured, yn=True),
               Cell(_label(tp + "rented_vehicle"), party.rented_vehicle, yn=True), Cell("", None, 0.8)])
    for offset in range(count):
        number = 12 + offset
        label = f"{number} Notes" if offset == 0 else str(number)
        paper.row([Cell(label, notes[offset] if offset < len(notes) else None)], height=16)


def _signatures(paper: Paper, *pairs: tuple[str, str]) -> None:
    paper.need(34 * len(pairs) + 6)
    paper.gap(6)
    for name, when in pairs:
        paper.gap(28)
        paper.line(paper.left, paper.y, paper.left + paper.text_width * 0.62, paper.y, 0.6)
        paper.line(paper.left + paper.text_width * 0.7, paper.y, paper.right, paper.y, 0.6)
        paper.text(paper.left, paper.y - 8, name, LABEL_FONT, 7, color=GREY)
        paper.text(paper.left + paper.text_width * 0.7, paper.y - 8, when, LABEL_FONT, 7, color=GREY)
        paper.gap(6)


# --- Boot Report ---------------------------------------------------------------------------------------------------


def boot_report(ctx: PrintContext) -> bytes:
    """Every unrepaired damage on file for the report's vehicle, this report's lines marked."""
    title = "BOOT REPORT"
    r = ctx.report
    paper = Paper(ctx.page_size, note=ctx.footer_note, title=f"{title} - DAMAGE REPORT {ctx.report_number}",
                  footer=_footer(ctx, title), header=_header(ctx, title))
    vehicle = r.vehicle
    unit = r.unit_number or (vehicle.unit_number if vehicle else None)
    paper.banner(f"UNREPAIRED DAMAGE ON FILE FOR VEHICLE {unit or '(NONE)'}")
    paper.gap(6)
    paper.section("VEHICLE")
    paper.row([Cell("Unit #", unit), Cell("Reg#", vehicle.licence if vehicle else None),
               Cell("Make", vehicle.make if vehicle else None, 1.3),
               Cell("Model", vehicle.model if vehicle else None, 1.3),
               Cell("Year", str(vehicle.year % 100).zfill(2) if vehicle and vehicle.year else None, 0.7),
               Cell("Own Loc", vehicle.owning_location if vehicle else None, 0.8)])
    paper.section("THIS DAMAGE REPORT")
    details = r.accident_details
    paper.row([Cell("Dmg Rpt", str(ctx.report_number), 0.8), Cell("RA#", r.ra_number),
               Cell("Non-Rev#", r.non_rev_number), Cell("Renter", r.renter.name if r.renter else None, 1.6),
               Cell("Damage Date", _d(details.date_time.date()) if details and details.date_time else None)])

    paper.section("UNREPAIRED DAMAGE (VEHICLE HISTORY RECORDS NOT CLOSED)", keep=40)
    columns = (("DMG RPT", 0), ("LINE", 52), ("CODE", 84), ("DESCRIPTION", 124), ("TYPE", 330),
               ("REPORTED", 440), ("", 500))

    def heading() -> None:
        for name, offset in columns:
            paper.text(paper.left + offset, paper.y - 9, name, LABEL_BOLD, 7.5)
        paper.y -= 12
        paper.line(paper.left, paper.y, paper.right, paper.y, 0.6)
        paper.y -= 2

    heading()
    if vehicle is None:
        paper.text(paper.left, paper.y - 14, "NO VEHICLE ON THIS DAMAGE REPORT", VALUE_FONT, 10)
        paper.y -= 20
    elif not ctx.unrepaired:
        paper.text(paper.left, paper.y - 14, "NO UNREPAIRED DAMAGE ON FILE FOR THIS VEHICLE", VALUE_FONT, 10)
        paper.y -= 20
    for damage in ctx.unrepaired:
        if paper.y - 15 < paper.bottom:
            paper.new_page()
            heading()
        baseline = paper.y - 11
        ours = damage.report_number == ctx.report_number
        font = VALUE_FONT
        paper.text(paper.left, baseline, str(damage.report_number), font, 9.5)
        paper.text(paper.left + 52, baseline, str(damage.line), font, 9.5)
        paper.text(paper.left + 84, baseline, damage.code or "", font, 9.5, width=38)
        paper.text(paper.left + 124, baseline, damage.description or "", font, 9.5, width=200)
        paper.text(paper.left + 330, baseline, ctx.type_text(damage.damage_type), font, 9.5, width=106)
        paper.text(paper.left + 440, baseline, _d(damage.reported), font, 9.5)
        if ours:
            paper.text(paper.left + 500, baseline, "THIS RPT", LABEL_BOLD, 7.5)
        paper.line(paper.left, paper.y - 15, paper.right, paper.y - 15, 0.2, GREY)
        paper.y -= 15
    count = len(ctx.unrepaired)
    if count:
        paper.gap(6)
        paper.text(paper.left, paper.y - 10,
                   f"{count} UNREPAIRED DAMAGE{'S' if count != 1 else ''} ON FILE FOR THIS VEHICLE", LABEL_BOLD, 9)
        paper.gap(14)
    _signatures(paper, ("VEHICLE CHECKED BY", "DATE"), ("RENTER'S SIGNATURE", "DATE"))
    return paper.finish()


# --- Damage Sticker ------------------------------------------------------------------------------------------------


def damage_sticker(ctx: PrintContext) -> bytes:
    """The new damages of this report, large, to go in the vehicle's window."""
    r = ctx.report
    paper = Paper(ctx.page_size, note=ctx.footer_note, title=f"DAMAGE STICKER - DAMAGE REPORT {ctx.report_number}",
                  footer=_footer(ctx, "DAMAGE STICKER"), numbered=False)
    c = paper.canvas
    inset = paper.left - 16
    c.setLineWidth(4)
    c.rect(inset, inset, paper.width - 2 * inset, paper.height - 2 * inset)
    width = paper.text_width - 16
    centre = paper.width / 2
    vehicle = r.vehicle
    unit = r.unit_number or (vehicle.unit_number if vehicle else None) or "UNKNOWN"

    paper.y = paper.top - 70
    paper.text(centre, paper.y, "DAMAGE", LABEL_BOLD, 80, align="center", width=width)
    paper.y -= 16
    paper.banner("NEW DAMAGE REPORTED - INSPECT BEFORE RENTING", 16)
    paper.y -= 46
    paper.text(centre, paper.y, f"UNIT {unit}", LABEL_BOLD, 40, align="center", width=width)
    paper.y -= 28
    if vehicle is not None:
        car = " ".join(str(p) for p in (vehicle.year, vehicle.make, vehicle.model) if p)
        reg = f"REG {vehicle.licence}" if vehicle.licence else ""
        paper.text(centre, paper.y, "   ".join(p for p in (reg, car) if p), LABEL_BOLD, 20, align="center",
                   width=width)
        paper.y -= 24
    when = r.accident_date()
    paper.text(centre, paper.y,
               f"DAMAGE REPORT {ctx.report_number}" + (f"   DAMAGE DATE {_d(when)}" if when else ""),
               LABEL_FONT, 16, align="center", width=width)
    paper.y -= 22
    paper.line(paper.left, paper.y, paper.right, paper.y, 1.5)
    paper.y -= 8

    lines = r.entered_damage_lines()
    if not lines:
        paper.y -= 30
        paper.text(centre, paper.y, "NO DAMAGE LINES ON THIS REPORT - SEE DAMAGE REPORT", LABEL_BOLD, 20,
                   align="center", width=width)
    # Shrink the lines together when five long ones would not fit above the footer.
    room = paper.y - (paper.bottom + 60)
    size = min(30.0, room / max(len(lines), 1) / 1.9)
    for position, line in lines:
        paper.y -= size * 1.15
        description = line.description or line.code or ""
        word = ctx.damage_types.get(line.type or "")
        if word:
            description = f"{description} - {word}"
        text, fitted = fit(description, LABEL_BOLD, size, width)
        paper.text(paper.left + 8, paper.y, text, LABEL_BOLD, fitted)
        paper.y -= size * 0.72
        detail = "   ".join(p for p in (
            f"FIELD {FIELDS['damage_lines.*.code'].number_at(position)}",
            f"CODE {line.code}" if line.code else "",
            f"TYPE {line.type}" if line.type else "",
        ) if p)
        paper.text(paper.left + 8, paper.y, detail, LABEL_FONT, size * 0.5, color=GREY)
        paper.y -= size * 0.1

    bottom = paper.bottom + 34
    paper.line(paper.left, bottom + 14, paper.right, bottom + 14, 1)
    parts = [f"RA# {r.ra_number}" if r.ra_number else "", f"NON-REV# {r.non_rev_number}" if r.non_rev_number else "",
             f"RENTER {r.renter.name}" if r.renter and r.renter.name else ""]
    paper.text(paper.left, bottom, "   ".join(p for p in parts if p), LABEL_FONT, 11, width=paper.text_width)
    printed = f"PRINTED {_d(ctx.printed_at.date())}"
    if r.last_modified_by:
        printed += f"   LAST CHANGED BY {r.last_modified_by}"
    paper.text(paper.left, bottom - 16, printed, LABEL_FONT, 11, width=paper.text_width)
    return paper.finish()


# --- Fleet Utilization Log -------------------------------------------------------------------------------------------


def utilization_log(ctx: PrintContext) -> bytes:
    """The evidence of a loss-of-use charge: for each day the damaged car was out of service, the fleet of its class
    at its location, the units on rent (from the RA data), out of service and free, and utilization %; the days no
    car of the class was free are marked."""
    title = "FLEET UTILIZATION LOG"
    r = ctx.report
    log = ctx.utilization
    lou = r.loss_of_use or {}
    paper = Paper(ctx.page_size, note=ctx.footer_note, title=f"{title} - DAMAGE REPORT {ctx.report_number}",
                  footer=_footer(ctx, title), header=_header(ctx, title))
    vehicle = r.vehicle
    if not lou:
        paper.banner("NO LOSS OF USE IS CHARGED ON THIS DAMAGE REPORT")
        paper.gap(6)
    paper.section("LOSS OF USE CHARGED (PAGE 2, 9 MISC COSTS)")
    paper.row([Cell("Unit #", r.unit_number or (vehicle.unit_number if vehicle else None)),
               Cell("Vehicle", " ".join(str(p) for p in ((vehicle.year, vehicle.make, vehicle.model) if vehicle
                                                       else ()) if p) or None, 2),
               Cell("Class", lou.get("vehicle_class")), Cell("Location", lou.get("location"), 0.8)])
    rate = lou.get("daily_rate")
    paper.row([Cell("Out of Service", _d(date.fromisoformat(lou["out_of_service_date"])) if lou else None),
               Cell("Repair Date", _d(date.fromisoformat(lou["repair_date"])) if lou else None),
               Cell("Days", str(lou["days"]) if lou else None, 0.6),
               Cell("Daily Rate", f"{rate} ({'RA' if lou.get('rate_source') == 'RA' else 'CLASS'})" if rate else None),
               Cell("Loss of Use", lou.get("amount"))])
    paper.section("THE CLASS'S FLEET, DAY BY DAY (UNITS ON RENT FROM THE RENTAL AGREEMENTS)", keep=60)
    columns = (("DATE", 0), ("FLEET", 80), ("ON RENT", 140), ("OUT OF SERVICE", 210), ("FREE", 310),
               ("UTILIZATION %", 360), ("", 450))

    def heading() -> None:
        for name, offset in columns:
            paper.text(paper.left + offset, paper.y - 9, name, LABEL_BOLD, 7.5)
        paper.y -= 12
        paper.line(paper.left, paper.y, paper.right, paper.y, 0.6)
        paper.y -= 2

    heading()
    days = log.days if log is not None else ()
    if not days:
        paper.text(paper.left, paper.y - 14, "NO DAYS TO SHOW", VALUE_FONT, 10)
        paper.y -= 20
    for row in days:
        if paper.y - 15 < paper.bottom:
            paper.new_page()
            heading()
        baseline = paper.y - 11
        paper.text(paper.left, baseline, _d(row.day), VALUE_FONT, 9.5)
        for value, offset in ((row.fleet_size, 80), (row.on_rent, 140), (row.out_of_service, 210), (row.free, 310)):
            paper.text(paper.left + offset + 30, baseline, str(value), VALUE_FONT, 9.5, align="right")
        paper.text(paper.left + 360 + 50, baseline, f"{row.utilization}", VALUE_FONT, 9.5, align="right")
        if row.none_free:
            paper.text(paper.left + 450, baseline, "NONE FREE", LABEL_BOLD, 7.5)
        paper.line(paper.left, paper.y - 15, paper.right, paper.y - 15, 0.2, GREY)
        paper.y -= 15
    if log is not None:
        paper.gap(8)
        paper.need(44)
        paper.text(paper.left, paper.y - 10, f"NO CAR OF CLASS {log.vehicle_class or '?'} AT {log.location or '?'} WAS "
                   f"FREE ON {log.days_none_free} OF {len(days)} DAYS", LABEL_BOLD, 9.5, width=paper.text_width)
        paper.gap(14)
        paper.text(paper.left, paper.y - 10, f"A CAR OF THE CLASS STOOD FREE ON {log.days_idle} OF {len(days)} DAYS - "
                   f"AVERAGE UTILIZATION {log.average_utilization}%", LABEL_FONT, 9, width=paper.text_width)
        paper.gap(14)
        paper.text(paper.left, paper.y - 10, "FLEET: VEHICLES OF THE CLASS OWNED AT THE LOCATION. ON RENT: AN RA OPEN "
                   "THAT DAY (OPEN DATE TO THE DAY BEFORE ITS CLOSE), THE VEHICLE IT CARRIED LAST. OUT OF SERVICE: "
                   "WORK ORDERS, OUT-OF-SERVICE DATE TO THE DAY BEFORE THE REPAIR DATE.", LABEL_FONT, 7,
                   width=paper.text_width, color=GREY)
        paper.gap(12)
    return paper.finish()
