"""The three letters to the renter: Accident Letter, Damage Letter, Final Correspondence Letter.

Each letter is the company letterhead and signature block (CARSPLUS_COMPANY_NAME / _ADDRESS / _SIGNATURE), the
date and the renter's address, and a body whose wording comes from an editable plain-text template:
``carsplus_tui/printing/templates/<name>.txt`` as shipped, or a file of the same name in the folder the services
pass as `override_dir` (``<data dir>/templates``), so a company can reword its letters without touching the
installed package.

Template rules (also written at the top of each template file):
- lines starting with ``#`` are notes for whoever edits the file and are not printed;
- ``{renter_name}``, ``{ra_number}``, ``{report_number}``, ``{accident_date}``, ``{amount_due}``, ... are merged in
  (``str.format_map``); a name that is not known stays visible as typed, so a typo shows on paper instead of
  failing the print;
- paragraphs are separated by a blank line and wrapped to the page; a line starting with a space keeps its own line,
  and in such a line what follows a gap of two or more spaces is set against the right margin (amounts);
- a paragraph starting with ``RE:`` is printed in bold;
- a line holding only ``{itemised_charges}`` prints the table of the claim's amounts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path

from carsplus_tui.domain.dates import format_counter_date, format_counter_time
from carsplus_tui.domain.printing import PrintForm

from .context import FORM_TITLES, PrintContext
from .paper import GREY, LABEL_BOLD, LABEL_FONT, Paper, wrap

__all__ = ["TEMPLATE_NAMES", "letter", "letter_values", "merge", "template_text"]

TEMPLATE_NAMES: dict[PrintForm, str] = {
    PrintForm.ACCIDENT_LETTER: "accident_letter",
    PrintForm.DAMAGE_LETTER: "damage_letter",
    PrintForm.FINAL_LETTER: "final_letter",
    PrintForm.ITEMISED_STATEMENT: "itemised_statement",
}
ITEMISED = "{itemised_charges}"
STATEMENT = "{statement_lines}"  # the itemised statement: every line, adding up to Amount Outstanding
EVIDENCE = "{loss_of_use_evidence}"  # the utilization summary, printed only when loss of use is charged
BODY_FONT = LABEL_FONT
BODY_SIZE = 10.5
LEADING = 14.0
LETTER_MARGIN = 72.0  # one inch: a business letter, not a form


# --- templates -----------------------------------------------------------------------------------------------------


def template_text(name: str, override_dir: Path | None = None) -> str:
    """The template called `name`: the company's own copy in `override_dir` when there is one, else the shipped one."""
    if override_dir is not None:
        own = override_dir / f"{name}.txt"
        if own.is_file():
            return own.read_text(encoding="utf-8")
    return (resources.files("carsplus_tui.printing") / "templates" / f"{name}.txt").read_text(encoding="utf-8")


