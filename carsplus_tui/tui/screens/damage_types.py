"""EDIT DAMAGE CODES (menu line DMGCODE, administrators): the Damage Type codes of page 1's Type fields 16-24 (one
character: D DENT, S SCRATCH, ...). The screen is the shared code-table program (`code_table.py`)."""

from __future__ import annotations

from carsplus_tui.tui.screens.code_table import CodeTableScreen


class DamageTypeCodesScreen(CodeTableScreen):
    TABLE = "damage-types"
    TITLE = "EDIT DAMAGE CODES"
    CODE_LABEL = "Type"
    FIELD_HELP = {
        "code": "ONE CHARACTER: \"A CODE FOR THE TYPE OF DAMAGE THAT OCCURRED, SUCH AS: SCRATCH, DENT, BROKEN, "
                "MISSING, ETC.\" PAGE 1 FIELDS 16-24 ARE VALIDATED AGAINST THESE CODES.",
    }


__all__ = ["DamageTypeCodesScreen"]
