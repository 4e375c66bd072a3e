"""The one place that opens a screen by its program name (issue 14: no screen module imports another screen).

Screens ask the app: `self.app.open_program("DMGSRCH", self, done=chosen)`; the app (tui/app.py) passes it here.
`SCREENS` is the table program code -> opener; each opener imports its screen module when first used (the sign-on
screen stays fast). A new screen is one line in `SCREENS` and one module in the import-linter `independence`
contract of pyproject.toml. `run_program` is what a menu line (or a program code typed at page 1's or page 2's
OPTION) does: the programs themselves are listed in `tui/programs.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from carsplus_tui.tui.dbwork import show_line
from carsplus_tui.tui.programs import NOT_ADMINISTRATOR, Program, may_run

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from carsplus_tui.services.sign_on import SignedOn

Opener = Callable[..., None]


def _search(app: App[Any], origin: Any, *, done: Callable[[int | None], None]) -> None:  # noqa: ANN401
    """F6: DAMAGE REPORT SEARCH; `done` gets the chosen report number (None: Esc)."""
    from carsplus_tui.tui.screens.search import DamageReportSearchScreen

    app.push_screen(DamageReportSearchScreen.kept_on(app, origin.db), done)


def _follow_ups(app: App[Any], origin: Any, *, employee: SignedOn,  # noqa: ANN401
                done: Callable[[int | None], None]) -> None:
    """FOLLOW: the employee's FOLLOW-UP QUEUE; `done` gets the chosen report number."""
    from carsplus_tui.tui.screens.follow_ups import FollowUpQueueScreen

    app.push_screen(FollowUpQueueScreen(origin.db, employee=employee.code), done)


def _menu(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    """MENU: the DAMAGE TRACKING SUBMENU."""
    from carsplus_tui.tui.screens.menu import MenuScreen

    app.push_screen(MenuScreen(employee))


def _work_order(app: App[Any], origin: Any, *, report: int | None, employee: SignedOn,  # noqa: ANN401
                on_saved: Callable[[], None] | None = None) -> None:
    """F2 / WORK / DMGWRK: DAMAGE WORK ENTRY of the saved report (refused with a message on `origin`)."""
    from carsplus_tui.tui.screens.work_order import open_work_order

    open_work_order(origin, report, employee, on_saved)


def _dms(app: App[Any], origin: Any, *, report: int | None, employee: SignedOn) -> None:  # noqa: ANN401
    """F4: the report's DMS ACTIVITY window."""
    from carsplus_tui.tui.screens.dms_activity import open_dms_activity

    open_dms_activity(origin, report, employee)


def _ageing(app: App[Any], origin: Any) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.ageing import AgeingScreen

    app.push_screen(AgeingScreen(origin.db))


def _damage_summary(app: App[Any], origin: Any) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.dmgsum import DamageSummaryScreen

    app.push_screen(DamageSummaryScreen(origin.db))


def _clearance_report(app: App[Any], origin: Any) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.vicrpt import ClearanceReportScreen

    app.push_screen(ClearanceReportScreen(origin.db))


def _control_record(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.control_record import ControlRecordScreen

    app.push_screen(ControlRecordScreen(employee))


def _damage_codes(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.damage_types import DamageTypeCodesScreen

    app.push_screen(DamageTypeCodesScreen(employee))


def _service_codes(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.service_codes import ServiceCodesScreen

    app.push_screen(ServiceCodesScreen(employee))


def _claim_categories(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.claim_categories import ClaimCategoriesScreen

    app.push_screen(ClaimCategoriesScreen(employee))


def _locations(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.locations import LocationsScreen

    app.push_screen(LocationsScreen(employee))


def _user_access(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.user_access import UserAccessScreen

    app.push_screen(UserAccessScreen(employee))


def _class_rates(app: App[Any], origin: Any, *, employee: SignedOn) -> None:  # noqa: ANN401
    from carsplus_tui.tui.screens.class_rates import ClassRatesScreen

    app.push_screen(ClassRatesScreen(employee))


# Program code -> opener. The menu's codes (tui/programs.py) and the screens opened by a key (F4 DMS, MENU).
SCREENS: dict[str, Opener] = {
    "DMGSRCH": _search,
    "FOLLOW": _follow_ups,
    "MENU": _menu,
    "DMGWRK": _work_order,
    "DMS": _dms,
    "AGEING": _ageing,
    "DMGSUM": _damage_summary,
    "VICRPT": _clearance_report,
    "DMGCTL": _control_record,
    "DMGCODE": _damage_codes,
    "SVCCODE": _service_codes,
    "CLMCAT": _claim_categories,
    "LOCATN": _locations,
    "USERACC": _user_access,
    "CLSRATE": _class_rates,
}


def open_program(app: App[Any], code: str, origin: Screen[Any] | None = None, **arguments: Any) -> None:  # noqa: ANN401
    """Open the screen of program `code` over `origin` (the screen asking; its `db` and message line are used)."""
    SCREENS[code](app, origin if origin is not None else app.screen, **arguments)


def page1_under(app: App[Any]) -> Any:  # noqa: ANN401 - a DamageEntryScreen
    page1 = getattr(app, "page1", None)
    return page1() if callable(page1) else None


def go_to_page1(app: App[Any], employee: SignedOn) -> Any:  # noqa: ANN401 - the DamageEntryScreen
    """Page 1 on top: the one already under the menus (what was typed on it kept), or a new one."""
    page1 = page1_under(app)
    if page1 is None:
        page1 = app.new_page1(employee)  # type: ignore[attr-defined]  # the app keeps its editor (drafts, sign-off)
        app.push_screen(page1)
        return page1
    while app.screen is not page1 and len(app.screen_stack) > 1:
        app.pop_screen()
    page1.refresh_reference()
    return page1


def run_program(app: App[Any], program: Program, employee: SignedOn, rest: str = "",
                menu: Screen[Any] | None = None) -> None:
    """Open `program` for `employee` (from the menu, or a program code typed at page 1's or page 2's OPTION)."""
    def say(text: str) -> None:  # the program code typed at OPTION is refused (tui/green_form.py `refuse`)
        screen = menu if menu is not None else app.screen
        refuse = getattr(screen, "refuse", None)
        if callable(refuse):
            refuse(text)
        else:
            show_line(screen, text)

    if not may_run(program, employee):
        say(f"{program.code}: {NOT_ADMINISTRATOR}")
        return
    if program.report_number:
        if not rest.isdigit():
            say(f"TYPE {program.line} (OR {program.code}) AND THE DAMAGE REPORT #, E.G. {program.line} 12345")
            return
        open_program(app, program.code, menu or app.screen, report=int(rest), employee=employee)
        return
    if program.page1 is not None:
        page1 = go_to_page1(app, employee)
        if program.page1 != "enter":
            app.call_after_refresh(getattr(page1, program.page1))
        return
    open_program(app, program.code, menu, employee=employee)


__all__ = ["SCREENS", "go_to_page1", "open_program", "page1_under", "run_program"]
