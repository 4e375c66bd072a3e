"""VEHICLE HISTORY SERVICE CODES (menu line SVCCODE, administrators): the codes whose descriptions page 1's Damage
Code fields 15-23 offer when "configured to display on the Damage Entry screen", for all vehicles or only certain
Model Codes. The screen is the shared code-table program (`code_table.py`) with fields 4 and 5."""

from __future__ import annotations

from carsplus_tui.tui.screens.code_table import CodeTableScreen


class ServiceCodesScreen(CodeTableScreen):
    TABLE = "service-codes"
    TITLE = "VEHICLE HISTORY SERVICE CODES"
    CODE_LABEL = "Code"
    FIELD_HELP = {
        "code": "UP TO 6 LETTERS OR DIGITS. \"THE TERMS SHOWN ARE THE DESCRIPTION FIELD FROM VEHICLE HISTORY SERVICE "
                "CODES WHICH ARE CONFIGURED TO DISPLAY ON THE DAMAGE ENTRY SCREEN.\"",
        "show_on_damage_entry": "Y: THE CODE IS OFFERED IN PAGE 1'S DAMAGE CODE LOOK-UP (SHIFT+F7 ON FIELDS 15-23); "
                                "N: A VEHICLE HISTORY CODE ONLY.",
        "model_codes": "\"THESE SERVICE CODES CAN BE CONFIGURED TO DISPLAY FOR ALL VEHICLES OR THEY CAN BE SET UP TO "
                       "APPLY ONLY TO CERTAIN MODEL CODES.\" BLANK = ALL VEHICLES; MODEL CODES SEPARATED BY SPACES.",
    }


__all__ = ["ServiceCodesScreen"]
