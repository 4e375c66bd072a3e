"""Where on the vehicle a damage line is, for the F10 map: a top view cut into 5 rows (front bumper … rear bumper)
and 3 columns (driver side, centre, passenger side), read from the service code's description."""

from __future__ import annotations

ROWS = ("FRONT BUMPER", "FRONT", "CABIN", "REAR", "REAR BUMPER")
COLUMNS = ("DRIVER", "CENTRE", "PASSENGER")


def damage_zone(description: str | None) -> tuple[int, int] | None:
    """(row, column) of the zone a description names, or None when it names no outside part (e.g. INTERIOR)."""
    if not description:
        return None
    words = description.upper().replace("/", " ").replace("-", " ")
    has = words.__contains__
    if has("INTERIOR") or has("SEAT") or has("CARPET") or has("DASH"):
        return None
    if has("PASSENGER") or has("RIGHT") or has(" RH"):
        column = 2
    elif has("DRIVER") or has("LEFT") or has(" LH"):
        column = 0
    else:
        column = 1
    if has("BUMPER") or has("GRILLE"):
        row = 4 if has("REAR") else 0
    elif has("TAIL LIGHT") or has("TAILLIGHT"):
        row = 4
    elif has("HEADLIGHT"):
        row = 0
    elif has("HOOD") or has("WINDSHIELD") or (has("FENDER") and not has("REAR")):
        row = 1
    elif has("TRUNK") or has("TAILGATE") or has("QUARTER") or has("REAR WINDOW") or has("BED") or (
        has("REAR") and has("DOOR")
    ) or has("REAR"):
        row = 3
    elif has("DOOR") or has("ROOF") or has("MIRROR") or has("WINDOW") or has("ROCKER") or has("PILLAR"):
        row = 2
    elif has("WHEEL") or has("RIM") or has("TIRE"):
        row = 3 if has("REAR") else 1
    elif has("FRONT"):
        row = 1
    else:
        return None
    return row, column
