"""The letters' templates (merge, editable copies, wording), the spool folder and the message line — no database."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.printing import (
    FORM_NAMES,
    Sent,
    keep_in_spool,
    merge,
    message_line,
    render,
    short_path,
    template_text,
)
from carsplus_tui.printing.letters import letter_values
from carsplus_tui.services.printing import template_dir
from carsplus_tui.settings import Settings
from tests.printing.conftest import AT, pdf_text, sample_context

# --- templates ---------------------------------------------------------------------------------------------------


def test_merge_fills_known_names_and_leaves_unknown_ones_visible() -> None:
    assert merge("DEAR {renter_name}, RA {ra_number} {typo_name}", {"renter_name": "JAMES", "ra_number": "A1"}) == (
        "DEAR JAMES, RA A1 {typo_name}"
    )


@pytest.mark.parametrize("template", ["A { B {renter_name}", "{0} {renter_name}", "{renter_name.x} {renter_name}",
                                      "{renter_name!z} {renter_name}", "} {renter_name}"])
def test_merge_never_fails_on_a_badly_edited_template(template: str) -> None:
    assert "JAMES" in merge(template, {"renter_name": "JAMES"})


def test_note_lines_of_a_template_are_not_printed() -> None:
    assert merge("# a note for the editor {renter_name}\nDEAR {renter_name}", {"renter_name": "JAMES"}) == "DEAR JAMES"


def test_values_for_letters_are_counter_dates_and_two_decimal_amounts() -> None:
    values = letter_values(sample_context(misc_costs="1234.5"))
    assert values["accident_date"] == "07-20-09" and values["today"] == "01-29-10"
    assert values["misc_costs"] == "1,234.50" and values["amount_due"] == "350.00"
    assert values["renter_name"] == "JAMES LAMPERT" and values["renter_city_state_zip"] == "ANY, SC 29077"
    assert values["vehicle"] == "2007 DODGE CARAVAN" and values["damage_list"] == "FRONT PASSENGER FENDER (D DENT)"
    assert values["third_party_recovery"] == "0.00"  # a blank amount is zero on a letter


def test_a_report_without_an_ra_still_gets_a_readable_letter() -> None:
    values = letter_values(sample_context(ra_number=None, renter=None, accident_details=None))
    assert values["ra_number"] == "N/A" and values["renter_name"] == "CUSTOMER" and values["accident_date"] == "N/A"
    text = pdf_text(render(PrintForm.ACCIDENT_LETTER, sample_context(ra_number=None, renter=None)))
    assert "Dear CUSTOMER:" in text and "None" not in text


def test_a_company_copy_of_a_template_replaces_the_shipped_one(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    own = template_dir(settings)
    own.mkdir(parents=True)
    (own / "damage_letter.txt").write_text("# ours\nTO {renter_name}: PAY {amount_due} BY {no_such_name}.\n\n"
                                           "{itemised_charges}\n")
    text = template_text("damage_letter", own)
    assert text.startswith("# ours")
    assert template_text("final_letter", own) == template_text("final_letter")  # not copied: the shipped one
    ctx = replace(sample_context(), templates={"damage_letter": text})
    printed = " ".join(pdf_text(render(PrintForm.DAMAGE_LETTER, ctx)).split())
    assert "TO JAMES LAMPERT: PAY 350.00 BY {no_such_name}." in printed
    assert "AMOUNT NOW DUE - INVOICED WITH THIS LETTER 350.00" in printed


def test_a_long_letter_goes_on_to_a_second_page() -> None:
    body = "RE: A LONG ONE\n\n" + "\n\n".join(f"Paragraph {n} about {{renter_name}}. " * 12 for n in range(30))
    ctx = replace(sample_context(), templates={"final_letter": body})
    from io import BytesIO

    from pypdf import PdfReader

    pdf = render(PrintForm.FINAL_LETTER, ctx)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) > 1
    assert "Paragraph 29" in pdf_text(pdf)


# --- spool folder ------------------------------------------------------------------------------------------------


def test_the_spool_keeps_every_print_under_its_report_form_and_time(tmp_path: Path) -> None:
    spool = tmp_path / "not" / "yet" / "there"
    first = keep_in_spool(b"%PDF-1 one", spool, 44, PrintForm.DAMAGE_STICKER, AT)
    second = keep_in_spool(b"%PDF-1 two", spool, 44, PrintForm.DAMAGE_STICKER, AT)
    assert first.name == "000044-sticker-20100129-103000.pdf"
    assert second.name == "000044-sticker-20100129-103000-2.pdf"
    assert first.read_bytes() == b"%PDF-1 one" and second.read_bytes() == b"%PDF-1 two"


def test_every_form_has_a_script_name() -> None:
    assert set(FORM_NAMES) == set(PrintForm)
    from carsplus_tui.cli import PRINT_FORMS

    assert PRINT_FORMS == tuple(FORM_NAMES.values())


# --- the message line ---------------------------------------------------------------------------------------------


def _words(message: str) -> str:
    """The message without the path (a path keeps its own case)."""
    return message.split(" - KEPT IN ", 1)[0]


def test_message_when_the_printer_took_it() -> None:
    message = message_line(PrintForm.DAMAGE_STICKER, Path("/x/000001-sticker.pdf"), "office1", Sent(True))
    assert message == "DAMAGE STICKER SENT TO PRINTER OFFICE1"


@pytest.mark.parametrize(
    ("queue", "sent", "start"),
    [(None, None, "NO PRINTER SET - KEPT IN "),
     ("OFFICE1", Sent(False, "LP NOT FOUND (NO CUPS)"), "LP NOT FOUND (NO CUPS) - KEPT IN "),
     ("OFFICE1", Sent(False, "PRINTER OFFICE1 REFUSED IT"), "PRINTER OFFICE1 REFUSED IT - KEPT IN ")],
)
def test_message_when_the_pdf_was_only_kept(queue: str | None, sent: Sent | None, start: str) -> None:
    path = Path("/spool/000001-sticker-20100129-103000.pdf")  # fits whole after the longest reason
    message = message_line(PrintForm.DAMAGE_STICKER, path, queue, sent)
    assert message == start + str(path)


@pytest.mark.parametrize("form", list(PrintForm))
def test_a_long_spool_path_is_shortened_to_the_message_line(form: PrintForm) -> None:
    deep = Path("/srv/rental-company/terminals/counter-17/carsplus/data/spool") / (
        f"123456-{FORM_NAMES[form]}-20100129-103000.pdf")
    for reason in (None, Sent(False, "PRINTER A-VERY-LONG-QUEUE-NAME-INDEED-FOR-THE-BACK-OFFICE REFUSED IT")):
        message = message_line(form, deep, "Q" if reason else None, reason)
        assert len(message) <= 78, message
        assert " - KEPT IN " in message
        kept = message.split(" - KEPT IN ", 1)[1]
        assert kept.endswith(".pdf") and kept.startswith("...")
        assert _words(message) == _words(message).upper()


def test_the_home_folder_is_written_as_a_tilde(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/counter")
    path = Path("/home/counter/.local/share/carsplus/spool/000001-sticker-20100129-103000.pdf")
    assert short_path(path, 64) == "~/.local/share/carsplus/spool/000001-sticker-20100129-103000.pdf"
    assert short_path(path, 45) == ".../spool/000001-sticker-20100129-103000.pdf"
    assert len(short_path(path, 20)) == 20
    assert short_path(Path("/tmp/a.pdf"), 60) == "/tmp/a.pdf"
    assert os.sep == "/"  # the shapes above are POSIX paths; CUPS printing is POSIX only


def test_a_message_has_no_lower_case_words() -> None:
    when = datetime(2010, 1, 29, 10, 30)
    for form in PrintForm:
        for sent in (None, Sent(True), Sent(False, "LP NOT FOUND (NO CUPS)")):
            path = Path("/tmp/spool") / f"000001-{FORM_NAMES[form]}-{when:%Y%m%d-%H%M%S}.pdf"
            message = message_line(form, path, "office1", sent)
            assert _words(message) == _words(message).upper()