class _KeepUnknown(dict):
    """format_map's mapping: an unknown ``{name}`` prints as itself."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def merge(template: str, values: Mapping[str, str]) -> str:
    """Drop the ``#`` note lines and merge `values` in. Never raises on a badly written template: when
    ``str.format_map`` cannot read it (a lone brace, ``{0}``, ``{a.b}``), plain ``{name}`` look-ups are done instead."""
    text = "\n".join(line for line in template.splitlines() if not line.startswith("#"))
    try:
        return text.format_map(_KeepUnknown(values))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _amount(value: Decimal | None) -> str:
    """Letter money: ``Decimal("1500")`` -> ``"1,500.00"``; a blank amount is ``0.00``."""
    value = value if value is not None else Decimal("0")
    text = f"{abs(value):,.2f}"
    return f"-{text}" if value < 0 else text


def letter_values(ctx: PrintContext) -> dict[str, str]:
    """Everything a template may merge in, as text (dates MM-DD-YY, money with two decimals)."""
    r = ctx.report
    renter = r.renter
    vehicle = r.vehicle
    details = r.accident_details
    rental = ctx.rental
    head = ctx.letterhead
    none = "N/A"
    when = details.date_time if details else None
    place = ", ".join(p for p in ((details.address1, details.address2) if details else ()) if p)
    damages = "; ".join(
        " ".join(p for p in (line.description or line.code, f"({ctx.type_text(line.type)})" if line.type else "") if p)
        for _, line in r.entered_damage_lines()
    )
    values = {
        "today": format_counter_date(ctx.printed_at.date()),
        "company_name": head.company_name,
        "company_address": ", ".join(head.address_lines),
        "company_signature": ", ".join(head.signature_lines),
        "renter_name": _person(renter.name if renter else None) or "CUSTOMER",
        "renter_address": (renter.address if renter and renter.address else ""),
        "renter_city_state_zip": _city_line(renter.city, renter.state, renter.zip) if renter else "",
        "ra_number": r.ra_number or none,
        "non_rev_number": r.non_rev_number or none,
        "report_number": str(ctx.report_number),
        "accident_date": format_counter_date(when.date()) if when else none,
        "accident_time": format_counter_time(when) if when else none,
        "accident_place": place or none,
        "police_report_number": (details.police_report_number if details else None) or none,
        "renters_claim_number": r.renters_claim_number or none,
        "unit_number": r.unit_number or (vehicle.unit_number if vehicle else None) or none,
        "vehicle": " ".join(str(p) for p in ((vehicle.year, vehicle.make, vehicle.model) if vehicle else ()) if p)
        or none,
        "licence": (vehicle.licence if vehicle else None) or none,
        "damage_list": damages or none,
        "open_date": format_counter_date(rental.open_date) if rental and rental.open_date else none,
        "close_date": format_counter_date(rental.close_date) if rental and rental.close_date else none,
        "open_location": (rental.open_location if rental else None) or none,
        "close_location": (rental.close_location if rental else None) or none,
        "claim_status": "" if r.claim_status is None else str(r.claim_status),
        # Every amount is the engine's, as loaded; nothing about the claim is worked out here.
        "excess": _amount(r.excess),
        "excess_charged": _amount(r.excess_charged),
        "maximum_liability": _amount(r.maximum_liability),
        "our_repair_costs": _amount(r.our_repair_costs),
        "misc_costs": _amount(r.misc_costs),
        "third_party_costs": _amount(r.third_party_costs),
        "third_party_recovery": _amount(r.third_party_recovery),
        "goodwill_deduction": _amount(r.goodwill_deduction),
        "final_liability": _amount(r.final_liability),
        "excess_charged_ra": _amount(r.excess_charged_ra),
        "charge_refund_due": _amount(r.charge_refund_due),
        "amount_refunded": _amount(r.amount_refunded),
        "amount_charged": _amount(r.amount_charged),
        "amount_due": _amount(r.amount_charged),  # "the additional damage related charges that are being invoiced"
        "amount_outstanding": _amount(r.amount_outstanding),
    }
    return values


def _person(name: str | None) -> str:
    """The RA's ``LAMPERT, JAMES`` as a letter addresses him: ``JAMES LAMPERT``."""
    if not name:
        return ""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and first.strip() else name.strip()


def _city_line(city: str | None, state: str | None, zip_code: str | None) -> str:
    tail = " ".join(p for p in (state, zip_code) if p)
    return ", ".join(p for p in (city, tail) if p)


# --- drawing -------------------------------------------------------------------------------------------------------


def letter(form: PrintForm, ctx: PrintContext) -> bytes:
    """One letter: letterhead, date, the renter's address, the merged template, the signature block."""
    name = TEMPLATE_NAMES[form]
    template = ctx.templates.get(name) or template_text(name)
    values = letter_values(ctx)
    body = merge(template, values)
    head = ctx.letterhead
    title = FORM_TITLES[form]
    paper = Paper(ctx.page_size, note=ctx.footer_note, title=f"{title} - DAMAGE REPORT {ctx.report_number}",
                  footer=f"{head.company_name}  -  {title}  -  DAMAGE REPORT # {ctx.report_number}",
                  header=_letterhead(ctx), numbered=False)

    # Date and the renter's address block, where a window envelope shows it.
    paper.gap(6)
    paper.text(paper.right, paper.y - 10, values["today"], BODY_FONT, BODY_SIZE, align="right")
    paper.gap(18)
    address = [values["renter_name"], values["renter_address"], values["renter_city_state_zip"]]
    for line in (a for a in address if a):
        paper.text(paper.left, paper.y - 10, line, BODY_FONT, BODY_SIZE, width=paper.text_width * 0.6)
        paper.gap(LEADING)
    paper.gap(LEADING)

    for kind, content in _paragraphs(body):
        if kind == "table":
            _itemised(paper, ctx)
        elif kind == "statement":
            _statement(paper, ctx)
        elif kind == "evidence":
            _evidence(paper, ctx)
        else:
            _paragraph(paper, content, bold=content[0].upper().startswith("RE:"))
        paper.gap(LEADING * 0.6)

    # Room for a handwritten signature, then the configured block.
    paper.need(LEADING * (3 + len(head.signature_lines)))
    paper.gap(LEADING * 2.5)
    for line in head.signature_lines:
        paper.text(paper.left, paper.y - 10, line, BODY_FONT, BODY_SIZE)
        paper.gap(LEADING)
    paper.text(paper.left, paper.y - 10, head.company_name, LABEL_BOLD, BODY_SIZE)
    return paper.finish()


