"""The ReportEditor without Textual: the report being typed, dirty and stale state, the draft, save / reload-and-
re-apply / erase, and the notices the pages react to."""

from __future__ import annotations

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import SHOWN
from carsplus_tui.services import drafts
from carsplus_tui.services.editor import (
    NothingToSave,
    ReportEditor,
    ReportReplaced,
    SaveRefused,
    same,
)
from carsplus_tui.services.reports import StaleReportError, load_report_data


def recalled(db: Database, number: int, code: str = "DEMO", terminal: str = "T1") -> tuple[ReportEditor, list]:
    editor = ReportEditor(code, terminal=terminal)
    heard: list = []
    editor.listen(heard.append)
    editor.recalled(editor.fetch_in(db, number), "RECALLED")
    return editor, heard


def save(db: Database, editor: ReportEditor) -> None:
    data, change = editor.prepare_save()
    outcome = editor.save_in(db, data, change)
    editor.saved(outcome, f"DAMAGE REPORT {outcome.result.report_number} SAVED")


def test_passing_through_fields_and_pop_ups_without_a_change_is_no_change(sample_db: Database) -> None:
    editor, heard = recalled(sample_db, 45)
    assert heard == [ReportReplaced("recalled", "DAMAGE REPORT 45 - RECALLED")] and not editor.dirty
    # Enter through a field keeps its value; a pop-up left as it was gives back the same section (blanks as "")
    assert not editor.put("ra_number", editor.get("ra_number"))
    details = {k: ("" if v is None else v) for k, v in (editor.get("accident_details") or {}).items()}
    assert not editor.put("accident_details", details or {"date_time": None, "police_name": ""})
    assert not editor.put("third_parties", [dict(p) for p in editor.get("third_parties")])
    assert not editor.dirty
    with pytest.raises(NothingToSave, match="NO CHANGES TO SAVE - DAMAGE REPORT 45"):
        editor.prepare_save()
    # a real change makes it dirty, and F1 goes ahead
    assert editor.put("renters_claim_number", "CN-EDITOR")
    assert editor.dirty
    editor.prepare_save()


def test_the_typed_form_names_every_field_of_the_report() -> None:
    from carsplus_tui.services.editor import ReportForm, blank_report

    assert set(ReportForm.__annotations__) == set(blank_report())


def test_blank_none_and_empty_pop_ups_are_the_same_to_an_agent() -> None:
    assert same(None, "") and same([], None) and same({"a": None, "b": ""}, None)
    assert same([{"last_name": "SMITH", "notes": []}], [{"last_name": "smith ", "notes": None}])
    assert not same("Y", "N") and not same({"a": "X"}, None) and not same(["A"], ["A", "B"])


def test_save_replaces_the_typing_with_the_saved_report_and_tells_every_page(sample_db: Database) -> None:
    editor, heard = recalled(sample_db, 45)
    other_page: list = []
    editor.listen(other_page.append)  # page 2 holds the same editor
    editor.put("renters_claim_number", "CN-SAVED")
    save(sample_db, editor)
    assert not editor.dirty and not editor.saving and editor.loaded == editor.report
    assert heard[-1] == other_page[-1] == ReportReplaced("saved", "DAMAGE REPORT 45 SAVED")
    assert load_report_data(sample_db, 45).renters_claim_number == "CN-SAVED"
    # F1 again without a change: not saved again (no second version, no print questions)
    version = editor.report["version"]
    with pytest.raises(NothingToSave):
        editor.prepare_save()
    assert load_report_data(sample_db, 45).version == version


def test_an_invalid_report_is_refused_before_the_database(sample_db: Database) -> None:
    editor, _ = recalled(sample_db, 45)
    editor.put("customer_present", "X")
    with pytest.raises(ReportValidationError):
        editor.prepare_save()
    assert not editor.saving and editor.dirty


