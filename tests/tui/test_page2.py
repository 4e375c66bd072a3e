"""Page 2 (DAMAGE ENTRY - CLAIM INFO) driven with real keys: layout, live figures, field rules, notes, history,
saving through page 1's save path and the postings pop-up."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.history import HistoryModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.notes import NotesModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, signed_on, type_field


async def page2(app, pilot, report: int | None = 1, code: str = "DEMO") -> ClaimInfoScreen:  # noqa: ANN001
    """Sign on, recall `report` at OPTION, F8."""
    await settle(pilot)
    await sign_on(pilot, code, code.lower())
    if report is not None:
        await pilot.press("escape", *f"#{report}", "enter")
        await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    assert isinstance(app.screen, ClaimInfoScreen), type(app.screen)
    return app.screen


def shown(screen: ClaimInfoScreen, name: str) -> str:
    return str(screen.query_one(f"#d-{name}").render()).strip()


async def test_f8_shows_claim_info_like_the_manual_and_f8_goes_back(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot)
        text = screen_text(app)
        assert "DAMAGE ENTRY - CLAIM INFO" in text
        lines = text.splitlines()
        assert lines[1].startswith("Claim Status        4/EXTERNAL OPEN")
        assert "Our Repair Costs           377.25" in lines[1]  # right-aligned, two decimals
        assert lines[2].startswith("Damage#/Rpt status  1       /C")
        assert lines[11].startswith("8 Maximum Liability      377.25") and "Amount Outstanding         227.25" in lines[11]
        assert lines[12].startswith("NOTES")
        assert lines[-1].startswith("F1=SAVE F2=WORK F3=ERASE F4=DMS F8=PREV PAGE F9=HISTORY N=NOTES ESC=OPTION")
        report = screen.report
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert app.screen.report is report  # one report, two pages


async def dismiss_popups(app, pilot) -> None:  # noqa: ANN001
    """Answer N to the print questions and leave the postings pop-up."""
    while isinstance(app.screen, (YesNoPrompt, ChoiceModal)):
        await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "escape")
        await settle(pilot, 2)


async def test_live_figures_follow_typing_and_claim_status_is_re_evaluated_at_option(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 17)  # not covered: the renter owes 1597.52
        assert shown(screen, "claim-status") == "5"
        assert shown(screen, "amount_outstanding") == "1597.52"
        await pilot.press(*"14", "enter", *"1597.5")
        assert shown(screen, "amount_outstanding") == "0.02"  # as the clerk types, before Enter
        await pilot.press("2")
        assert shown(screen, "amount_outstanding") == "0.00"
        assert shown(screen, "claim-status") == "5"  # re-evaluated only back at OPTION
        await pilot.press("enter")  # 14 is the last field: the cursor returns to OPTION
        await settle(pilot)
        assert app.focused.id == "option"
        assert shown(screen, "claim-status") == "7"
        assert screen.field("amount_charged").value == "   1597.52"  # right-aligned, two decimals
        final = shown(screen, "final_liability")
        await pilot.press(*"12", "enter", *"100", "enter")  # 12 Goodwill Ded lowers Final Liability
        assert Decimal(shown(screen, "final_liability")) == Decimal(final) - 100
        assert shown(screen, "amount_outstanding") == "-100.00"
        await pilot.press("f1")
        await settle(pilot)
        await dismiss_popups(app, pilot)
        saved = load_report_data(sample_db, 17)
        assert (saved.claim_status, str(saved.amount_outstanding)) == (6, "-100.00")
        assert isinstance(app.screen, ClaimInfoScreen)
        assert shown(screen, "claim-status") == "6"
        # every page-2 edit is an audit entry (field, old, new, employee, time) shown in the notes
        text = screen_text(app)
        assert "DEMO   14 Amount Charged: (BLANK) -> 1597.52" in text
        assert "DEMO   12 Goodwill Ded: (BLANK) -> 100.00" in text


async def test_report_checked_only_on_complete_reports(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 41)  # incomplete (I)
        assert shown(screen, "report-status") == "I"
        assert screen.field("report_checked").disabled
        await type_field(pilot, "1")
        assert message(app) == "1 REPORT CHECKED: IS ACCESSIBLE FOR COMPLETE REPORTS ONLY (REPORT STATUS IS I)"
        assert app.focused.id == "option"
        await type_field(pilot, "5")  # the first field open on an I report
        assert app.focused is screen.field("accident_category")


async def test_external_claim_gates_closed_and_type(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 1)
        assert not screen.field("external_closed").disabled
        await type_field(pilot, "2")
        await type_field(pilot, "N")  # External Claim N: 3 and 4 are cleared and closed
        assert screen.report["external_closed"] is None and screen.report["external_type"] is None
        assert screen.field("external_closed").disabled and screen.field("external_type").disabled
        assert app.focused is screen.field("accident_category")  # 3 and 4 skipped
        await pilot.press("escape", *"3", "enter")
        assert message(app) == "3 EXTERNAL CLOSED: IS ACCESSIBLE ONLY WHEN 2 EXTERNAL CLAIM IS Y"


async def test_external_claim_defaults_to_y_with_a_renters_claim_number(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, None)  # a new report: damage covered (Y by default), no claim #
        assert screen.field("external_claim").value == "N"
        await pilot.press("f8", "escape", *"12", "enter", *"C1", "enter", "f8")  # 12 Renters Claim #
        await settle(pilot)
        screen = app.screen
        assert screen.field("external_claim").value == "Y"
        assert screen.report["external_claim"] is None  # a default, until the clerk enters it


async def test_accident_category_lookup_and_description(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 4)
        await type_field(pilot, "5")
        await type_field(pilot, "ZZ")
        assert message(app) == "5 ACCIDENT CATEGORY: ZZ IS NOT A CLAIM CATEGORY - SHIFT+F7 FOR THE LIST"
        assert app.focused is screen.field("accident_category")
        await pilot.press("shift+f7")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        await type_field(pilot, "1")
        assert app.screen is screen
        assert screen.report["accident_category"] == "1"
        assert shown(screen, "category") == "RENTER PAYING DI"
        assert app.focused is screen.field("follow_up_date")


async def test_follow_up_date_needs_the_first_note_line(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 4)
        notes = len(screen.report["notes"])
        await type_field(pilot, "6")
        await type_field(pilot, "12-15-26")
        assert isinstance(app.screen, LinesModal)
        await pilot.press("enter")  # nothing on the first line
        await settle(pilot)
        assert message(app) == "6 FOLLOW-UP DATE: THE FIRST NOTE LINE IS REQUIRED - DATE NOT TAKEN"
        assert screen.report["follow_up_date"] is None and app.focused is screen.field("follow_up_date")
        await type_field(pilot, "12-15-26")
        await pilot.press(*"CALL AETNA", "enter", "enter")
        await settle(pilot)
        assert app.screen is screen and app.focused is screen.field("claim_location")
        assert screen.report["notes"][-1]["text"] == "CALL AETNA" and len(screen.report["notes"]) == notes + 1
        assert "DEMO   CALL AETNA" in screen_text(app)


async def test_claim_location_and_employee_must_be_on_file(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 4)
        await type_field(pilot, "7")
        await type_field(pilot, "ZZZ")
        assert message(app) == "7 CLAIM LOC: LOCATION ZZZ IS NOT ON FILE - SHIFT+F7 FOR THE LIST"
        await type_field(pilot, "PHX")
        assert app.focused is screen.field("claim_employee")
        await type_field(pilot, "NOBODY")
        assert message(app) == "7 CLAIM EMPL: EMPLOYEE NOBODY IS NOT ON FILE - SHIFT+F7 FOR THE LIST"
        await type_field(pilot, "CLERK")
        assert app.focused is screen.field("misc_costs")


async def test_notes_from_page_1_are_added_never_edited_and_saved_with_f1(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape", *"#4", "enter")
        await settle(pilot)
        before = len(app.screen.report["notes"])
        await pilot.press("escape")
        await type_field(pilot, "N")  # N at OPTION on page 1
        assert isinstance(app.screen, NotesModal)
        assert len(app.screen.fields) == 5  # lines for a new entry; the old ones are text, not fields
        await pilot.press(*"PAID", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert message(app) == "NOTE ADDED - F1 TO SAVE"
        await pilot.press("f1")
        await settle(pilot)
        await dismiss_popups(app, pilot)
        with sample_db.read() as session:
            texts = session.scalars(select(m.Note.text).where(m.Note.report_number == 4)).all()
        assert len(texts) == before + 1 and texts[-1] == "PAID"
        await pilot.press("f8")
        await settle(pilot)
        await type_field(pilot, "N")  # and from page 2
        assert isinstance(app.screen, NotesModal)
        assert "DEMO   PAID" in str(app.screen.query_one("#notes-text").render())


async def test_history_lists_every_modification(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await page2(app, pilot, 1)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)
        text = screen_text(app)
        assert "CREATED DAMAGE REPORT 1" in text and "CLERK   1 Report Checked: (BLANK) -> Y" in text and "LAST MODIFIED" in text
        assert "AUDIT TRAIL VERIFIED" in text
        await pilot.press("escape")
        await type_field(pilot, "HISTORY")  # the same from OPTION
        assert isinstance(app.screen, HistoryModal)


async def test_history_names_a_break_in_the_audit_trail(make_app, sample_db) -> None:  # noqa: ANN001
    from sqlalchemy import text

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await page2(app, pilot, 1)
        await pilot.press("f9")
        await settle(pilot)
        assert "AUDIT TRAIL VERIFIED" in screen_text(app)
        await pilot.press("escape")
        # the owner switches the append-only trigger off and rewrites an audit entry
        with sample_db.engine.begin() as conn:
            if sample_db.dialect == "postgresql":
                conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"))
            else:
                conn.execute(text("DROP TRIGGER audit_entries_no_update"))
            first = conn.execute(text("SELECT min(id) FROM audit_entries WHERE report_number = 1")).scalar()
            conn.execute(text("UPDATE audit_entries SET new_value = 'N' WHERE id = :id"), {"id": first})
        await pilot.press("f9")
        await settle(pilot)
        shown = screen_text(app)
        assert "AUDIT TRAIL BROKEN" in shown and f"AUDIT ENTRY #{first} (" in shown and "CHANGED" in shown
        assert "AUDIT TRAIL VERIFIED" not in shown
        await pilot.press("escape")
        # a HISTORY opened without the verdict (as another screen might) fetches it itself
        app.push_screen(HistoryModal(1, ["07-21-09 16:45  AGENT   CREATED DAMAGE REPORT 1"]))
        await settle(pilot)
        assert "AUDIT TRAIL BROKEN" in screen_text(app) and "CHANGED" in screen_text(app)


async def test_amount_charged_on_a_closed_ra_pops_up_the_charge_to_be_taxed(make_app, sample_db) -> None:  # noqa: ANN001
    from carsplus_tui.services.reports import describe_rental_agreement

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await page2(app, pilot, 1)  # RA A0001310 is closed; the control record allows charges on closed RAs
        await pilot.press(*"14", "enter", *"60", "enter", "f1")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        assert "ADDITIONAL CHARGE 60.00 ON RA A0001310 - TAXED BY EDIT CLOSED RA" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, YesNoPrompt)  # then the print questions
        await dismiss_popups(app, pilot)
        assert "DAMAGE CHARGE" in describe_rental_agreement(sample_db, "A0001310")


def test_posting_lines_name_the_program_that_taxes_each_charge() -> None:
    from decimal import Decimal

    from carsplus_tui.services.reports import Posting
    from carsplus_tui.tui.screens.page1 import posting_lines

    lines = posting_lines([Posting("A1", "optional", "excess_charged", Decimal("150.00")),
                           Posting("A1", "additional", "amount_refunded", Decimal("-20.00"))], None)
    assert lines == ["OPTIONAL EXCESS 150.00 ON RA A1 - TAXED AT RA CLOSE",
                     "ADDITIONAL REFUND -20.00 ON RA A1 - TAXED BY EDIT CLOSED RA"]


async def test_view_only_shows_everything_and_changes_nothing(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 1, code="MGARCI")
        assert message(app) == "CLAIM INFO - VIEW ONLY"
        assert all(f.disabled for f in screen.fields)
        assert "377.25" in screen_text(app)
        await type_field(pilot, "9")
        assert message(app) == "CLAIM INFO - VIEW ONLY"
        await type_field(pilot, "N")
        assert isinstance(app.screen, NotesModal) and app.screen.fields == []


async def test_ausie_rules_open_each_level_only_when_the_lower_ones_are_met(make_app, sample_db) -> None:  # noqa: ANN001
    from sqlalchemy import update

    with sample_db.write() as session:
        session.execute(update(m.DamageControl).values(ausie_rules=True))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(app, pilot, 41)  # claim status 1 (incomplete)
        closed = [f.path for f in screen.fields if f.disabled]
        assert closed == ["report_checked", "external_claim", "external_closed", "external_type",
                          "amount_refunded", "amount_charged"]
        await type_field(pilot, "2")
        assert message(app) == "2 EXTERNAL CLAIM: CAN BE SET WHEN THE CLAIM STATUS IS 3 OR MORE (IT IS 1)"


async def test_hash_and_a_number_at_page_2s_option_shows_that_reports_page_2(make_app) -> None:  # noqa: ANN001
    """The manual's `#12345` at OPTION works on page 2 as on page 1: the clerk goes from claim to claim without
    leaving page 2 (before: '#2 IS NOT AN OPTION'). Unsaved typing is asked about first, as on page 1."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await page2(app, pilot, 1)
        await pilot.press("escape", *"#2", "enter")
        await settle(pilot, 6)
        assert isinstance(app.screen, ClaimInfoScreen) and app.screen.editor.report_number == 2
        assert "Damage#/Rpt status  2 " in screen_text(app)
        await pilot.press("escape", *"9", "enter", *"12.50", "enter", "escape", *"#3", "enter")
        await settle(pilot, 6)
        assert isinstance(app.screen, YesNoPrompt) and "RECALL DAMAGE REPORT 3?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot, 6)
        assert isinstance(app.screen, ClaimInfoScreen) and app.screen.editor.report_number == 3
        await pilot.press("escape", *"#X", "enter")
        assert message(app) == "TYPE # AND THE DAMAGE REPORT NUMBER, E.G. #12345"
