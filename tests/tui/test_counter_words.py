"""The counter flow has no traps (issue 17, items 6, 7 and 2): messages say the whole thing (wrapping to a second
line), F7 gives a field's meaning in the manual's words, refusals name their reason, a refusal goes once it is
fixed, the arrows walk page 1, F9 works there, and an over-long paste is refused with a word, never cut silently.
Real keys through Pilot; bursts and pastes posted as a fast link delivers them (tests/tui/test_counter_flow.py)."""

from __future__ import annotations

from datetime import date

from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.history import HistoryModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import (
    SIZE,
    message,
    saved_to_the_print_questions,
    screen_text,
    settle,
    sign_on,
    signed_on,
    type_field,
)
from tests.tui.test_counter_flow import burst, focused_path, paste
from tests.tui.test_dms import fake_dms  # noqa: F401 - the fake DMS fixture
from tests.tui.test_page2 import page2


def bottom_lines(app, count: int = 3) -> str:  # noqa: ANN001
    """The last `count` lines of the screen above the legend (or, in a pop-up, of the window above its frame),
    joined as one text without the frame: a message wrapped to a second line reads on."""
    lines = [line for line in screen_text(app).splitlines() if line.strip(" │─╭╮╰╯")]
    if "╰" in screen_text(app):
        lines = screen_text(app).split("╰")[0].splitlines()
    return " ".join(" ".join(line.replace("│", " ").split()) for line in lines[-1 - count:-1] + lines[-1:])


async def open_accident_details(pilot) -> AccidentDetailsModal:  # noqa: ANN001
    await pilot.press("escape")
    await type_field(pilot, "4")
    await type_field(pilot, "Y")
    assert isinstance(pilot.app.screen, AccidentDetailsModal)
    return pilot.app.screen


# -- item 6: messages wrap, F7 says what a field means, refusals give their reason ------------------------------------
async def test_a_message_longer_than_the_screen_wraps_to_a_second_line(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "9")  # closed: no third party yet
        said = message(app)
        assert said == "9 ADMITS FAULT?: OPEN ONLY WHEN 8 3RD PARTY INVLD? IS Y"
        await open_accident_details(pilot)
        await type_field(pilot, "ABC")  # not a date: refused, with how to type one
        said = message(app)
        assert len(said) > 76 and said.endswith("(USE MM-DD-YY, E.G. 07-21-09)"), said  # wider than the window
        assert said in bottom_lines(app), (said, screen_text(app))  # all of it on the screen, over two lines


async def test_f7_gives_the_manuals_words_the_format_and_the_keys(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "5")
        await pilot.press("f7")
        said = message(app)
        assert said.startswith("5 CUSTOMER PRESENT: INDICATE WHETHER OR NOT THE PRIMARY RENTING CUSTOMER WAS PRESENT "
                               "AT THE TIME OF THE ACCIDENT/DAMAGE."), said
        assert "Y OR N" in said and "YN" not in said.split() and "UP TO 1 CHARACTERS" not in said
        assert said in bottom_lines(app)
        await pilot.press("escape")
        await type_field(pilot, "17")
        await pilot.press("f7")
        assert "17 DAMAGE CODE: USED TO RECORD WHERE THE DAMAGE INCURRED ON THE VEHICLE." in message(app)
        assert "SHIFT+F7 LISTS THE CODES" in message(app)
        # In a pop-up's field too, on the window's own message line.
        await open_accident_details(pilot)
        await type_field(pilot, "")  # the date: today's
        await pilot.press("f7")
        said = message(app)
        assert said.startswith("ACCIDENT DETAILS 2 ADDRESS 1: ENTER THE STREET ADDRESS WHERE THE DAMAGE OCCURRED."), said
        assert "UP TO 30 CHARACTERS" in said