def test_two_clerks_the_second_save_is_refused_then_reloaded_and_reapplied(sample_db: Database) -> None:
    first, _ = recalled(sample_db, 45, "DEMO", "T1")
    second, heard = recalled(sample_db, 45, "DEMO", "T2")
    first.put("renters_claim_number", "FIRST")
    save(sample_db, first)
    second.put("nature_of_breach", "SPEEDING")
    data, change = second.prepare_save()
    with pytest.raises(StaleReportError) as refused:
        second.save_in(sample_db, data, change)
    second.refused(str(refused.value))
    assert second.stale and heard[-1] == SaveRefused(str(refused.value))
    # F3: reload as the first clerk saved it and put the second clerk's change back on top
    number, typed, loaded = second.reload_inputs()
    line = second.reapply(second.fetch_in(sample_db, number), typed, loaded)
    assert "YOUR CHANGES RE-APPLIED (11 NATURE OF BREACH)" in line and second.dirty and not second.stale
    assert second.get("renters_claim_number") == "FIRST" and second.get("nature_of_breach") == "SPEEDING"
    save(sample_db, second)
    saved = load_report_data(sample_db, 45)
    assert (saved.renters_claim_number, saved.nature_of_breach) == ("FIRST", "SPEEDING")


def test_erase_gives_a_blank_report_and_drops_the_draft(sample_db: Database) -> None:
    editor, heard = recalled(sample_db, 45)
    editor.put("renters_claim_number", "TYPED")
    payload, change = editor.draft_snapshot()
    assert editor.write_draft_in(sample_db, payload, change)
    assert drafts.load_draft(sample_db, editor.key)["renters_claim_number"] == "TYPED"
    editor.discard_in(sample_db, editor.erase())
    assert heard[-1] == ReportReplaced("erased", "SCREEN ERASED")
    assert editor.report_number is None and not editor.dirty and editor.transaction is None
    assert drafts.load_draft(sample_db, editor.key) is None
    # a draft write still queued from before the erase is dropped, not written back
    assert not editor.write_draft_in(sample_db, payload, change)
    assert drafts.load_draft(sample_db, editor.key) is None


def test_a_note_is_the_employees_and_makes_the_report_changed(sample_db: Database) -> None:
    editor, heard = recalled(sample_db, 45, code="CLERK")
    before = len(editor.get("notes"))
    editor.add_note(["CALLED THE RENTER"])
    assert editor.dirty and len(editor.get("notes")) == before + 1
    assert editor.get("notes")[-1]["employee"] == "CLERK" and editor.get("notes")[-1]["text"] == "CALLED THE RENTER"
    assert heard[-1].line == "NOTE ADDED - F1 TO SAVE"


def test_the_recover_question_names_the_report_and_its_ra() -> None:
    key = drafts.DraftKey("DEMO", "T1")
    assert drafts.recover_question(drafts.OfferedDraft(key, {"report_number": 73, "ra_number": "T3001212"})) \
        == "RECOVER UNSAVED REPORT 73 (RA T3001212)?"
    assert drafts.recover_question(drafts.OfferedDraft(key, {"report_number": None, "ra_number": "T3001212"})) \
        == "RECOVER UNSAVED NEW REPORT FOR RA T3001212?"
    assert drafts.recover_question(drafts.OfferedDraft(key, {"non_rev_number": "NR1"})) \
        == "RECOVER UNSAVED NEW REPORT FOR NON-REV NR1?"


# ----------------------------------------------------------------------------------------------------------------
# Drafts per employee AND terminal
# ----------------------------------------------------------------------------------------------------------------


def typing(db: Database, terminal: str, claim: str) -> ReportEditor:
    editor, _ = recalled(db, 45, "DEMO", terminal)
    editor.put("renters_claim_number", claim)
    assert editor.write_draft_in(db, *editor.draft_snapshot())
    return editor