def _letterhead(ctx: PrintContext) -> Callable[[Paper, int], None]:
    head = ctx.letterhead

    def draw(paper: Paper, page: int) -> None:
        # A letter has one-inch margins; the footer stays where every print has it.
        paper.left = LETTER_MARGIN
        paper.right = paper.width - LETTER_MARGIN
        centre = paper.width / 2
        top = paper.top
        if page == 1:
            paper.text(centre, top - 16, head.company_name, LABEL_BOLD, 18, align="center", width=paper.text_width)
            y = top - 30
            for line in head.address_lines:
                paper.text(centre, y, line, LABEL_FONT, 9, align="center", width=paper.text_width, color=GREY)
                y -= 11
            paper.y = y - 2
            paper.line(paper.left, paper.y, paper.right, paper.y, 1.2)
            paper.y -= 10
        else:
            paper.text(paper.left, top - 9, f"{head.company_name} - DAMAGE REPORT # {ctx.report_number}",
                       LABEL_FONT, 8, color=GREY)
            paper.y = top - 24

    return draw


def _paragraphs(body: str) -> list[tuple[str, list[str]]]:
    """("text", lines) per paragraph — lines starting with a space kept apart — and ("table", []) for the marker."""
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip("\n")):
        if not chunk.strip():
            continue
        if chunk.strip() == ITEMISED:
            blocks.append(("table", []))
            continue
        if chunk.strip() in (STATEMENT, EVIDENCE):
            blocks.append(("statement" if chunk.strip() == STATEMENT else "evidence", []))
            continue
        lines: list[str] = []
        for raw in chunk.splitlines():
            if raw.startswith((" ", "\t")) or not lines or lines[-1].startswith((" ", "\t")):
                lines.append(raw.rstrip())
            else:
                lines[-1] = f"{lines[-1]} {raw.strip()}"
        blocks.append(("text", lines))
    return blocks


_GAP = re.compile(r"\S(\s{2,})\S")


def _paragraph(paper: Paper, lines: list[str], *, bold: bool) -> None:
    font = LABEL_BOLD if bold else BODY_FONT
    for line in lines:
        indent = len(line) - len(line.lstrip())
        x = paper.left + (18 + min(indent - 1, 8) * 4 if indent else 0)
        gap = _GAP.search(line) if indent else None
        if gap is not None:
            # "label      amount": a proportional font cannot line amounts up with spaces, so set them right.
            paper.need(LEADING)
            right = paper.right - 18
            paper.text(x, paper.y - 10, line[: gap.start(1)].strip(), font, BODY_SIZE, width=right - x - 90)
            paper.text(right, paper.y - 10, line[gap.end(1):].strip(), font, BODY_SIZE, align="right")
            paper.gap(LEADING)
            continue
        for piece in wrap(line.strip(), font, BODY_SIZE, paper.right - x) or [""]:
            paper.need(LEADING)
            paper.text(x, paper.y - 10, piece, font, BODY_SIZE)
            paper.gap(LEADING)


def _itemised(paper: Paper, ctx: PrintContext) -> None:
    """The Damage Letter's table: the claim's page-2 column two, line by line, every amount as the engine gave it."""
    r = ctx.report
    maximum = ""
    if r.maximum_liability is not None:
        maximum = f" (NOT MORE THAN YOUR MAXIMUM OF {_amount(r.maximum_liability)})"
    on_ra = f" {r.ra_number}" if r.ra_number else ""
    rows: list[tuple[str, str, str]] = [
        ("OUR REPAIR COSTS", _amount(r.our_repair_costs), ""),
        ("MISCELLANEOUS COSTS (E.G. LOSS OF USE)", _amount(r.misc_costs), ""),
        ("THIRD PARTY COSTS", _amount(r.third_party_costs), ""),
        ("LESS THIRD PARTY RECOVERY", _less(r.third_party_recovery), ""),
        ("LESS GOODWILL DEDUCTION", _less(r.goodwill_deduction), ""),
    ]
    # The lines above add up to the Final Liability unless the maximum (or zero) held it: then one line says by how
    # much, so every total on the letter is the sum of the lines over it.
    limit = _limit_adjustment(r)
    if limit:
        label = "LESS AMOUNT ABOVE YOUR MAXIMUM LIABILITY" if limit < 0 else "RECOVERY BEYOND OUR COSTS NOT CHARGED"
        rows.append((label, _amount(limit), ""))
    rows += [
        (f"YOUR FINAL LIABILITY{maximum}", _amount(r.final_liability), "total"),
        (f"LESS ALREADY CHARGED ON RENTAL AGREEMENT{on_ra}", _less(r.excess_charged_ra), ""),
        ("CHARGE DUE", _amount(r.charge_refund_due), "total"),
    ]
    if r.amount_refunded:
        rows.append(("AMOUNT REFUNDED TO YOU", _amount(r.amount_refunded), ""))
    rows.append(("AMOUNT NOW DUE - INVOICED WITH THIS LETTER", _amount(r.amount_charged), "due"))
    if r.amount_outstanding or r.amount_refunded or r.amount_charged:
        # CHARGE DUE + refunded - invoiced: the claim's Amount Outstanding ("The goal ... is to bring this to zero")
        rows.append(("BALANCE STILL OPEN ON THIS CLAIM", _amount(r.amount_outstanding or Decimal("0.00")), ""))

    paper.need(LEADING * (len(rows) + 2))
    left = paper.left + 18
    right = paper.right - 18
    for label, amount, kind in rows:
        if kind == "total":
            paper.line(right - 90, paper.y - 1, right, paper.y - 1, 0.6)
            paper.gap(2)
        font = LABEL_BOLD if kind else BODY_FONT
        paper.text(left, paper.y - 10, label, font, 9.5, width=right - left - 100)
        paper.text(right, paper.y - 10, amount, font, 9.5, align="right")
        if kind == "due":
            paper.box(left - 4, paper.y - 14, right - left + 8, 17, 1.2)
        paper.gap(LEADING + (3 if kind == "due" else 0))