async def test_a_refused_save_names_every_field_it_needs(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        assert isinstance(screen, DamageEntryScreen)
        await pilot.press("escape")
        await type_field(pilot, "6")
        await type_field(pilot, "N")  # OTHER DRIVER ENTRY: a phone, no name
        await burst(pilot, "", "", "520-555-0142")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f1")
        await settle(pilot)
        said = message(app)
        assert "(+" not in said and "MORE)" not in said
        assert said.startswith("3 UNIT #: IS REQUIRED"), said
        assert said.endswith(" - ALSO OTHER DRIVER ENTRY 1 LAST/FIRST (LAST)"), said


async def test_a_closed_page_2_field_says_why(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await page2(app, pilot, 42)  # unreported: status U
        await pilot.press("escape")
        await type_field(pilot, "1")
        assert message(app) == "1 REPORT CHECKED: IS ACCESSIBLE FOR COMPLETE REPORTS ONLY (REPORT STATUS IS U)"


async def test_a_refusal_goes_once_the_character_is_fixed(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        await pilot.press("escape")
        await type_field(pilot, "4")
        await pilot.press("x")
        assert message(app) == "X IS NOT TAKEN HERE - ENTER Y OR N"
        await pilot.press("y")
        assert message(app) == ""  # fixed: the old refusal is gone
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccidentDetailsModal)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and message(app) == ""


# -- item 7: arrows on page 1, F9 HISTORY there ---------------------------------------------------------------------
async def test_down_and_up_arrows_walk_page_1_like_enter_and_f5(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "11")
        await pilot.press(*"UNAUTHORIZED DRIVER", "down")
        await settle(pilot)
        assert focused_path(app) == "renters_claim_number"
        assert app.screen.report["nature_of_breach"] == "UNAUTHORIZED DRIVER"  # stored, as Enter stores it
        await pilot.press("down")
        await settle(pilot)
        assert focused_path(app) == "excess_charged"
        await pilot.press("up", "up")
        await settle(pilot)
        assert focused_path(app) == "nature_of_breach"


async def test_f9_on_page_1_lists_the_saved_reports_history(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("f9")
        await settle(pilot)
        assert message(app) == "NO HISTORY - THE REPORT IS NOT SAVED YET"
        await type_field(pilot, "#1")
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)
        assert "HISTORY OF DAMAGE REPORT 1" in screen_text(app)
        await pilot.press("escape", "escape")  # out of the window, then to OPTION
        await pilot.press(*"HISTORY", "enter")  # the word at OPTION does the same
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)


# -- item 2: an over-long paste is refused with a word; the rest of it does not run on ---------------------------------
async def test_an_over_long_paste_into_a_pop_up_field_is_refused_with_a_word(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        modal = await open_accident_details(pilot)
        await type_field(pilot, "07-20-09/1530")
        long = "CORNER OF GRAND AND 4TH STREET AT THE LIGHTS"  # 44 characters for 30
        await paste(pilot, f"{long}\rSANTA ANA, CALIF\r")
        assert focused_path(app) == "accident_details.address1"  # not moved on
        said = message(app)
        assert said.startswith("ACCIDENT DETAILS 2 ADDRESS 1: TOO LONG - 14 CHARACTERS DID NOT FIT (30 AT MOST)"), said
        assert modal.query_one("#f-address2").value == ""  # the rest of the paste did not land one field late
        # Fixed by the agent: the right text replaces it and goes on.
        modal.query_one("#f-address1").select_all()
        await paste(pilot, "CORNER OF GRAND AND 4TH STREET\rSANTA ANA, CALIF\r")
        assert modal.values["address1"] == "CORNER OF GRAND AND 4TH STREET"
        assert modal.values["address2"] == "SANTA ANA, CALIF"
        assert focused_path(app) == "accident_details.police_name"
        assert message(app) == ""


async def test_an_over_long_paste_into_a_line_window_is_refused_not_cut(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        app.screen.report["third_party_involved"] = "Y"
        app.screen.update_admits_fault_access()
        await pilot.press("escape")
        await type_field(pilot, "9")
        await type_field(pilot, "Y")
        modal = app.screen
        assert isinstance(modal, LinesModal)
        words = " ".join(f"WORD{i:03d}" for i in range(40))  # 359 characters: more than 5 lines of 60
        await paste(pilot, words + "\r")
        assert app.screen is modal  # the Enter did not close the window on a cut text
        assert message(app).startswith("FAULT DESCRIPTION LINE 5: TOO LONG"), message(app)
        await pilot.press("enter")  # Enter again keeps what is shown
        await settle(pilot)
        assert app.screen is not modal


async def test_a_paste_into_the_fault_description_wraps_as_typed_one_key_at_a_time(make_app) -> None:  # noqa: ANN001
    text = "MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."
    manual = ["MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
              "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."]
    results = []
    for way in ("keys", "paste"):
        app = make_app()
        async with signed_on(app) as pilot:
            if isinstance(app.screen, YesNoPrompt):  # RECOVER UNSAVED REPORT? (the first way's report): no
                await pilot.press("n")
                await settle(pilot)
            screen = app.screen
            screen.report["third_party_involved"] = "Y"
            screen.update_admits_fault_access()
            await pilot.press("escape")
            await type_field(pilot, "9")
            await type_field(pilot, "Y")
            assert isinstance(app.screen, LinesModal)
            if way == "keys":
                await pilot.press(*text, "enter", "enter")
            else:
                await paste(pilot, f"{text}\x1b\r\r")
            await settle(pilot)
            results.append(screen.report["fault_description"])
    assert results == [manual, manual]


# -- item 11: below 80 x 24 the screen says how large it must be; the field being typed stays in view -----------------
async def test_a_small_terminal_says_its_minimum_size_and_keeps_the_field_in_view(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        assert "SCREEN 60X18 IS TOO SMALL - MAKE IT AT LEAST 80X24" in screen_text(app)  # at sign-on already
        await sign_on(pilot)
        assert "SCREEN 60X18 IS TOO SMALL - MAKE IT AT LEAST 80X24" in screen_text(app)
        await pilot.press("escape", *"24", "enter")  # the last field: bottom right of the page
        await settle(pilot)
        field = app.focused
        assert focused_path(app) == "damage_lines.4.type"
        region = field.region
        # On the screen, and clear of the two bottom lines (the message line and the legend).
        assert 0 <= region.x and region.right <= 60 and 0 <= region.y < 18 - 2, region
        await pilot.press("d")
        assert "24 Type D" in " ".join(screen_text(app).split())  # what is typed shows
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "TOO SMALL" not in screen_text(app)


# -- item 10: the notes window wraps at words, nothing cut ----------------------------------------------------------
async def test_the_notes_window_wraps_a_long_entry_at_words(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await type_field(pilot, "#1")
        await pilot.press("escape", "N", "enter")
        await settle(pilot)
        line = "WORDAAAA WORDBBBB WORDCCCC WORDDDDD WORDEEEE WORDFFFF XY END"  # 56 characters, then a wrap
        await type_field(pilot, line)
        await type_field(pilot, "")
        await pilot.press("escape", "N", "enter")  # the window again: the entry is among the old ones
        await settle(pilot)
        shown = screen_text(app).split()
        assert all(word in shown for word in line.split()), screen_text(app)


async def test_the_spool_path_is_shown_in_its_real_case(make_app, no_printer) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await saved_to_the_print_questions(pilot)
        await pilot.press("y")  # PRINT CURRENT DAMAGE REPORT?
        await settle(pilot, 6)
        while isinstance(app.screen, YesNoPrompt):
            await pilot.press("n")
            await settle(pilot)
        (pdf,) = no_printer.glob("*.pdf")
        said = message(app)
        assert said.startswith("NO PRINTER SET - KEPT IN "), said
        shown = said.removeprefix("NO PRINTER SET - KEPT IN ")
        assert str(pdf).endswith(shown.removeprefix("...")) and pdf.name in shown  # as on disk, not SPOOL/...PDF


async def test_yes_to_every_print_question_names_every_form_and_their_folder(make_app, no_printer) -> None:  # noqa: ANN001
    """No printer: each form answered Y is kept in the spool folder, and the line names them all, not the last."""
    app = make_app()
    async with signed_on(app) as pilot:
        await saved_to_the_print_questions(pilot)
        asked = 0
        while isinstance(app.screen, YesNoPrompt):
            asked += 1
            await pilot.press("y")
            await settle(pilot, 6)
        pdfs = sorted(no_printer.glob("*.pdf"))
        assert asked >= 2 and len(pdfs) == asked, (asked, pdfs)
        said = " ".join(message(app).split())
        assert said.startswith("NO PRINTER SET - ") and said.endswith(f"KEPT IN {no_printer}/"), said
        from carsplus_tui.printing import FORM_NAMES, FORM_TITLES

        for pdf in pdfs:  # every form kept is named on the line
            form = next(f for f, name in FORM_NAMES.items() if f"-{name}-" in pdf.name)
            assert FORM_TITLES[form] in said, (pdf.name, said)


# -- item 10: DMS ACTIVITY dates as everywhere else, and the whole reference ID where the terminal is wide --------------
async def test_dms_history_shows_mm_dd_yy_and_the_whole_reference_id_at_100_columns(make_app, sample_db) -> None:  # noqa: ANN001
    from carsplus_tui.dms import PaymentResult
    from carsplus_tui.services import dms as dms_service
    from tests.tui.test_dms import lines, open_dms

    reference = "DMS-PAYMENT-2009-08-02-000000019"  # 32 characters
    dms_service.set_repair_id(sample_db, 1, "12345678", "CLERK")
    dms_service.add_receipt(sample_db, 1, payer_type="CUSTOMER", payer_name="LAMPERT", amount="150.00",
                            received_date=date(2009, 8, 2), employee="CLERK")

    class Posting:
        name, can_post_payments = "TEST", True

        def post_payment(self, payment, key, budget=None):  # noqa: ANN001, ANN202
            return PaymentResult(reference)

    dms_service.export_ready_payments(sample_db, Posting(), "CLERK", report_number=1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_dms(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert "08-02-09" in lines(screen, "#receipt-list")[-1] and "08/02/09" not in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        assert any(line.rstrip().endswith(reference) for line in lines(screen, "#history-list")), lines(
            screen, "#history-list")
    # At 80 columns the column keeps 13 characters; the highlighted event's detail line has it whole.
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        await pilot.press("f4")
        await settle(pilot)
        posted = next(i for i, line in enumerate(lines(screen, "#history-list")) if "Payment posted" in line)
        for _ in range(posted):
            await pilot.press("down")
        await settle(pilot)
        assert f"REFERENCE ID {reference} - Payment posted" in screen_text(pilot.app)


async def test_the_dms_vehicle_search_finds_by_unit_number_too(make_app, fake_dms) -> None:  # noqa: ANN001, F811
    from tests.tui.test_dms import open_dms

    # The DMS filed report 1's car (unit 001888) without its VIN: found by the unit #.
    fake_dms.vehicles.append({"id": "V-001888", "description": "UNIT 001888 2007 DODGE CARAVAN", "vin": ""})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        screen.query_one("#p-vehicle").focus()
        await pilot.press("shift+f7")
        await settle(pilot)
        assert "V-001888" in screen_text(app) and "UNIT 001888 2007 DODGE CARAVAN" in screen_text(app)


async def test_the_chosen_dms_customer_is_shown_by_name(make_app, fake_dms) -> None:  # noqa: ANN001, F811
    from tests.tui.test_dms import open_dms

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        await pilot.press(*"12345678", "enter")  # 1 DMS Repair ID, then the blank customer: Enter searches
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1", "enter")  # LAMPERT, JAMES
        await settle(pilot)
        assert screen.query_one("#p-customer").value == "9876543"
        line = next(row for row in screen_text(app).splitlines() if "2 DMS Customer ID" in row)
        assert "LAMPERT, JAMES" in line and "*" not in line, line