def test_a_save_at_one_terminal_leaves_the_same_employees_draft_at_another(sample_db: Database) -> None:
    one = typing(sample_db, "T1", "AT-ONE")
    typing(sample_db, "T2", "AT-TWO")
    save(sample_db, one)
    assert drafts.load_draft(sample_db, drafts.DraftKey("DEMO", "T1")) is None
    assert drafts.load_draft(sample_db, drafts.DraftKey("DEMO", "T2"))["renters_claim_number"] == "AT-TWO"
    # the next sign-on at terminal 2 offers terminal 2's draft back
    offered = drafts.draft_to_offer(sample_db, drafts.DraftKey("DEMO", "T2"))
    assert offered.key == ("DEMO", "T2") and offered.payload["renters_claim_number"] == "AT-TWO"
    assert drafts.recover_question(offered) == "RECOVER UNSAVED REPORT 45 (RA T3001186)?"
    # an erase at terminal 1 leaves it too
    again = typing(sample_db, "T1", "AGAIN")
    again.discard_in(sample_db, again.erase())
    assert drafts.load_draft(sample_db, drafts.DraftKey("DEMO", "T2"))["renters_claim_number"] == "AT-TWO"


def test_a_new_terminal_offers_only_drafts_nobody_is_typing(sample_db: Database) -> None:
    import subprocess
    import sys
    from datetime import datetime, timedelta

    from carsplus_tui.db import models as m

    typing(sample_db, "T1", "HELD")  # this program is typing it: not offered at another terminal
    new = drafts.DraftKey("DEMO", "T9")
    assert drafts.draft_to_offer(sample_db, new) is None

    def holder(value: str | None, age: timedelta = timedelta(0)) -> None:
        with sample_db.write() as session:
            draft = session.get(m.ReportDraft, ("DEMO", "T1"))
            draft.holder, draft.updated_at = value, datetime.now().replace(microsecond=0) - age

    host = drafts.this_holder().rpartition(":")[0]
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    holder(f"{host}:{ended.stdout.strip()}")  # its program on this machine has ended (kill -9, power cut)
    assert drafts.draft_to_offer(sample_db, new).key == ("DEMO", "T1")
    holder("ELSEWHERE:123", timedelta(hours=1))  # another machine, typed an hour ago: maybe still typing
    assert drafts.draft_to_offer(sample_db, new) is None
    holder("ELSEWHERE:123", timedelta(hours=13))  # untouched for a shift
    assert drafts.draft_to_offer(sample_db, new).key == ("DEMO", "T1")
    holder(None)  # signed off there: released
    offered = drafts.draft_to_offer(sample_db, new)
    assert offered.key == ("DEMO", "T1") and offered.payload["renters_claim_number"] == "HELD"
    # recovered at the new terminal, it becomes that terminal's draft
    drafts.adopt_draft(sample_db, offered.key, new)
    assert drafts.load_draft(sample_db, drafts.DraftKey("DEMO", "T1")) is None
    assert drafts.load_draft(sample_db, new)["renters_claim_number"] == "HELD"
    # another employee's drafts are never offered
    assert drafts.draft_to_offer(sample_db, drafts.DraftKey("CLERK", "T9")) is None


def test_the_editor_is_textual_free_and_the_pages_do_not_import_each_other() -> None:
    import ast
    import subprocess
    import sys
    from pathlib import Path

    import carsplus_tui.tui.screens as screens

    loaded = subprocess.run([sys.executable, "-c", "import sys, carsplus_tui.services.editor; "
                             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"

    def imported(name: str) -> set[str]:
        tree = ast.parse((Path(screens.__file__).parent / f"{name}.py").read_text())
        found = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        return found | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}

    assert not any(m.endswith("screens.page2") for m in imported("page1"))
    assert not any(m.endswith("screens.page1") for m in imported("page2"))


def test_page_1s_display_only_values_come_from_the_editor_by_the_registrys_names(sample_db: Database) -> None:
    """Dmg Rpt, VIR Sta, the renter, Open Date ... Clos Loc, the vehicle, the coverage: what page 1 shows beside the
    fields, as the report and its RA hold them, under the names the field registry gives them a label and width by;
    after F3 ERASE they are all blank (the screen's `*`)."""
    editor, _ = recalled(sample_db, 45)
    shown = editor.page1_shown()
    assert set(shown) == {name for page, name in SHOWN if page == 1}
    assert [shown[k] for k in ("report_number", "report_status", "city", "open_date", "close_loc", "year")] == [
        "45", "I", "CHANDLER/AZ/85224", "10-20-09", "TUD", "08"]
    editor.erase()
    assert not any(editor.page1_shown()[k] for k in ("report_number", "renter", "open_date", "make", "excess"))
