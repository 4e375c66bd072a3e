"""EDIT CLAIM CATEGORY CODES (menu line CLMCAT, administrators): the codes of page 2 field 5 Accident Category. The
screen is the shared code-table program (`code_table.py`)."""

from __future__ import annotations

from carsplus_tui.tui.screens.code_table import CodeTableScreen


class ClaimCategoriesScreen(CodeTableScreen):
    TABLE = "claim-categories"
    TITLE = "EDIT CLAIM CATEGORY CODES"
    CODE_LABEL = "Category"
    FIELD_HELP = {
        "code": "UP TO 3 CHARACTERS: \"AN APPROPRIATE CLAIM CATEGORY CODE TO INDICATE THE GENERAL DIRECTION THAT THE "
                "PROCESSING OF THIS CLAIM IS TAKING\" (PAGE 2 FIELD 5, SHIFT+F7 LISTS THEM).",
    }


__all__ = ["ClaimCategoriesScreen"]