def _statement(paper: Paper, ctx: PrintContext) -> None:
    """The itemised statement's lines (domain/loss_of_use.py's `statement`): each amount, the liability subtotal,
    and the amount now due, which is the claim's Amount Outstanding."""
    done = ctx.statement
    if done is None:
        return
    left = paper.left + 18
    right = paper.right - 18
    paper.need(LEADING * 3)
    for line in done.lines:
        paper.need(LEADING * (2 if line.detail else 1))
        if line.subtotal:
            paper.line(right - 90, paper.y - 1, right, paper.y - 1, 0.6)
            paper.gap(2)
        font = LABEL_BOLD if line.subtotal else BODY_FONT
        paper.text(left, paper.y - 10, line.label, font, 9.5, width=right - left - 100)
        paper.text(right, paper.y - 10, _amount(line.amount), font, 9.5, align="right")
        paper.gap(LEADING)
        if line.detail:
            paper.text(left + 12, paper.y - 9, line.detail, BODY_FONT, 8.5, width=right - left - 112, color=GREY)
            paper.gap(LEADING - 2)
    paper.line(right - 90, paper.y - 1, right, paper.y - 1, 0.6)
    paper.gap(3)
    paper.text(left, paper.y - 10, "AMOUNT NOW DUE", LABEL_BOLD, 9.5)
    paper.text(right, paper.y - 10, _amount(done.amount_due), LABEL_BOLD, 9.5, align="right")
    paper.box(left - 4, paper.y - 14, right - left + 8, 17, 1.2)
    paper.gap(LEADING + 3)


def _evidence(paper: Paper, ctx: PrintContext) -> None:
    """When loss of use is charged: the utilization summary of those days (the log itself prints on its own)."""
    done = ctx.statement
    lou = done.loss_of_use if done is not None else None
    if lou is None:
        return
    log = ctx.utilization
    lines = [f"LOSS OF USE: THE VEHICLE WAS OUT OF SERVICE FROM {lou.period} ({lou.days} DAYS), CHARGED AT "
             f"{_amount(lou.daily_rate)} A DAY ({'THE RATE OF YOUR RENTAL AGREEMENT' if lou.rate_source == 'RA' else 'OUR DAILY RATE FOR ITS CLASS'})."]
    summary = log.summary if log is not None else lou.utilization_summary
    lines.append(f"FLEET UTILIZATION ON THOSE DAYS: {summary}. THE DAY-BY-DAY FLEET UTILIZATION LOG IS AVAILABLE "
                 f"ON REQUEST (DAMAGE REPORT {ctx.report_number}).")
    for text in lines:
        _paragraph(paper, [text], bold=False)
        paper.gap(LEADING * 0.3)


def _limit_adjustment(r) -> Decimal:  # noqa: ANN001
    """Final Liability less the sum of the lines the letter prints above it (zero when nothing capped it)."""
    if r.final_liability is None:
        return Decimal("0.00")
    lines = sum(
        (v or Decimal("0.00") for v in (r.our_repair_costs, r.misc_costs, r.third_party_costs)), Decimal("0.00")
    ) - (r.third_party_recovery or Decimal("0.00")) - (r.goodwill_deduction or Decimal("0.00"))
    return r.final_liability - lines


def _less(value: Decimal | None) -> str:
    """A deduction, shown with a minus when there is one."""
    return _amount(-value) if value else _amount(None)
