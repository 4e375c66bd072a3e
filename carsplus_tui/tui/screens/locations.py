"""LOCATIONS (menu line LOCATN, administrators): the location codes of employees, vehicles, RAs and page 2 field 7a
Claim Location. The screen is the shared code-table program (`code_table.py`); a location in use cannot be deleted
(the refusal names the reports, employees, vehicles, RAs that hold it) but can be retired."""

from __future__ import annotations

from carsplus_tui.tui.screens.code_table import CodeTableScreen


class LocationsScreen(CodeTableScreen):
    TABLE = "locations"
    TITLE = "LOCATIONS"
    CODE_LABEL = "Location"
    FIELD_HELP = {
        "code": "UP TO 6 LETTERS OR DIGITS. PAGE 2 FIELD 7A CLAIM LOCATION: \"THE LOCATION THAT WILL BE HELD "
                "RESPONSIBLE TO TRACKING THIS CLAIM UNTIL IT IS CLOSED\".",
        "description": "THE LOCATION'S NAME.",
    }


__all__ = ["LocationsScreen"]
