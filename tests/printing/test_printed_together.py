"""The page's line after the print questions of one save (services/printing.py `printed_together`): every form
answered Y is named, with where it went."""

from __future__ import annotations

from pathlib import Path

from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.printing import FORM_TITLES
from carsplus_tui.services.printing import PrintOutcome, printed_together

SPOOL = Path("/home/agent/.local/share/carsplus/spool")


def kept(form: PrintForm, folder: Path = SPOOL, reason: str = "NO PRINTER SET") -> PrintOutcome:
    path = folder / f"000045-{form.name.lower()}.pdf"
    return PrintOutcome(form, path, None, f"{reason} - KEPT IN {path}", reason)


def sent(form: PrintForm) -> PrintOutcome:
    return PrintOutcome(form, SPOOL / "x.pdf", "lab1", f"{FORM_TITLES[form]} SENT TO PRINTER LAB1")


def test_one_form_is_its_own_line() -> None:
    only = kept(PrintForm.DAMAGE_STICKER)
    assert printed_together([only]) == only.message


def test_forms_kept_are_named_with_their_folder_and_those_sent_with_the_printer() -> None:
    line = printed_together([sent(PrintForm.DAMAGE_STICKER), kept(PrintForm.ACCIDENT_REPORT),
                             kept(PrintForm.ACCIDENT_LETTER, reason="PRINTER LAB2 REFUSED THE JOB")])
    assert line.startswith("DAMAGE STICKER SENT TO PRINTER LAB1 - PRINTER LAB2 REFUSED THE JOB - ")
    titles, _, folder = line.partition(" KEPT IN ")
    assert titles.endswith(f"{FORM_TITLES[PrintForm.ACCIDENT_REPORT]}, {FORM_TITLES[PrintForm.ACCIDENT_LETTER]}")
    assert f"{SPOOL}/".endswith(folder.removeprefix("...")) and folder.endswith("carsplus/spool/")  # cut in front
    assert len(line) <= 156  # two lines of the message line


def test_many_forms_are_counted_and_the_folder_is_never_cut_out() -> None:
    line = printed_together([kept(form) for form in PrintForm])
    assert line == f"NO PRINTER SET - {len(PrintForm)} FORMS KEPT IN {SPOOL}/"


def test_forms_kept_in_two_folders_each_say_where() -> None:
    first, second = kept(PrintForm.DAMAGE_STICKER), kept(PrintForm.ACCIDENT_REPORT, Path("/tmp/carsplus-spool"))
    assert printed_together([first, second]) == f"{first.message} - {second.message}"
