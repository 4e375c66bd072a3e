#!/usr/bin/env python3
"""Write the carsplus-tui sample data: ``sample_data/*.json`` and ``sample_data/README.md``.

Deterministic (one fixed random seed, standard library only): running it twice writes byte-identical files.

    python tools/make_sample_data.py            # (re)write sample_data/ and print the status coverage table
    python tools/make_sample_data.py --check    # regenerate in memory; exit 1 if sample_data/ differs

The data is a small US rental operation in 2008-2010 (the manual's example is dated 2009): three Arizona and
three Southern California airport/town locations, about 120 cars, 250 rental agreements, non-rev tickets and 72
damage reports.  Report #1 is the completed page-1 example of the CARS+ manual (RA A0001310, renter LAMPERT, unit
001888).  The computed page-2 fields of every report are left null (the loader recomputes them), but this script
computes them with Decimal using the rules of DESIGN.md section 4 and checks that each report lands on the claim
status it was written for, so the statuses the loader computes are known in advance (see the table it prints).
"""

from __future__ import annotations

import json
import random
import sys
import textwrap
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

SEED = 20090721
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_data"

DATA_NOW = date(2010, 1, 29)  # "today" of the rental data: open RAs are open on this day
REPORT1_CREATED = datetime(2009, 7, 21, 16, 45)  # the manual's example; every other report is saved after it
FAR_FUTURE = date(2099, 12, 31)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

rng = random.Random(SEED)


# --- small helpers ---------------------------------------------------------------------------------------------------


def D(value) -> Decimal:
    """Decimal from an int or a string (never a float)."""
    assert not isinstance(value, float)
    return Decimal(value).quantize(CENT)


def money(value) -> str | None:
    return None if value is None else f"{D(value):.2f}"


def rmoney(lo: int, hi: int) -> Decimal:
    """A random amount between lo and hi dollars, to the cent."""
    return (Decimal(rng.randint(lo * 100, hi * 100)) / 100).quantize(CENT)


def rdate(first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def rtime(h0: int = 7, h1: int = 21) -> time:
    return time(rng.randint(h0, h1), rng.randrange(0, 60, 5))


def iso(value) -> str | None:
    return None if value is None else value.isoformat()


def wrap(text: str, width: int = 60) -> list[str]:
    return textwrap.wrap(text, width=width, break_on_hyphens=False)


def pick(pairs):
    """Weighted choice from [(value, weight), ...]."""
    values = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def fit(text: str, length: int) -> str:
    text = text[:length].rstrip()
    return text


def digits(n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q (plates and VINs avoid them)


def from_pattern(pattern: str) -> str:
    """'#' a digit, '@' a letter, anything else itself."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "@":
            out.append(rng.choice(LETTERS))
        else:
            out.append(ch)
    return "".join(out)


# --- reference data --------------------------------------------------------------------------------------------------

CONTROL = {
    "ausie_rules": False,
    "witness_customer_type": "WIT",
    "third_party_customer_type": "3RD",
    "other_driver_customer_type": "DRV",
    "allow_charges_on_closed_ra": True,
    "allow_refunds_on_ra": True,
    "damage_covered_default": "Y",
    "require_present_and_third_party": False,
    "boot_report": False,
    "damage_option_code": "DMG",
    "vehicle_lookup_by_licence": False,
}
DMG = CONTROL["damage_option_code"]

LOCATIONS = [
    # code, name, address, city, state, zip, phone
    ("TUS", "TUCSON AIRPORT", "7250 S TUCSON BLVD", "TUCSON", "AZ", "85756", "520-555-0100"),
    ("TUD", "TUCSON DOWNTOWN", "320 N STONE AVE", "TUCSON", "AZ", "85701", "520-555-0121"),
    ("PHX", "PHOENIX SKY HARBOR AIRPORT", "1805 E SKY HARBOR CIR S", "PHOENIX", "AZ", "85034", "602-555-0110"),
    ("TMP", "TEMPE", "1440 E APACHE BLVD", "TEMPE", "AZ", "85281", "480-555-0116"),
    ("SNA", "SANTA ANA JOHN WAYNE AIRPORT", "18601 AIRPORT WAY", "SANTA ANA", "CA", "92707", "949-555-0133"),
    ("LAX", "LOS ANGELES AIRPORT", "9020 AVIATION BLVD", "INGLEWOOD", "CA", "90301", "310-555-0142"),
    ("SAN", "SAN DIEGO AIRPORT", "3355 ADMIRAL BOLAND WAY", "SAN DIEGO", "CA", "92101", "619-555-0158"),
]
LOC_CODES = [row[0] for row in LOCATIONS]
REGION = {"TUS": "AZ", "TUD": "AZ", "PHX": "AZ", "TMP": "AZ", "SNA": "CA", "LAX": "CA", "SAN": "CA"}
AIRPORTS = {"TUS", "PHX", "SNA", "LAX", "SAN"}
LOC_WEIGHTS = [("TUS", 26), ("TUD", 8), ("PHX", 24), ("TMP", 6), ("SNA", 14), ("LAX", 14), ("SAN", 10)]
TAX_RATE = {"AZ": Decimal("0.081"), "CA": Decimal("0.0825")}

# code, name, location, access_claim, restrict_editclos.  Password = the code in lower case.
EMPLOYEES = [
    ("DEMO", "DEMO USER", "TUS", "edit", False),
    ("CLERK", "CLAIMS CLERK", "TUS", "edit", False),
    ("AGENT", "COUNTER AGENT", "TUS", "none", True),
    ("JSMITH", "JOHN SMITH", "TUS", "edit", True),
    ("LCHAVE", "LUIS CHAVEZ", "TUD", "none", True),
    ("MGARCI", "MARIA GARCIA", "PHX", "view", False),
    ("GFOSTE", "GARY FOSTER", "PHX", "edit", False),
    ("SOBRIE", "SEAN OBRIEN", "PHX", "none", True),
    ("TMILLE", "TINA MILLER", "TMP", "view", True),
    ("BCARTE", "BRIAN CARTER", "TMP", "none", False),
    ("RNGUYE", "ROBERT NGUYEN", "SNA", "view", True),
    ("EROMER", "ELENA ROMERO", "SNA", "edit", False),
    ("KWONG", "KAREN WONG", "LAX", "none", False),
    ("AHERNA", "ANA HERNANDEZ", "LAX", "edit", False),
    ("DPATEL", "DEEPAK PATEL", "SAN", "edit", False),
    ("PKIM", "PAUL KIM", "SAN", "view", False),
]
EMP_LOC = {e[0]: e[2] for e in EMPLOYEES}
ADMINISTRATORS = {"DEMO", "CLERK"}  # User Access File "administrator": control files, code tables, users
RESTRICTED = {e[0] for e in EMPLOYEES if e[4]}  # Restrict EDITCLOS: no damage changes on posted RAs
COUNTER_STAFF = {loc: [e[0] for e in EMPLOYEES if e[2] == loc and e[0] != "DEMO"] for loc in LOC_CODES}
CLAIMS_STAFF = {  # who works page 2 for each location's claims (edit access)
    "TUS": ["CLERK", "JSMITH", "DEMO"],
    "TUD": ["CLERK", "JSMITH"],
    "PHX": ["GFOSTE"],
    "TMP": ["GFOSTE"],
    "SNA": ["EROMER"],
    "LAX": ["AHERNA"],
    "SAN": ["DPATEL"],
}

DAMAGE_TYPES = [
    ("D", "DENT"),
    ("S", "SCRATCH"),
    ("B", "BROKEN"),
    ("M", "MISSING"),
    ("C", "CRACK"),
    ("T", "TORN"),
    ("H", "HAIL"),
    ("G", "GOUGE"),
    ("P", "CHIP"),
]

MINIVANS = ["CARAV", "TWNCTY", "SIENNA", "ODYSSY"]
PICKUPS = ["F150", "SILVRD", "RAM15"]
CONVERTIBLES = ["MUSTCV", "SEBCV"]
SUVS = ["ESCAPE", "EXPLOR", "LIBRTY", "GCHERO", "TAHOE"]

SERVICE_CODES = [
    # code, description, show_on_damage_entry, model codes (empty = all)
    ("D1", "FRONT PASSENGER FENDER", True, []),
    ("D2", "FRONT DRIVER FENDER", True, []),
    ("D3", "REAR PASSENGER QUARTER", True, []),
    ("D4", "REAR DRIVER QUARTER", True, []),
    ("D5", "FRONT BUMPER", True, []),
    ("D6", "REAR BUMPER", True, []),
    ("D7", "HOOD", True, []),
    ("D8", "ROOF", True, []),
    ("D9", "TRUNK/TAILGATE", True, []),
    ("DA", "WINDSHIELD", True, []),
    ("DB", "PASSENGER FRONT DOOR", True, []),
    ("DC", "DRIVER FRONT DOOR", True, []),
    ("DD", "PASSENGER REAR DOOR", True, []),
    ("DE", "DRIVER REAR DOOR", True, []),
    ("DF", "HEADLIGHT", True, []),
    ("DG", "TAIL LIGHT", True, []),
    ("DH", "MIRROR", True, []),
    ("DI", "WHEEL/RIM", True, []),
    ("DJ", "INTERIOR", True, []),
    ("DK", "SLIDING DOOR", True, MINIVANS),
    ("DL", "TRUCK BED", True, PICKUPS),
    ("DM", "CONVERTIBLE TOP", True, CONVERTIBLES),
    ("DN", "ROOF RACK", True, SUVS + MINIVANS),
    ("DP", "RUNNING BOARD", True, ["TAHOE", "EXPLOR"] + PICKUPS),
    ("DQ", "UNDERCARRIAGE", True, []),
    ("DR", "SIDE WINDOW GLASS", True, []),
    ("DS", "REAR WINDOW GLASS", True, []),
    ("OIL", "OIL CHANGE", False, []),
    ("ROT", "TIRE ROTATION", False, []),
    ("PM", "PREVENTIVE MAINTENANCE", False, []),
    ("TIRE", "TIRE REPLACEMENT", False, []),
    ("ALIGN", "WHEEL ALIGNMENT", False, []),
    ("DET", "DETAIL AND CLEAN", False, []),
    ("SMOG", "EMISSIONS TEST", False, []),
]
SC_DESC = {c[0]: c[1] for c in SERVICE_CODES}
SC_MODELS = {c[0]: c[3] for c in SERVICE_CODES}


def code_valid(code: str, model_code: str) -> bool:
    return not SC_MODELS[code] or model_code in SC_MODELS[code]


CLAIM_CATEGORIES = [
    ("1", "RENTER PAYING DIRECT"),
    ("2", "RENTER INSURANCE"),
    ("3", "CREDIT CARD COVERAGE"),
    ("4", "THIRD PARTY LIABLE"),
    ("5", "COLLECTIONS"),
    ("6", "WRITE OFF"),
    ("LIT", "LITIGATION"),
    ("SUB", "SUBROGATION"),
]
EXTERNAL_TYPE = {
    "1": "DIRECT BILL",
    "2": "RENTER INS",
    "3": "CREDIT CARD",
    "4": "3RD PARTY",
    "5": "COLLECTIONS",
    "6": "WRITE OFF",
    "LIT": "LITIGATION",
    "SUB": "SUBROGATION",
}

# make, model, model code, class, VIN prefix (WMI + VDS), plant, first year, last year, weight
MODELS = [
    ("DODGE", "CARAVAN", "CARAV", "minivan", "2D4GP44L", "R", 2006, 2010, 5),
    ("CHRYSLER", "TOWN & COUNTRY", "TWNCTY", "minivan", "2A8HR54P", "R", 2007, 2010, 3),
    ("TOYOTA", "SIENNA", "SIENNA", "minivan", "5TDZK23C", "S", 2006, 2010, 2),
    ("HONDA", "ODYSSEY", "ODYSSY", "minivan", "5FNRL384", "B", 2006, 2009, 2),
    ("FORD", "F-150", "F150", "pickup", "1FTRF122", "K", 2006, 2009, 3),
    ("CHEVROLET", "SILVERADO 1500", "SILVRD", "pickup", "1GCEC14X", "Z", 2007, 2010, 2),
    ("DODGE", "RAM 1500", "RAM15", "pickup", "1D7HA182", "S", 2006, 2009, 2),
    ("TOYOTA", "COROLLA", "COROLL", "compact", "1NXBR32E", "Z", 2006, 2010, 6),
    ("TOYOTA", "CAMRY", "CAMRY", "midsize", "4T1BE46K", "U", 2006, 2010, 6),
    ("TOYOTA", "PRIUS", "PRIUS", "compact", "JTDKB20U", "3", 2007, 2009, 2),
    ("HONDA", "CIVIC", "CIVIC", "compact", "2HGFA165", "H", 2006, 2010, 5),
    ("HONDA", "ACCORD", "ACCORD", "midsize", "1HGCP263", "A", 2008, 2010, 4),
    ("NISSAN", "ALTIMA", "ALTIMA", "midsize", "1N4AL21E", "N", 2007, 2010, 5),
    ("NISSAN", "SENTRA", "SENTRA", "compact", "3N1AB61E", "L", 2007, 2010, 4),
    ("CHEVROLET", "MALIBU", "MALIBU", "midsize", "1G1ZH57B", "F", 2008, 2010, 5),
    ("CHEVROLET", "IMPALA", "IMPALA", "fullsize", "2G1WB58K", "1", 2006, 2010, 5),
    ("CHEVROLET", "AVEO", "AVEO", "economy", "KL1TD566", "B", 2006, 2009, 3),
    ("CHEVROLET", "HHR", "HHR", "compact", "3GNDA23D", "S", 2006, 2009, 2),
    ("CHEVROLET", "TAHOE", "TAHOE", "suv", "1GNFC13J", "R", 2007, 2009, 2),
    ("FORD", "FOCUS", "FOCUS", "compact", "1FAHP35N", "W", 2006, 2010, 4),
    ("FORD", "FUSION", "FUSION", "midsize", "3FAHP07Z", "R", 2006, 2010, 5),
    ("FORD", "TAURUS", "TAURUS", "fullsize", "1FAHP24W", "G", 2008, 2009, 3),
    ("FORD", "MUSTANG CONV", "MUSTCV", "convertible", "1ZVHT84N", "5", 2006, 2010, 2),
    ("CHRYSLER", "SEBRING CONV", "SEBCV", "convertible", "1C3LC55R", "N", 2008, 2009, 2),
    ("FORD", "ESCAPE", "ESCAPE", "suv", "1FMCU03Z", "K", 2006, 2010, 3),
    ("FORD", "EXPLORER", "EXPLOR", "suv", "1FMEU63E", "U", 2006, 2009, 2),
    ("JEEP", "LIBERTY", "LIBRTY", "suv", "1J4GL48K", "W", 2006, 2009, 2),
    ("JEEP", "GRAND CHEROKEE", "GCHERO", "suv", "1J8GR48K", "C", 2007, 2009, 2),
    ("DODGE", "CHARGER", "CHARGR", "fullsize", "2B3KA43R", "H", 2006, 2009, 3),
    ("DODGE", "CALIBER", "CALIBR", "compact", "1B3HB48B", "D", 2007, 2010, 3),
    ("HYUNDAI", "SONATA", "SONATA", "midsize", "5NPET46C", "H", 2006, 2010, 3),
    ("KIA", "RIO", "RIO", "economy", "KNADE123", "6", 2006, 2009, 2),
    ("MAZDA", "MAZDA6", "MAZDA6", "midsize", "1YVHP80C", "M", 2006, 2008, 2),
    ("PONTIAC", "G6", "G6", "midsize", "1G2ZG58N", "4", 2006, 2009, 3),
]
MODEL_BY_CODE = {m[2]: m for m in MODELS}
DAILY_RATE = {
    "economy": "27.99",
    "compact": "31.99",
    "midsize": "36.99",
    "fullsize": "42.99",
    "suv": "54.99",
    "minivan": "62.99",
    "pickup": "49.99",
    "convertible": "64.99",
}

# --- people and places -----------------------------------------------------------------------------------------------

SURNAMES = """SMITH JOHNSON WILLIAMS BROWN JONES MILLER DAVIS GARCIA RODRIGUEZ WILSON MARTINEZ ANDERSON TAYLOR THOMAS
HERNANDEZ MOORE MARTIN JACKSON THOMPSON WHITE LOPEZ LEE GONZALEZ HARRIS CLARK LEWIS ROBINSON WALKER PEREZ HALL YOUNG
ALLEN SANCHEZ WRIGHT KING SCOTT GREEN BAKER ADAMS NELSON HILL RAMIREZ CAMPBELL MITCHELL ROBERTS CARTER PHILLIPS EVANS
TURNER TORRES PARKER COLLINS EDWARDS STEWART FLORES MORRIS NGUYEN MURPHY RIVERA COOK ROGERS MORGAN PETERSON COOPER REED
BAILEY BELL GOMEZ KELLY HOWARD WARD COX DIAZ RICHARDSON WOOD WATSON BROOKS BENNETT GRAY JAMES REYES CRUZ HUGHES PRICE
MYERS LONG FOSTER SANDERS ROSS MORALES POWELL SULLIVAN RUSSELL ORTIZ JENKINS GUTIERREZ PERRY BUTLER BARNES FISHER
HENDERSON COLEMAN SIMMONS PATTERSON JORDAN REYNOLDS HAMILTON GRAHAM KIM GONZALES ALEXANDER RAMOS WALLACE GRIFFIN WEST
COLE HAYES CHAVEZ GIBSON BRYANT ELLIS STEVENS MURRAY FORD MARSHALL OWENS MCDONALD HARRISON RUIZ KENNEDY WELLS ALVAREZ
WOODS MENDOZA CASTILLO OLSON WEBB WASHINGTON TUCKER FREEMAN BURNS HENRY VASQUEZ SNYDER SIMPSON CRAWFORD JIMENEZ PORTER
MASON SHAW GORDON WAGNER HUNTER ROMERO HICKS DIXON HUNT PALMER ROBERTSON BLACK HOLMES STONE MEYER BOYD MILLS WARREN
FOX ROSE RICE MORENO SCHMIDT PATEL FERGUSON NICHOLS HERRERA MEDINA RYAN FERNANDEZ WEAVER DANIELS STEPHENS GARDNER PAYNE
KELLEY DUNN PIERCE ARNOLD TRAN SPENCER PETERS HAWKINS GRANT HANSEN CASTRO HOFFMAN HART ELLIOTT CUNNINGHAM KNIGHT
BRADLEY NAKAMURA YAMADA OKAFOR KOWALSKI OBRIEN LINDQUIST SORENSEN DELGADO VILLANUEVA ESPINOZA""".split()
FIRST_NAMES = """JAMES JOHN ROBERT MICHAEL WILLIAM DAVID RICHARD JOSEPH THOMAS CHARLES CHRISTOPHER DANIEL MATTHEW ANTHONY
MARK DONALD STEVEN PAUL ANDREW JOSHUA KENNETH KEVIN BRIAN GEORGE TIMOTHY RONALD JASON EDWARD JEFFREY RYAN JACOB GARY
NICHOLAS ERIC JONATHAN STEPHEN LARRY JUSTIN SCOTT BRANDON FRANK GREGORY RAYMOND SAMUEL PATRICK JOSE JUAN CARLOS LUIS
MIGUEL MARY PATRICIA JENNIFER LINDA ELIZABETH BARBARA SUSAN JESSICA SARAH KAREN NANCY LISA BETTY MARGARET SANDRA ASHLEY
KIMBERLY EMILY DONNA MICHELLE DOROTHY CAROL AMANDA MELISSA DEBORAH STEPHANIE REBECCA SHARON LAURA CYNTHIA KATHLEEN
AMY SHIRLEY ANGELA HELEN ANNA BRENDA PAMELA NICOLE EMMA SAMANTHA KATHERINE CHRISTINE DEBRA RACHEL CAROLYN JANET
CATHERINE MARIA HEATHER DIANE VIRGINIA JULIE JOYCE VICTORIA KELLY CHRISTINA LAUREN JOAN EVELYN OLIVIA JUDITH MEGAN
CHERYL ANDREA HANNAH MARTHA JACQUELINE FRANCES GLORIA TERESA ROSA YOLANDA ALEJANDRO RAFAEL HIROSHI MEI PRIYA""".split()

STREETS = """OAK DR|MAPLE AVE|PINE ST|CEDAR LN|ELM ST|WILLOW WAY|SUNSET BLVD|PARK AVE|LAKE ST|HILL RD|RIDGE RD|
MEADOW LN|CHURCH ST|WASHINGTON ST|LINCOLN AVE|JEFFERSON ST|MADISON AVE|JACKSON ST|FRANKLIN ST|HIGHLAND AVE|
CENTER ST|MAIN ST|2ND ST|3RD AVE|5TH ST|7TH AVE|FOREST DR|VALLEY VIEW RD|CANYON RD|MESA DR|DESERT WILLOW DR|
SAGUARO LN|PALO VERDE AVE|OCOTILLO DR|MESQUITE ST|VISTA DEL SOL|CAMINO REAL|LOMA LINDA DR|ORANGE GROVE RD|
BAYSHORE DR|HARBOR VIEW DR|PACIFIC AVE|OCEAN BLVD|CORAL TREE LN|JACARANDA ST|EUCALYPTUS AVE|MISSION RD|
RANCHO DR|SIERRA VISTA DR|COLLEGE AVE|UNIVERSITY DR|STATE ST|BROADWAY|GRANT RD|SPEEDWAY BLVD|CAMPBELL AVE""".replace(
    "\n", ""
).split("|")

# city, state, [zips], area codes
CITIES_AZ = [
    ("TUCSON", "AZ", ["85705", "85710", "85711", "85712", "85716", "85719", "85741", "85745", "85750"], ["520"]),
    ("ORO VALLEY", "AZ", ["85737", "85755"], ["520"]),
    ("MARANA", "AZ", ["85653"], ["520"]),
    ("PHOENIX", "AZ", ["85004", "85008", "85016", "85018", "85020", "85032", "85044"], ["602"]),
    ("SCOTTSDALE", "AZ", ["85251", "85254", "85260"], ["480"]),
    ("MESA", "AZ", ["85201", "85204", "85210"], ["480"]),
    ("TEMPE", "AZ", ["85281", "85282", "85283"], ["480"]),
    ("CHANDLER", "AZ", ["85224", "85226"], ["480"]),
    ("GLENDALE", "AZ", ["85301", "85308"], ["623"]),
]
CITIES_CA = [
    ("SANTA ANA", "CA", ["92701", "92703", "92704", "92705", "92706", "92707"], ["714"]),
    ("IRVINE", "CA", ["92612", "92614", "92618"], ["949"]),
    ("ANAHEIM", "CA", ["92801", "92805"], ["714"]),
    ("COSTA MESA", "CA", ["92626", "92627"], ["714"]),
    ("HUNTINGTON BEACH", "CA", ["92647", "92648"], ["714"]),
    ("LOS ANGELES", "CA", ["90019", "90024", "90027", "90034", "90045", "90066"], ["310", "323"]),
    ("INGLEWOOD", "CA", ["90301", "90302"], ["310"]),
    ("LONG BEACH", "CA", ["90802", "90803"], ["562"]),
    ("PASADENA", "CA", ["91101", "91106"], ["626"]),
    ("TORRANCE", "CA", ["90503", "90505"], ["310"]),
    ("SAN DIEGO", "CA", ["92101", "92103", "92104", "92109", "92117", "92122"], ["619", "858"]),
    ("CHULA VISTA", "CA", ["91910", "91911"], ["619"]),
    ("ESCONDIDO", "CA", ["92025"], ["760"]),
    ("LA JOLLA", "CA", ["92037"], ["858"]),
]
CITIES_OTHER = [
    ("DENVER", "CO", ["80206", "80210"], ["303"]),
    ("CHICAGO", "IL", ["60614", "60657"], ["312", "773"]),
    ("MINNEAPOLIS", "MN", ["55408", "55419"], ["612"]),
    ("SEATTLE", "WA", ["98103", "98115"], ["206"]),
    ("PORTLAND", "OR", ["97214", "97202"], ["503"]),
    ("DALLAS", "TX", ["75206", "75214"], ["214"]),
    ("HOUSTON", "TX", ["77006", "77019"], ["713"]),
    ("ALBUQUERQUE", "NM", ["87106", "87110"], ["505"]),
    ("LAS VEGAS", "NV", ["89123", "89117"], ["702"]),
    ("SALT LAKE CITY", "UT", ["84105", "84108"], ["801"]),
    ("BOISE", "ID", ["83702"], ["208"]),
    ("NEW YORK", "NY", ["10025", "10011"], ["212"]),
    ("BOSTON", "MA", ["02134", "02116"], ["617"]),
    ("ATLANTA", "GA", ["30306", "30309"], ["404"]),
    ("COLUMBIA", "SC", ["29205"], ["803"]),
    ("OMAHA", "NE", ["68104"], ["402"]),
    ("KANSAS CITY", "MO", ["64111"], ["816"]),
    ("MADISON", "WI", ["53703"], ["608"]),
]
DL_PATTERN = {
    "AZ": "@########", "CA": "@#######", "TX": "########", "IL": "@###########", "NY": "#########",
    "WA": "@@@@@@@###@@", "CO": "##-###-####", "SC": "#########", "MN": "@############", "OR": "#######",
    "NM": "#########", "NV": "##########", "UT": "#########", "ID": "@@######@", "MA": "S########",
    "GA": "#########", "NE": "@########", "MO": "@#########", "WI": "@###-####-####-##",
}

ACCIDENT_CITY = {"TUS": "TUCSON", "TUD": "TUCSON", "PHX": "PHOENIX", "TMP": "TEMPE", "SNA": "SANTA ANA",
                 "LAX": "LOS ANGELES", "SAN": "SAN DIEGO"}
ADDRESS2 = {"TUCSON": "TUCSON, ARIZ", "PHOENIX": "PHOENIX, ARIZ", "TEMPE": "TEMPE, ARIZ",
            "SANTA ANA": "SANTA ANA, CALIF", "LOS ANGELES": "LOS ANGELES, CALIF", "SAN DIEGO": "SAN DIEGO, CALIF"}
PLACES = {
    "TUCSON": {
        "street": ["SPEEDWAY BLVD AND CAMPBELL AVE", "E BROADWAY BLVD AND S KOLB RD", "N ORACLE RD AND W INA RD",
                   "E GRANT RD AND N SWAN RD", "S TUCSON BLVD AND VALENCIA RD", "N SABINO CANYON RD",
                   "ST MARYS RD AND GRANADA AVE", "E 22ND ST AND S CRAYCROFT RD"],
        "lot": ["TUCSON MALL, 4500 N ORACLE RD", "PARK PLACE MALL, E BROADWAY", "LA ENCANTADA, N CAMPBELL AVE",
                "HOTEL GARAGE, 475 N GRANADA", "EL CON CENTER, E BROADWAY", "RESORT LOT, 3800 E SUNRISE DR"],
        "hwy": ["I-10 WB NEAR W PRINCE RD", "I-10 EB NEAR PICACHO PEAK", "I-19 SB NEAR AJO WAY"],
        "wild": ["MOUNT LEMMON", "REDINGTON PASS", "SABINO CANYON"],
        "police": ["TPD WEST", "TPD MIDTOWN", "TPD OPERATIONS EAST", "PIMA COUNTY SHERIFF", "AZ DPS DISTRICT 9"],
    },
    "PHOENIX": {
        "street": ["E CAMELBACK RD AND N 24TH ST", "N 7TH ST AND E MCDOWELL RD", "E WASHINGTON ST AND S 44TH ST",
                   "SCOTTSDALE RD AND SHEA BLVD", "INDIAN SCHOOL RD AND 16TH ST", "W BELL RD AND N 19TH AVE"],
        "lot": ["BILTMORE FASHION PARK", "SCOTTSDALE FASHION SQUARE", "ARIZONA MILLS, TEMPE",
                "HOTEL GARAGE, 340 N 3RD ST", "DESERT RIDGE MARKETPLACE", "CHASE FIELD LOT, E JEFFERSON"],
        "hwy": ["I-17 NB AT W THOMAS RD", "LOOP 202 EB NEAR PRIEST DR", "I-10 WB AT 7TH AVE"],
        "wild": ["SEDONA SCHNEBLY HILL RD", "BARTLETT LAKE RD", "FOUR PEAKS RD"],
        "police": ["PHOENIX PD CENTRAL", "PHOENIX PD MARYVALE", "SCOTTSDALE PD", "AZ DPS METRO"],
    },
    "TEMPE": {
        "street": ["E APACHE BLVD AND S RURAL RD", "S MILL AVE AND E UNIVERSITY DR",
                   "SOUTHERN AVE AND MCCLINTOCK DR", "W BROADWAY RD AND S PRIEST DR"],
        "lot": ["TEMPE MARKETPLACE", "ASU LOT 59, E RIO SALADO PKWY", "HOTEL GARAGE, 60 E 5TH ST"],
        "hwy": ["US-60 EB AT MILL AVE", "LOOP 101 SB AT BROADWAY RD"],
        "wild": ["FOUR PEAKS RD", "BARTLETT LAKE RD"],
        "police": ["TEMPE PD", "AZ DPS METRO"],
    },
    "SANTA ANA": {
        "street": ["CORNER OF GRAND AND 4TH STREET", "N MAIN ST AND W 17TH ST", "E 1ST ST AND S BRISTOL ST",
                   "MACARTHUR BLVD AND RED HILL", "E EDINGER AVE AND S GRAND AVE"],
        "lot": ["SOUTH COAST PLAZA, COSTA MESA", "MAINPLACE MALL, SANTA ANA", "HOTEL GARAGE, 18800 MACARTHUR",
                "DISNEYLAND TOY STORY LOT", "IRVINE SPECTRUM CENTER"],
        "hwy": ["I-5 SB NEAR 17TH ST EXIT", "SR-55 NB AT EDINGER AVE", "I-405 NB NEAR BRISTOL ST"],
        "wild": ["ORTEGA HWY", "SANTIAGO CANYON RD"],
        "police": ["DOWNTOWN", "SANTA ANA PD", "CHP SANTA ANA", "IRVINE PD"],
    },
    "LOS ANGELES": {
        "street": ["SEPULVEDA AND CENTURY BLVD", "WILSHIRE BLVD AND LA BREA AVE", "SUNSET BLVD AND N VINE ST",
                   "OLYMPIC BLVD AND FIGUEROA ST", "VENICE BLVD AND S LINCOLN BLVD", "PCH IN MALIBU"],
        "lot": ["THE GROVE, 189 THE GROVE DR", "SANTA MONICA PLACE GARAGE", "HOTEL GARAGE, W CENTURY BLVD",
                "DODGER STADIUM LOT G", "BEVERLY CENTER GARAGE"],
        "hwy": ["I-405 NB NEAR LAX", "I-10 EB AT LA CIENEGA BLVD", "US-101 NB AT VERMONT AVE"],
        "wild": ["MULHOLLAND HWY", "ANGELES CREST HWY"],
        "police": ["LAPD PACIFIC", "LAPD HOLLYWOOD", "LAPD WILSHIRE", "CHP WEST LA"],
    },
    "SAN DIEGO": {
        "street": ["N HARBOR DR AND GRAPE ST", "GARNET AVE AND MISSION BLVD", "EL CAJON BLVD AND PARK BLVD",
                   "CAMINO DEL RIO N AT TEXAS ST", "ROSECRANS ST AND MIDWAY DR"],
        "lot": ["FASHION VALLEY MALL", "SEAPORT VILLAGE LOT", "HOTEL GARAGE, 1 MARKET PL",
                "BALBOA PARK, PRESIDENTS WAY", "LA JOLLA COVE STREET PARKING"],
        "hwy": ["I-5 NB NEAR OLD TOWN AVE", "I-8 EB AT TEXAS ST", "I-15 NB NEAR MIRAMAR RD"],
        "wild": ["ANZA BORREGO DESERT", "JULIAN BACK ROADS"],
        "police": ["SDPD CENTRAL", "SDPD NORTHERN", "SDPD WESTERN", "CHP SAN DIEGO"],
    },
}
for _city in PLACES.values():
    for _kind in ("street", "lot", "hwy", "wild"):
        for _place in _city[_kind]:
            assert len(_place) <= 30, _place
    assert all(len(x) <= 20 for x in _city["police"])

COLORS = ["WHITE", "SILVER", "BLACK", "GRAY", "RED", "BLUE", "GREEN", "TAN", "GOLD", "MAROON"]
OTHER_CARS = ["HONDA CIVIC", "TOYOTA CAMRY", "FORD F-150", "CHEVY SILVERADO", "NISSAN ALTIMA", "FORD EXPLORER",
              "TOYOTA TACOMA", "DODGE RAM", "HONDA ACCORD", "VW JETTA", "BMW 328I", "LEXUS RX350", "CHEVY SUBURBAN",
              "TOYOTA 4RUNNER", "SUBARU OUTBACK", "BUICK LESABRE", "CADILLAC DEVILLE", "FORD RANGER", "GMC YUKON",
              "HYUNDAI ELANTRA", "MERCURY GRAND MARQUIS", "JEEP WRANGLER", "TOYOTA COROLLA", "KIA SORENTO"]
INSURERS = ["STATE FARM", "ALLSTATE", "GEICO", "FARMERS", "PROGRESSIVE", "USAA", "MERCURY", "21ST CENTURY",
            "LIBERTY MUTUAL", "NATIONWIDE", "TRAVELERS", "HARTFORD", "AAA", "AMERICAN FAMILY", "SAFECO"]
BODY_SHOPS = {"AZ": ["SUNSET COLLISION", "TUCSON AUTO BODY", "CALIBER COLLISION", "DESERT PAINT AND BODY"],
              "CA": ["CALIBER COLLISION", "SERVICE KING", "GERBER COLLISION", "COAST AUTO BODY"]}


def person(cities, *, with_dl: bool = False, born=(1940, 1988), same_last: str | None = None) -> dict:
    city, state, zips, areas = rng.choice(cities)
    dob = rdate(date(born[0], 1, 1), date(born[1], 12, 28))
    p = {
        "last_name": same_last or rng.choice(SURNAMES),
        "first_name": rng.choice(FIRST_NAMES),
        "address": f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
        "city": city,
        "state": state,
        "zip": rng.choice(zips),
        "phone": f"{rng.choice(areas)}-555-01{rng.randint(0, 99):02d}",
        "dob": dob,
        "area": rng.choice(areas),
    }
    if with_dl:
        p["dl_number"] = from_pattern(DL_PATTERN[state])
        p["dl_state"] = state
        p["dl_expiry"] = date(rng.randint(2011, 2015), dob.month, dob.day)  # valid through the 2009-10 rentals
    return p


def local_cities(loc: str):
    return CITIES_AZ if REGION[loc] == "AZ" else CITIES_CA


def plate(state: str) -> str:
    if state == "AZ":
        return from_pattern(rng.choice(["###@@@", "@@@####"]))
    return str(rng.choice([5, 6])) + from_pattern("@@@###")


# --- VINs ------------------------------------------------------------------------------------------------------------

_TRANSLIT = {**{str(i): i for i in range(10)},
             "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "J": 1, "K": 2, "L": 3, "M": 4,
             "N": 5, "P": 7, "R": 9, "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9}
_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
_YEAR_CODE = {2005: "5", 2006: "6", 2007: "7", 2008: "8", 2009: "9", 2010: "A"}


def make_vin(prefix8: str, year: int, plant: str) -> str:
    body = prefix8 + "0" + _YEAR_CODE[year] + plant + digits(6)
    total = sum(_TRANSLIT[c] * w for c, w in zip(body, _WEIGHTS))
    check = total % 11
    vin = body[:8] + ("X" if check == 10 else str(check)) + body[9:]
    assert len(vin) == 17 and not set(vin) & set("IOQ")
    return vin


# --- vehicles --------------------------------------------------------------------------------------------------------

VEHICLES: list[dict] = []
_licences: set[str] = set()
_units: set[str] = set()


def add_vehicle(unit: str, model_code: str, year: int, owner: str, licence: str | None = None) -> dict:
    make, model, code, cls, prefix, plant, *_ = MODEL_BY_CODE[model_code]
    if licence is None:
        licence = plate(REGION[owner])
        while licence in _licences:
            licence = plate(REGION[owner])
    assert licence not in _licences
    _licences.add(licence)
    v = {"id": len(VEHICLES) + 1, "unit_number": unit, "licence": licence, "vin": make_vin(prefix, year, plant),
         "make": make, "model": model, "model_code": code, "year": year, "owning_location": owner, "class": cls}
    VEHICLES.append(v)
    return v


V_1888 = add_vehicle("001888", "CARAV", 2007, "TUS", "102088")
V_592_TUS = add_vehicle("592", "TAURUS", 2008, "TUS")
V_592_PHX = add_vehicle("592", "MALIBU", 2009, "PHX")
_units.update({"001888", "592"})


def build_fleet() -> None:
    owners = [("TUS", 30), ("TUD", 10), ("PHX", 27), ("TMP", 8), ("SNA", 16), ("LAX", 16), ("SAN", 13)]
    # make sure each special class exists in both regions
    must = [("CARAV", "TUS"), ("TWNCTY", "PHX"), ("SIENNA", "SNA"), ("ODYSSY", "LAX"), ("CARAV", "SAN"),
            ("F150", "TUS"), ("SILVRD", "PHX"), ("RAM15", "SAN"), ("F150", "LAX"),
            ("MUSTCV", "PHX"), ("SEBCV", "TUS"), ("MUSTCV", "SNA"), ("MUSTCV", "SAN"),
            ("EXPLOR", "TUS"), ("TAHOE", "PHX"), ("LIBRTY", "LAX"), ("GCHERO", "SAN"), ("ESCAPE", "SNA")]
    plan = list(must)
    count = {loc: 0 for loc, _ in owners}
    for _, loc in must:
        count[loc] += 1
    count["TUS"] += 2  # 001888 and 592
    count["PHX"] += 1  # 592
    for loc, target in owners:
        while count[loc] < target:
            m = pick([(m[2], m[8]) for m in MODELS])
            plan.append((m, loc))
            count[loc] += 1
    rng.shuffle(plan)
    for model_code, loc in plan:
        unit = f"{rng.randint(1000, 9999):06d}"
        while unit in _units:
            unit = f"{rng.randint(1000, 9999):06d}"
        _units.add(unit)
        m = MODEL_BY_CODE[model_code]
        year = rng.randint(m[6], m[7])
        add_vehicle(unit, model_code, year, loc)


build_fleet()
VEHICLE_BY_ID = {v["id"]: v for v in VEHICLES}

# vehicle id -> list of (start, end) busy intervals (dates; end exclusive-ish: same-day turnover allowed)
BUSY: dict[int, list[tuple[date, date]]] = {v["id"]: [] for v in VEHICLES}


def free(vid: int, start: date, end: date) -> bool:
    return all(not (start < e and s < end) for s, e in BUSY[vid])


def reserve(vid: int, start: date, end: date) -> None:
    assert free(vid, start, end), (vid, start, end)
    BUSY[vid].append((start, end))


# --- customers (renters) ---------------------------------------------------------------------------------------------

CUSTOMERS: list[dict] = []


def add_customer(p: dict) -> dict:
    c = {"customer_number": 1000 + len(CUSTOMERS), "customer_type": "RNT", **p}
    CUSTOMERS.append(c)
    return c


LAMPERT = add_customer({
    "last_name": "LAMPERT", "first_name": "JAMES", "address": "12 SHADYWOOD", "city": "ANY", "state": "SC",
    "zip": "29077", "phone": "803-555-0147", "dl_number": "102345678", "dl_state": "SC",
    "dl_expiry": date(2012, 9, 14), "dob": date(1962, 9, 14),
})
for _ in range(139):
    group = pick([(CITIES_AZ, 40), (CITIES_CA, 35), (CITIES_OTHER, 25)])
    p = person(group, with_dl=True, born=(1938, 1987))
    p.pop("area")
    add_customer(p)


# --- rental agreements -----------------------------------------------------------------------------------------------

RAS: list[dict] = []

COVERAGE_EXCESS = {
    None: ["1500.00", "1500.00", "2000.00", "2500.00", "3000.00"],
    "LDW": ["0.00", "0.00", "250.00", "500.00", "500.00"],
    "CDW": ["500.00", "1000.00"],
}


def rental_days() -> int:
    return pick([(rng.randint(1, 4), 50), (rng.randint(5, 8), 30), (rng.randint(9, 15), 15), (rng.randint(16, 30), 5)])


def choose_vehicle(loc: str, start: date, end: date, *, classes=None, exclude=(), prefer_owner=True) -> dict | None:
    region = REGION[loc]
    pools = []
    if prefer_owner:
        pools.append([v for v in VEHICLES if v["owning_location"] == loc])
    pools.append([v for v in VEHICLES if REGION[v["owning_location"]] == region])
    pools.append(VEHICLES)
    for pool in pools:
        cands = [v for v in pool
                 if v["id"] not in exclude
                 and (classes is None or v["class"] in classes)
                 and v["year"] <= start.year + 1
                 and v["id"] not in (V_1888["id"], V_592_TUS["id"], V_592_PHX["id"])
                 and free(v["id"], start, end)]
        if cands:
            return rng.choice(cands)
    return None


def make_ra(loc, open_d, close_d, status, vehicles, renter, coverage, excess, *, planned_days=None,
            close_loc=None, extras=None) -> dict:
    end = close_d if close_d else FAR_FUTURE
    for v in vehicles:
        reserve(v["id"], open_d, end)
    ra = {
        "loc": loc, "open": open_d, "close": close_d, "status": status, "close_loc": close_loc or (loc if close_d else None),
        "vehicles": vehicles, "renter": renter, "coverage": coverage, "excess": excess,
        "days": max(1, ((close_d or open_d + timedelta(days=planned_days or rental_days())) - open_d).days),
        "charges": [], "number": None, "extras": extras,
    }
    ra["charges"] = base_charges(ra)
    RAS.append(ra)
    return ra


def base_charges(ra) -> list[dict]:
    days = ra["days"]
    cls = ra["vehicles"][-1]["class"]
    rate = Decimal(DAILY_RATE[cls])
    weeks, rest = divmod(days, 7)
    tm = D(rate * 5 * weeks + rate * rest)
    posted = ra["status"] == "P"
    charges = [("TM", "TIME AND MILEAGE", tm, "rental")]
    optional_total = ZERO
    if ra["coverage"] == "LDW":
        amt = D(Decimal("21.99") * days)
        charges.append(("LDW", "LOSS DAMAGE WAIVER", amt, "optional"))
        optional_total += amt
    elif ra["coverage"] == "CDW":
        amt = D(Decimal("16.99") * days)
        charges.append(("CDW", "COLLISION DAMAGE WAIVER", amt, "optional"))
        optional_total += amt
    extras = ra["extras"] if ra["extras"] is not None else [
        code for code, prob in (("PAI", 0.2), ("SLI", 0.25), ("GPS", 0.15), ("CST", 0.08)) if rng.random() < prob]
    for code in extras:
        desc, daily = {"PAI": ("PERSONAL ACCIDENT INS", "4.95"), "SLI": ("SUPPLEMENTAL LIABILITY", "11.95"),
                       "GPS": ("GPS NAVIGATION", "10.99"), "CST": ("CHILD SAFETY SEAT", "9.99")}[code]
        amt = D(Decimal(daily) * min(days, 30))
        charges.append((code, desc, amt, "optional"))
        optional_total += amt
    if ra["close"] and rng.random() < 0.2:
        charges.append(("FUEL", "FUEL SERVICE CHARGE", rmoney(18, 74), "additional"))
    if ra["loc"] in AIRPORTS:
        charges.append(("ACF", "AIRPORT CONCESSION FEE", D(tm * Decimal("0.1111")), "additional"))
    charges.append(("VLF", "VEHICLE LICENSE FEE", D(Decimal("1.65") * days), "additional"))
    charges.append(("TAX", "SALES TAX", D((tm + optional_total) * TAX_RATE[REGION[ra["loc"]]]), "additional"))
    return [{"code": c, "description": d, "amount": money(a), "kind": k, "posted": posted} for c, d, a, k in charges]


def add_dmg_charge(ra, amount: Decimal) -> None:
    """Excess Charged on a saved report: an optional charge on an open RA, an unposted additional charge on a
    closed or posted one (DESIGN.md section 4, side effects of a save)."""
    kind = "optional" if ra["status"] == "O" else "additional"
    ra["charges"].append({"code": DMG, "description": "DAMAGE CHARGE", "amount": money(amount), "kind": kind,
                          "posted": False})


def ra_dmg_total(ra) -> Decimal:
    return sum((Decimal(c["amount"]) for c in ra["charges"] if c["code"] == DMG), ZERO)


def random_renter() -> dict:
    return rng.choice(CUSTOMERS[1:])


# The manual's RAs.
RA_A0001310 = make_ra("TUS", date(2009, 4, 15), date(2009, 7, 21), "C", [V_1888], LAMPERT, None, "1500.00",
                      extras=["GPS"])
RA_A0001310["number"] = "A0001310"
_t_second = choose_vehicle("TUS", date(2010, 1, 22), FAR_FUTURE, classes={"midsize", "fullsize"})
RA_T3001212 = make_ra("TUD", date(2010, 1, 18), None, "O", [V_592_TUS, _t_second], CUSTOMERS[7], "LDW", "500.00",
                      planned_days=14, extras=[])
RA_T3001212["number"] = "T3001212"


# --- non-rev tickets -------------------------------------------------------------------------------------------------

NONREVS: list[dict] = []
NR_PAIRS = [("TUS", "PHX"), ("PHX", "TUS"), ("TUD", "TUS"), ("PHX", "TMP"), ("TMP", "PHX"), ("SNA", "LAX"),
            ("LAX", "SAN"), ("SAN", "SNA"), ("LAX", "SNA"), ("TUS", "TUD")]


def make_nonrev(out_d: date, status: str, pair=None) -> dict:
    for _ in range(200):
        out_loc, in_loc = pair or rng.choice(NR_PAIRS)
        in_d = out_d + timedelta(days=rng.choice([0, 0, 1, 2])) if status == "C" else None
        v = choose_vehicle(out_loc, out_d, (in_d or FAR_FUTURE) + timedelta(days=1))
        if v:
            break
        out_d += timedelta(days=1)
    else:
        raise RuntimeError("no vehicle for a non-rev ticket")
    reserve(v["id"], out_d, (in_d or FAR_FUTURE) + timedelta(days=1))
    nr = {"vehicle": v, "status": status, "out": out_d, "out_loc": out_loc, "in": in_d,
          "in_loc": in_loc if status == "C" else None,
          "driver": rng.choice(COUNTER_STAFF[out_loc] or ["AGENT"]), "number": None}
    NONREVS.append(nr)
    return nr


# --- accident scenarios ----------------------------------------------------------------------------------------------
# key: (third party kind, classes or None, where, [(code, type, description or None)], text, fault text,
#       legal violation, rental violation, police probability)

SCENARIOS = {
    "rear_ended": ("tp", None, "street", [("D6", "D", None), ("DG", "B", None), ("D9", "D", None)],
                   "RENTER STOPPED FOR A RED LIGHT AT {place}. 3RD PARTY FAILED TO STOP AND REAR ENDED THE RENTAL. "
                   "REAR BUMPER PUSHED IN, TAIL LIGHT BROKEN, TRUNK LID DENTED.",
                   "3RD PARTY SAYS HE LOOKED DOWN AT HIS PHONE AND DID NOT SEE THE LIGHT CHANGE.",
                   "FOLLOWING TOO CLOSE", None, 0.8),
    "ran_stop": ("tp", None, "street", [("D1", "D", None), ("DB", "D", None), ("DF", "B", None)],
                 "3RD PARTY RAN THE STOP SIGN AT {place} AND STRUCK THE PASSENGER SIDE OF THE RENTAL. FRONT FENDER "
                 "AND DOOR DENTED, HEADLIGHT BROKEN.",
                 "3RD PARTY ADMITS SHE ROLLED THROUGH THE STOP SIGN WITHOUT STOPPING.",
                 "RAN STOP SIGN", None, 0.9),
    "left_turn": ("tp", None, "street", [("D5", "D", None), ("DF", "B", "DRIVER HEADLIGHT"), ("D7", "D", None)],
                  "RENTER TURNING LEFT AT {place} COLLIDED WITH AN ONCOMING 3RD PARTY VEHICLE. FRONT BUMPER, HOOD "
                  "AND DRIVER HEADLIGHT DAMAGED. BOTH DRIVERS SAY THEY HAD A GREEN LIGHT.",
                  "3RD PARTY ADMITS HE ENTERED THE INTERSECTION ON A YELLOW TURNING RED.",
                  "FAILURE TO YIELD", None, 0.9),
    "lane_change": ("tp", None, "hwy", [("DC", "S", None), ("DH", "B", "DRIVER MIRROR"), ("DE", "S", None)],
                    "3RD PARTY MERGED INTO THE RENTER'S LANE ON {place} AND SIDESWIPED THE DRIVER SIDE. DRIVER "
                    "MIRROR BROKEN OFF, BOTH DRIVER SIDE DOORS SCRATCHED.",
                    "3RD PARTY SAID SHE DID NOT CHECK HER BLIND SPOT BEFORE CHANGING LANES.",
                    "UNSAFE LANE CHANGE", None, 0.6),
    "chain": ("multi", None, "hwy", [("D5", "D", None), ("D6", "D", None), ("DF", "B", None), ("DG", "B", None),
                                     ("D7", "D", None)],
              "CHAIN REACTION COLLISION IN STOP AND GO TRAFFIC ON {place}. THE RENTAL WAS STRUCK FROM BEHIND AND "
              "PUSHED INTO THE VEHICLE AHEAD. FRONT AND REAR BUMPERS, HOOD AND LIGHTS DAMAGED. THREE VEHICLES "
              "INVOLVED; HIGHWAY PATROL ATTENDED.",
              "DRIVER OF THE LAST VEHICLE ADMITS HE WAS FOLLOWING TOO CLOSELY AND COULD NOT STOP.",
              "FOLLOWING TOO CLOSE", None, 1.0),
    "parking_tp": ("tp", None, "lot", [("D4", "D", None), ("D6", "S", None)],
                   "WHILE THE RENTAL WAS PARKED AT {place} A 3RD PARTY BACKED OUT OF THE NEXT SPACE INTO IT. REAR "
                   "DRIVER QUARTER PANEL DENTED, REAR BUMPER SCRATCHED.",
                   "3RD PARTY LEFT A NOTE AND ADMITS SHE BACKED INTO THE RENTAL.",
                   None, None, 0.2),
    "backing_pole": (None, None, "lot", [("D6", "D", None), ("D9", "S", None)],
                     "RENTER BACKED INTO A CONCRETE POLE IN THE PARKING GARAGE AT {place}. REAR BUMPER DENTED AND "
                     "TRUNK/TAILGATE SCRATCHED.", None, None, None, 0.0),
    "garage_pillar": (None, None, "lot", [("DD", "S", None), ("D3", "S", None)],
                      "RENTER SCRAPED THE PASSENGER SIDE ON A PILLAR WHILE PARKING AT {place}. PASSENGER REAR DOOR "
                      "AND REAR QUARTER PANEL SCRATCHED DOWN TO PRIMER.", None, None, None, 0.0),
    "hail": (None, None, "lot", [("D7", "H", None), ("D8", "H", None), ("D9", "H", None)],
             "VEHICLE WAS PARKED AT {place} DURING A STORM WITH LARGE HAIL. HOOD, ROOF AND TRUNK LID HAVE MANY "
             "SMALL DENTS. NO GLASS BROKEN.", None, None, None, 0.0),
    "rock": (None, None, "hwy", [("DA", "C", "WINDSHIELD - LONG CRACK")],
             "ROCK THROWN UP BY A GRAVEL TRUCK ON {place}. WINDSHIELD CRACKED ON THE PASSENGER SIDE; CRACK HAS "
             "SPREAD ACROSS THE GLASS.", None, None, None, 0.0),
    "chip": (None, None, "hwy", [("DA", "P", "WINDSHIELD - ROCK CHIP")],
             "SMALL ROCK CHIP IN THE WINDSHIELD FROM DRIVING ON {place}. CHIP IS OUTSIDE THE DRIVER VIEW AREA.",
             None, None, None, 0.0),
    "curb": (None, None, "street", [("DI", "G", "FRONT PASSENGER WHEEL/RIM"), ("D1", "S", None)],
             "RENTER HIT A CURB WHILE TURNING INTO A DRIVEWAY NEAR {place}. FRONT PASSENGER WHEEL RIM GOUGED AND "
             "FENDER SCUFFED.", None, None, None, 0.0),
    "break_in": (None, None, "lot", [("DR", "B", "DRIVER SIDE WINDOW"), ("DJ", "T", "DASH TRIM")],
                 "VEHICLE BROKEN INTO WHILE PARKED AT {place}. DRIVER SIDE WINDOW SMASHED AND DASH TRIM TORN WHEN "
                 "THE THIEVES PULLED OUT THE RADIO. RENTER'S LAPTOP TAKEN.", None, None, None, 0.95),
    "hit_parked": (None, None, "street", [("DC", "D", None), ("DH", "B", "DRIVER MIRROR")],
                   "VEHICLE STRUCK WHILE PARKED ON THE STREET NEAR {place}. OTHER DRIVER LEFT NO NOTE. DRIVER DOOR "
                   "DENTED AND DRIVER MIRROR BROKEN.", None, None, None, 0.5),
    "animal": (None, None, "street", [("D5", "C", "FRONT BUMPER COVER"), ("DF", "B", None)],
               "AN ANIMAL RAN INTO THE ROAD NEAR {place} AFTER DARK AND THE RENTER COULD NOT STOP IN TIME. FRONT "
               "BUMPER COVER CRACKED AND HEADLIGHT BROKEN.", None, None, None, 0.1),
    "off_road": (None, None, "wild", [("DQ", "G", None), ("D5", "S", None), ("DI", "B", "FRONT DRIVER WHEEL/RIM")],
                 "RENTER DROVE ON AN UNPAVED FOREST ROAD NEAR {place}. UNDERCARRIAGE GOUGED ON ROCKS, FRONT BUMPER "
                 "SCRAPED AND ONE WHEEL BENT. VEHICLE TOWED BACK.", None, None, "RENTER WENT OFF ROAD", 0.0),
    "gate_arm": (None, None, "lot", [("D7", "D", None), ("DA", "C", None)],
                 "PARKING GATE ARM CAME DOWN ON THE VEHICLE AT THE {place} EXIT. HOOD DENTED AND WINDSHIELD CRACKED "
                 "AT THE BASE.", None, None, None, 0.0),
    "cart": (None, None, "lot", [("DB", "D", None)],
             "SHOPPING CART BLEW INTO THE PASSENGER FRONT DOOR AT {place} IN HIGH WIND. ONE SMALL DENT IN THE DOOR.",
             None, None, None, 0.0),
    "drive_thru": (None, None, "street", [("DE", "S", None), ("D4", "S", None)],
                   "RENTER SCRAPED THE DRIVER SIDE ON THE CONCRETE POST OF A FAST FOOD DRIVE-THRU NEAR {place}. "
                   "DRIVER REAR DOOR AND REAR QUARTER SCRATCHED.", None, None, None, 0.0),
    "mirror": (None, None, "street", [("DH", "B", "PASSENGER MIRROR")],
               "A PASSING DELIVERY TRUCK CLIPPED THE PASSENGER MIRROR ON A NARROW STREET NEAR {place}. TRUCK DID NOT "
               "STOP. MIRROR HOUSING BROKEN.", None, None, None, 0.0),
    "sliding_door": (None, MINIVANS, "lot", [("DK", "D", "PASSENGER SLIDING DOOR")],
                     "PASSENGER SLIDING DOOR WAS OPENED INTO A CONCRETE PLANTER AT {place}. DOOR DENTED AND NOW "
                     "STICKS WHEN CLOSING.", None, None, None, 0.0),
    "truck_bed": (None, PICKUPS, "lot", [("DL", "D", None), ("D9", "D", "TAILGATE")],
                  "RENTER USED THE TRUCK TO MOVE FURNITURE AND APPLIANCES. TRUCK BED FLOOR AND SIDES DENTED, "
                  "TAILGATE DENTED. NOTICED AT CHECK-IN AT {place}.", None, None, None, 0.0),
    "conv_top": (None, CONVERTIBLES, "lot", [("DM", "T", None)],
                 "CONVERTIBLE TOP SLASHED WHILE PARKED OVERNIGHT AT {place}. NOTHING TAKEN FROM THE VEHICLE.",
                 None, None, None, 0.9),
    "roof_rack": (None, SUVS + MINIVANS, "lot", [("DN", "B", None), ("D8", "S", None)],
                  "RENTER DROVE UNDER A LOW CLEARANCE BAR AT THE {place} ENTRANCE. ROOF RACK BROKEN AND ROOF "
                  "SCRATCHED.", None, None, None, 0.0),
    "pet": (None, None, "lot", [("DJ", "T", "REAR SEAT UPHOLSTERY")],
            "RENTER'S DOG WAS LEFT IN THE VEHICLE AT {place} AND CHEWED THE REAR SEAT. REAR SEAT UPHOLSTERY TORN.",
            None, None, "PET IN VEHICLE", 0.0),
    "lot_ding": (None, None, "ourlot", [("D6", "S", None), ("D3", "D", None)],
                 "DAMAGE FOUND DURING THE MORNING LOT INSPECTION AT {place}. NO OPEN TRANSACTION ON THE UNIT. REAR "
                 "BUMPER SCRATCHED AND PASSENGER QUARTER DENTED.", None, None, None, 0.0),
    "vandal": (None, None, "ourlot", [("DB", "S", None), ("DC", "S", None), ("D3", "S", None)],
               "VEHICLE KEYED ON THE OVERFLOW LOT AT {place} OVERNIGHT. LONG SCRATCHES ON BOTH FRONT DOORS AND THE "
               "PASSENGER QUARTER PANEL. SECURITY NOTIFIED.", None, None, None, 0.6),
    "car_wash": (None, None, "ourlot", [("DH", "B", "PASSENGER MIRROR"), ("D8", "S", None)],
                 "CAR WASH BRUSH AT {place} CAUGHT THE PASSENGER MIRROR DURING PREP AND SCRATCHED THE ROOF.",
                 None, None, None, 0.0),
    "shuttle": ("tp", None, "ourlot", [("D2", "D", None), ("D5", "S", None)],
                "AIRPORT SHUTTLE BUS CLIPPED THE FRONT DRIVER CORNER OF THE VEHICLE ON THE READY LINE AT {place}.",
                "SHUTTLE DRIVER ADMITS HE CUT THE TURN TOO SHORT.", None, None, 0.0),
}
TP_SCENARIOS = ["rear_ended", "ran_stop", "left_turn", "lane_change", "parking_tp"]
SOLO_SCENARIOS = ["backing_pole", "garage_pillar", "rock", "chip", "curb", "break_in", "hit_parked", "animal",
                  "gate_arm", "cart", "drive_thru", "mirror", "sliding_door", "truck_bed", "conv_top", "roof_rack",
                  "pet", "off_road", "hail"]
LOT_SCENARIOS = ["lot_ding", "vandal", "car_wash", "hail"]
NR_SCENARIOS = ["rock", "chip", "backing_pole", "mirror", "hit_parked"]


def scenario_ok(key: str, vehicle: dict, loc: str) -> bool:
    tp, classes, where, lines, *_ = SCENARIOS[key]
    if classes and vehicle["model_code"] not in classes:
        return False
    if key == "hail" and REGION[loc] != "AZ":
        return False
    if key == "shuttle" and loc not in AIRPORTS:
        return False
    return all(code_valid(c, vehicle["model_code"]) for c, _, _ in lines)


def place_for(where: str, loc: str) -> str:
    if where == "ourlot":
        return dict((r[0], r[1]) for r in LOCATIONS)[loc]
    return rng.choice(PLACES[ACCIDENT_CITY[loc]][where])


# --- the report plans ------------------------------------------------------------------------------------------------
# Each plan names the claim status the report is written to reach and the shape it should have.  Money scenarios:
#   N_OWES          damage not covered, repair costs above what was charged at close: the renter owes (5)
#   N_BREACH_OWES   LDW sold but voided (nature of breach), renter owes (5)
#   N_REFUND_DUE    not covered, repairs cheaper than the excess charged at close: refund due (6)
#   Y_REFUND_DUE    covered, repairs cheaper than the excess charged: refund due (6)
#   N_RECOVERY      not covered, 3rd party's insurer paid the repairs: the excess charged is refundable (6)
#   Y_SETTLED       covered, repairs at least the excess: nothing more to do (7)
#   N_CHARGED       not covered, balance charged to the renter (7)
#   N_REFUNDED      not covered, repairs cheaper, refund issued (7)
#   GOODWILL        not covered, the small balance written off as goodwill (7)
#   LDW_ZERO        LDW with no excess: nothing charged, nothing owed (7)
#   NR_ZERO         non-rev, company vehicle: nothing charged, nothing owed (7)


def P(target, src="RA", **kw):
    base = {"target": target, "src": src, "ra_status": "C", "exch": False, "exch_damaged": "first", "v592": None,
            "money": None, "incomplete": None, "wit": 0, "tp": 0, "other": False, "injured": False,
            "breach": False, "claimno": False, "scen": None, "present": "Y", "followup": None, "cov": None,
            "category": None, "tp_injured": False, "tpc": False, "lines": None}
    base.update(kw)
    return base


PLANS = [
    # 0: unreported (neither RA nor non-rev)
    P(0, "NONE", scen="hail", v592="PHX"),
    P(0, "NONE", scen="lot_ding", wo=True),
    P(0, "NONE", scen="vandal"),
    P(0, "NONE", scen="car_wash", wo=True),
    P(0, "NONE", scen="shuttle", tp=1, wit=1),
    P(0, "NONE", scen="hail", wo=True, lines=5),
    P(0, "NONE", scen="lot_ding"),
    # 1: incomplete
    P(1, ra_status="C", incomplete="date", present="N"),
    P(1, ra_status="P", incomplete="date", present="N", followup="past"),
    P(1, ra_status="O", exch=True, incomplete="injured", tp=1),
    P(1, ra_status="C", incomplete="desc"),
    P(1, ra_status="C", v592="TUS", incomplete="covered"),
    P(1, "NR", incomplete="date", present="N"),
    P(1, ra_status="C", other=True, incomplete="injured"),
    P(1, ra_status="O", incomplete="covered", tp=1, cov="LDW"),
    P(1, "NR", incomplete="desc", followup="future"),
    # 2: complete, no work order
    P(2, ra_status="C", wit=2),
    P(2, ra_status="C", followup="future"),
    P(2, ra_status="C", tp=2, followup="past"),
    P(2, ra_status="P", followup="past"),
    P(2, ra_status="P", other=True),
    P(2, ra_status="O", exch=True),
    P(2, "NR"),
    P(2, ra_status="C", v592="PHX", present="N"),
    # 3: work order, report not checked
    P(3, ra_status="C", tp=2, scen="chain", followup="future"),
    P(3, ra_status="C"),
    P(3, ra_status="C", present="N", lines=4),
    P(3, ra_status="O", exch=True, exch_damaged="second"),
    P(3, ra_status="P"),
    P(3, "NR", followup="past"),
    P(3, ra_status="C", other=True, followup="future"),
    P(3, ra_status="C", v592="TUS", wit=1),
    # 4: external claim open (report #1 is the manual's example and is added separately)
    P(4, ra_status="C", tp=3, scen="chain", category="4", followup="future"),
    P(4, ra_status="P", claimno=True, category="2", followup="future"),
    P(4, ra_status="C", injured=True, tp=1, category="LIT", followup="future"),
    P(4, "NR", tp=1, scen="rear_ended", category="4", tp_injured=True, followup="future"),
    P(4, ra_status="O", exch=True, claimno=True, category="2"),
    P(4, ra_status="C", other=True, breach=True, cov="LDW", category="1", followup="past"),
    P(4, ra_status="C", wit=2, category="3", claimno=True, followup="future"),
    P(4, ra_status="P", tp=1, category="SUB", followup="future"),
    # 5: the renter owes
    P(5, money="N_OWES", ra_status="C", followup="future"),
    P(5, money="N_OWES", ra_status="P", other=True),
    P(5, money="N_OWES", ra_status="C", v592="PHX", category="5", followup="future"),
    P(5, money="N_OWES", ra_status="P", wit=2, lines=4),
    P(5, money="N_BREACH_OWES", ra_status="C", other=True, breach=True, cov="LDW", followup="future"),
    P(5, money="N_BREACH_OWES", ra_status="P", breach=True, cov="CDW", scen="off_road"),
    P(5, money="N_OWES", ra_status="C", tp=1, scen="left_turn", tpc=True, admits="N", category="1"),
    P(5, money="N_OWES", ra_status="C", exch=True, claimno=True, category="2"),
    P(5, money="N_OWES", ra_status="P", category="5", followup="past"),
    P(5, money="N_OWES", ra_status="C", lines=5, followup="future"),
    # 6: refund due
    P(6, money="Y_REFUND_DUE", ra_status="C", followup="future"),
    P(6, money="Y_REFUND_DUE", ra_status="P"),
    P(6, money="Y_REFUND_DUE", ra_status="C", wit=1),
    P(6, money="N_REFUND_DUE", ra_status="C", v592="TUS"),
    P(6, money="N_REFUND_DUE", ra_status="P", other=True),
    P(6, money="N_REFUND_DUE", ra_status="C", exch=True),
    P(6, money="N_RECOVERY", ra_status="P", tp=1, scen="rear_ended", category="4", admits="Y"),
    P(6, money="N_RECOVERY", ra_status="C", tp=2, scen="chain", category="4", admits="Y", followup="future"),
    P(6, money="N_REFUND_DUE", ra_status="P", wit=2, followup="past"),
    # 7: settled
    P(7, money="Y_SETTLED", ra_status="P"),
    P(7, money="Y_SETTLED", ra_status="P", wit=1),
    P(7, money="Y_SETTLED", ra_status="C", exch=True, exch_damaged="second"),
    P(7, money="N_CHARGED", ra_status="P", other=True),
    P(7, money="N_CHARGED", ra_status="P", lines=4),
    P(7, money="N_REFUNDED", ra_status="P"),
    P(7, money="N_REFUNDED", ra_status="C", tp=1, scen="ran_stop", category="4", admits="Y"),
    P(7, money="GOODWILL", ra_status="P"),
    P(7, money="GOODWILL", ra_status="C", wit=2),
    P(7, money="LDW_ZERO", ra_status="P", cov="LDW"),
    P(7, money="NR_ZERO", src="NR"),
    P(7, money="NR_ZERO", src="NR", tp=1, scen="rear_ended"),
]

MONEY_COVERAGE = {  # coverage sold on the RA for each money scenario (None = no LDW-type option)
    "N_OWES": [None], "N_BREACH_OWES": ["LDW", "CDW"], "N_REFUND_DUE": [None], "Y_REFUND_DUE": ["LDW", "CDW"],
    "N_RECOVERY": [None], "Y_SETTLED": ["LDW", "CDW"], "N_CHARGED": [None], "N_REFUNDED": [None],
    "GOODWILL": [None], "LDW_ZERO": ["LDW"], "NR_ZERO": [None],
}


def close_window(plan) -> tuple[date, date]:
    t, st = plan["target"], plan["ra_status"]
    if st == "P":
        return (date(2009, 7, 28), date(2009, 11, 30)) if t >= 5 else (date(2009, 8, 1), date(2009, 12, 20))
    if t >= 5:
        return date(2009, 8, 1), date(2009, 12, 18)
    if t >= 2:
        return date(2009, 9, 1), date(2010, 1, 25)
    return date(2009, 10, 1), date(2010, 1, 27)


def scenario_pool(plan, vehicle, loc) -> list[str]:
    if plan["scen"]:
        assert scenario_ok(plan["scen"], vehicle, loc), (plan, vehicle["model_code"])
        return [plan["scen"]]
    if plan["src"] == "NONE":
        pool = LOT_SCENARIOS
    elif plan["tp"]:
        pool = TP_SCENARIOS
    elif plan["src"] == "NR":
        pool = NR_SCENARIOS
    else:
        pool = SOLO_SCENARIOS
    pool = [k for k in pool if scenario_ok(k, vehicle, loc)]
    if plan["other"]:  # somebody else was driving: an accident that happened on the road
        pool = [k for k in pool if k not in ("hail", "break_in", "cart", "conv_top", "pet", "hit_parked")] or pool
    if plan["lines"] and plan["lines"] >= 4:
        pool = [k for k in pool if len(SCENARIOS[k][3]) >= 2] or pool
    if plan["breach"] and not plan["other"]:
        pool = [k for k in pool if k in ("off_road", "pet", "curb", "backing_pole")] or pool
    return pool


def excess_for(coverage, plan) -> str | None:
    options = COVERAGE_EXCESS[coverage]
    m = plan["money"]
    if m in ("Y_REFUND_DUE", "Y_SETTLED", "N_BREACH_OWES") or (plan["breach"] and coverage):
        options = [o for o in options if Decimal(o) > 0]
    if m == "Y_REFUND_DUE":
        options = [o for o in options if Decimal(o) >= 500]
    if m == "LDW_ZERO":
        options = ["0.00"]
    return rng.choice(options)


def make_plan_ra(plan) -> dict:
    """A rental agreement made for a report plan: the right status, coverage, vehicles and dates."""
    if plan["money"]:
        coverage = rng.choice(MONEY_COVERAGE[plan["money"]])
    elif plan["cov"]:
        coverage = plan["cov"]
    else:
        coverage = pick([(None, 55), ("LDW", 30), ("CDW", 15)])
    if plan["breach"]:
        coverage = plan["cov"] or coverage or "LDW"
    excess = excess_for(coverage, plan)
    renter = random_renter()
    for _attempt in range(500):
        if plan["v592"] == "TUS":
            loc = rng.choice(["TUS", "TUS", "TUD"])
        elif plan["v592"] == "PHX":
            loc = rng.choice(["PHX", "PHX", "TMP"])
        else:
            loc = pick(LOC_WEIGHTS)
        if plan["ra_status"] == "O":
            open_d = rdate(date(2010, 1, 4), date(2010, 1, 25))
            close_d = None
        else:
            lo, hi = close_window(plan)
            close_d = rdate(lo, hi)
            open_d = close_d - timedelta(days=rental_days())
            if open_d < date(2009, 7, 22):
                continue
        end = close_d or FAR_FUTURE
        vehicles = []
        first = None
        if plan["v592"]:
            first = V_592_TUS if plan["v592"] == "TUS" else V_592_PHX
            if not free(first["id"], open_d, end):
                continue
        scen_vehicle_classes = None
        if plan["scen"] and SCENARIOS[plan["scen"]][1]:
            scen_vehicle_classes = {MODEL_BY_CODE[c][3] for c in SCENARIOS[plan["scen"]][1]}
        if first is None:
            first = choose_vehicle(loc, open_d, end, classes=scen_vehicle_classes)
            if first is None:
                continue
        vehicles.append(first)
        if plan["exch"]:
            second = choose_vehicle(loc, open_d, end, exclude={first["id"]})
            if second is None:
                continue
            vehicles.append(second)
        damaged = vehicles[-1] if plan["exch_damaged"] == "second" else vehicles[0]
        if plan["scen"] and not scenario_ok(plan["scen"], damaged, loc):
            continue
        break
    else:
        raise RuntimeError(f"cannot place an RA for {plan}")
    ra = make_ra(loc, open_d, close_d, plan["ra_status"], vehicles, renter, coverage, excess,
                 planned_days=rental_days() + 5 if close_d is None else None)
    return ra


# --- build the plans' transactions -----------------------------------------------------------------------------------

for plan in PLANS:
    if plan["src"] == "RA":
        plan["ra"] = make_plan_ra(plan)
        plan["loc"] = plan["ra"]["loc"]
        plan["vehicle"] = plan["ra"]["vehicles"][-1] if plan["exch_damaged"] == "second" else plan["ra"]["vehicles"][0]
    elif plan["src"] == "NR":
        closed = plan["target"] >= 2 or rng.random() < 0.5
        hi = date(2009, 12, 15) if plan["target"] >= 5 else date(2010, 1, 25)
        nr = make_nonrev(rdate(date(2009, 8, 3), hi), "C" if closed else "O")
        plan["nr"] = nr
        plan["loc"] = nr["out_loc"]
        plan["vehicle"] = nr["vehicle"]
    else:
        plan["loc"] = None
        plan["vehicle"] = None

# U reports: a vehicle standing on its own lot on the day the damage was found
for plan in PLANS:
    if plan["src"] != "NONE":
        continue
    for _ in range(500):
        found = rdate(date(2009, 8, 1), date(2010, 1, 25))
        if plan["v592"] == "PHX":
            v = V_592_PHX
        elif plan["scen"] == "hail":
            v = rng.choice([v for v in VEHICLES if REGION[v["owning_location"]] == "AZ"])
        elif plan["scen"] == "shuttle":
            v = rng.choice([v for v in VEHICLES if v["owning_location"] in AIRPORTS])
        else:
            v = rng.choice(VEHICLES)
        if v["year"] <= found.year + 1 and free(v["id"], found, found + timedelta(days=1)):
            reserve(v["id"], found, found + timedelta(days=1))
            plan["vehicle"] = v
            plan["loc"] = v["owning_location"]
            plan["found"] = found
            break
    else:
        raise RuntimeError("no vehicle for a U report")

# extra non-rev tickets (no damage)
for _ in range(8):
    make_nonrev(rdate(date(2009, 6, 1), date(2010, 1, 27)), pick([("C", 3), ("O", 1)]))


def filler_ras() -> None:
    """The rest of the rental agreements: a realistic mix of open, closed and posted."""
    wanted = {"O": 42, "C": 52, "P": 104}
    for status, count in wanted.items():
        made = 0
        tries = 0
        while made < count:
            tries += 1
            assert tries < 5000
            loc = pick(LOC_WEIGHTS)
            if status == "O":
                open_d = rdate(date(2010, 1, 2), date(2010, 1, 28))
                close_d = None
            elif status == "C":
                close_d = rdate(date(2009, 11, 1), date(2010, 1, 28)) if rng.random() < 0.85 else rdate(
                    date(2009, 6, 1), date(2009, 10, 31))
                open_d = close_d - timedelta(days=rental_days())
            else:
                close_d = rdate(date(2008, 7, 5), date(2009, 12, 31))
                open_d = close_d - timedelta(days=rental_days())
            end = close_d or FAR_FUTURE
            v = choose_vehicle(loc, open_d, end)
            if v is None:
                continue
            vehicles = [v]
            if rng.random() < 0.06:
                second = choose_vehicle(loc, open_d, end, exclude={v["id"]})
                if second:
                    vehicles.append(second)
            coverage = pick([(None, 55), ("LDW", 30), ("CDW", 15)])
            excess = rng.choice(COVERAGE_EXCESS[coverage])
            if coverage == "LDW" and rng.random() < 0.1:
                excess = None
            close_loc = loc
            if close_d and rng.random() < 0.12:  # one-way rental inside the region
                close_loc = rng.choice([c for c in LOC_CODES if REGION[c] == REGION[loc]])
            make_ra(loc, open_d, close_d, status, vehicles, random_renter(), coverage, excess,
                    planned_days=rental_days() + 4 if close_d is None else None, close_loc=close_loc)
            made += 1


filler_ras()

# RA numbers: one series per location, ascending with the open date; the manual's two numbers are anchors.
RA_PREFIX = {"TUS": "A000", "TUD": "T300", "PHX": "P100", "TMP": "M100", "SNA": "S200", "LAX": "L400", "SAN": "D500"}
RA_ANCHOR = {"TUS": RA_A0001310, "TUD": RA_T3001212}
RA_START = {"PHX": 2217, "TMP": 1043, "SNA": 3381, "LAX": 5120, "SAN": 1764}


def number_ras() -> None:
    for loc in LOC_CODES:
        ras = sorted((r for r in RAS if r["loc"] == loc), key=lambda r: r["open"])
        anchor = RA_ANCHOR.get(loc)
        if anchor:
            k = ras.index(anchor)
            n = int(anchor["number"][-4:])
            for r in reversed(ras[:k]):
                n -= rng.randint(1, 3)
                r["number"] = f"{RA_PREFIX[loc]}{n:04d}"
            n = int(anchor["number"][-4:])
            for r in ras[k + 1:]:
                n += rng.randint(1, 3)
                r["number"] = f"{RA_PREFIX[loc]}{n:04d}"
        else:
            n = RA_START[loc]
            for r in ras:
                n += rng.randint(1, 4)
                r["number"] = f"{RA_PREFIX[loc]}{n:04d}"
    numbers = [r["number"] for r in RAS]
    assert len(set(numbers)) == len(numbers) and all(len(x) <= 10 and x[1:].isdigit() for x in numbers)


number_ras()

_nr_no = 10021
for nr in sorted(NONREVS, key=lambda x: x["out"]):
    nr["number"] = f"NR{_nr_no}"
    _nr_no += rng.randint(3, 17)


# --- reports ---------------------------------------------------------------------------------------------------------


def renter_block(ra) -> dict | None:
    if ra is None:
        return None
    c = ra["renter"]
    return {"name": c["last_name"], "address": c["address"], "city": c["city"], "state": c["state"], "zip": c["zip"]}


def vehicle_block(v) -> dict:
    return {"unit_number": v["unit_number"], "licence": v["licence"], "make": v["make"], "model": v["model"],
            "year": v["year"], "owning_location": v["owning_location"]}


def witness_of(loc) -> dict:
    p = person(local_cities(loc))
    return {k: p[k] for k in ("last_name", "first_name", "address", "city", "state", "zip", "phone")} | {
        "customer_number": None}


def other_driver_of(renter) -> dict:
    family = rng.random() < 0.5
    p = person(CITIES_AZ + CITIES_CA + CITIES_OTHER, with_dl=True, born=(1950, 1988),
               same_last=renter["last_name"] if family else None)
    if family:
        p["phone"] = renter["phone"]
    return {"last_name": p["last_name"], "first_name": p["first_name"], "phone": p["phone"], "dob": iso(p["dob"]),
            "dl_number": p["dl_number"], "dl_state": p["dl_state"], "dl_expiry": iso(p["dl_expiry"]),
            "customer_number": None}


TP_NOTES = ["VEHICLE WAS TOWED FROM THE SCENE",
            "GAVE POLICY NUMBER AT THE SCENE, AGENT CALLED SAME DAY", "DRIVER WAS COOPERATIVE",
            "3RD PARTY VEHICLE IS A COMPANY CAR", "SPEAKS SPANISH; DAUGHTER TRANSLATED"]


def third_party_of(loc, injured=False) -> dict:
    p = person(local_cities(loc), with_dl=True, born=(1935, 1990))
    notes = rng.sample(TP_NOTES, k=rng.choice([0, 0, 1, 2]))
    if injured:
        notes = ["COMPLAINED OF BACK PAIN; TAKEN TO HOSPITAL BY AMBULANCE"] + notes[:1]
    return {
        "last_name": p["last_name"], "first_name": p["first_name"], "address": p["address"], "city": p["city"],
        "state": p["state"], "zip": p["zip"], "dl_number": p["dl_number"], "dl_state": p["dl_state"],
        "dl_expiry": iso(p["dl_expiry"]), "dob": iso(p["dob"]), "phone": p["phone"],
        "cell": f"{p['area']}-555-01{rng.randint(0, 99):02d}" if rng.random() < 0.6 else None,
        "description": f"{rng.choice(COLORS)} {rng.choice(OTHER_CARS)}", "insurance_company": rng.choice(INSURERS),
        "reg_number": plate(p["state"]), "injured": "Y" if injured else "N",
        "rented_vehicle": "N" if rng.random() < 0.8 else None, "customer_number": None, "notes": notes,
    }


def damage_lines_for(scen_key, vehicle, n_wanted) -> list[dict]:
    lines = []
    for code, dtype, desc in SCENARIOS[scen_key][3]:
        if code_valid(code, vehicle["model_code"]):
            lines.append({"code": code, "description": desc or SC_DESC[code], "type": dtype})
    if n_wanted is not None:
        lines = lines[:n_wanted]
        extra_pool = [("DI", "S"), ("DH", "S"), ("D2", "S"), ("D3", "D"), ("DD", "D"), ("DG", "C"), ("DJ", "T"),
                      ("D8", "S"), ("D5", "S"), ("DA", "P")]
        rng.shuffle(extra_pool)
        for code, dtype in extra_pool:
            if len(lines) >= n_wanted:
                break
            if code in {ln["code"] for ln in lines} or not code_valid(code, vehicle["model_code"]):
                continue
            lines.append({"code": code, "description": SC_DESC[code], "type": dtype, "_extra": True})
    return lines[:5]


TYPE_VERB = {"D": "DENTED", "S": "SCRATCHED", "B": "BROKEN", "M": "MISSING", "C": "CRACKED", "T": "TORN",
             "H": "HAIL DAMAGED", "G": "GOUGED", "P": "CHIPPED"}


def extra_damage_sentence(lines) -> str:
    """Lines added beyond the accident's own damage: the agent found them at check-in too."""
    extras = [f"{ln['description']} {TYPE_VERB[ln['type']]}" for ln in lines if ln.get("_extra")]
    return f" ALSO FOUND AT CHECK-IN: {', '.join(extras)}." if extras else ""


PART_COST = {"DF": (145, 420), "DG": (85, 260), "DH": (95, 310), "DA": (240, 460), "DR": (160, 330),
             "DS": (260, 520), "DN": (140, 380), "DI": (180, 520), "DM": (900, 1650), "D5": (260, 640),
             "D6": (240, 610), "DK": (380, 900), "DJ": (180, 640), "DP": (220, 480)}


def cost_kind(description: str) -> str:
    """A cost line's kind on Damage Work Entry: P parts, L labour, B paint (body), O other."""
    if "LABOR" in description:
        return "L"
    if description.startswith(("PART", "GLASS")):
        return "P"
    if "PAINT" in description:
        return "B"
    return "O"


def cost_lines_for(lines, region) -> list[tuple[str, Decimal]]:
    out = []
    paint = False
    for ln in lines:
        code, dtype, desc = ln["code"], ln["type"], ln["description"]
        if code == "DA" and dtype == "P":
            out.append(("WINDSHIELD CHIP REPAIR", D("59.95")))
            continue
        if code in ("DA", "DR", "DS"):
            out.append((fit(f"GLASS - {desc}", 30), rmoney(*PART_COST[code])))
            out.append(("GLASS INSTALL LABOR", rmoney(65, 140)))
            continue
        if dtype in ("B", "M", "C", "T") or code in ("DM", "DN"):
            lo, hi = PART_COST.get(code, (150, 480))
            out.append((fit(f"PART - {desc}", 30), rmoney(lo, hi)))
        hours = Decimal(rng.randint(2, 14)) / 2
        if dtype == "H":
            hours = Decimal(rng.randint(8, 20)) / 2
        out.append((fit(f"LABOR - {desc}", 30), D(hours * Decimal("52.00"))))
        if dtype in ("D", "S", "G", "H") and code not in ("DI", "DJ", "DQ"):
            paint = True
    if paint:
        out.append(("PAINT AND MATERIALS", rmoney(85, 360)))
    if region == "CA" and rng.random() < 0.5:
        out.append(("HAZMAT/SHOP SUPPLIES", rmoney(12, 35)))
    return out


def scale_costs(lines, lo: Decimal, hi: Decimal):
    """Scale the cost lines so that their total falls in [lo, hi] (keeping it realistic)."""
    total = sum((a for _, a in lines), ZERO)
    if lo <= total <= hi:
        return lines
    target = (lo + (hi - lo) * Decimal(rng.randint(10, 90)) / 100).quantize(CENT)
    factor = target / total
    scaled = [(d, max(D("5.00"), (a * factor).quantize(CENT))) for d, a in lines]
    # put the rounding on the largest line so the total is exactly the target
    big = max(range(len(scaled)), key=lambda i: scaled[i][1])
    d, a = scaled[big]
    scaled[big] = (d, a + target - sum((x for _, x in scaled), ZERO))
    assert sum((x for _, x in scaled), ZERO) == target and all(x > 0 for _, x in scaled)
    return scaled


def total(lines) -> Decimal:
    return sum((a for _, a in lines), ZERO)


def default_external(rep) -> str:
    if rep["renters_claim_number"] or rep["driver_injured"] == "Y" or rep["damage_covered"] != "Y":
        return "Y"
    if any(tp["injured"] == "Y" for tp in rep["third_parties"]):
        return "Y"
    return "N"


def compute(rep, ra, wo) -> dict:
    """DESIGN.md section 4, exactly: report status, claim status and the money column.

    The loader creates customer records for witnesses, other drivers and 3rd parties and fills their customer #,
    so a party that is entered counts as having one."""
    if not rep["ra_number"] and not rep["non_rev_number"]:
        rs = "U"
    else:
        ad = rep["accident_details"]
        incomplete = (
            ad is None or ad["date_time"] is None or rep["driver_injured"] is None
            or not rep["accident_description"] or rep["damage_covered"] is None
            or (ad["witnesses"] == "Y" and not rep["witnesses"])
            or (rep["third_party_involved"] == "Y" and not rep["third_parties"])
            or (rep["renter_driving"] == "N" and rep["other_driver"] is None)
        )
        rs = "I" if incomplete else "C"

    def amt(key):
        return Decimal(rep[key]) if rep[key] is not None else ZERO

    our = sum((Decimal(c["amount"]) for c in wo["cost_lines"]), ZERO) if wo else ZERO
    tpc, tpr, misc, gw = amt("third_party_costs"), amt("third_party_recovery"), amt("misc_costs"), amt(
        "goodwill_deduction")
    if rep["damage_covered"] == "Y":
        maximum = amt("excess_charged")
    else:
        maximum = max(our + misc + tpc - tpr, ZERO)  # Misc Costs count when not covered (DESIGN.md section 4)
    final = max(min(maximum, our + misc + tpc - tpr - gw), ZERO)
    ecra = ra_dmg_total(ra) if ra else ZERO
    due = final - ecra
    outstanding = due - amt("amount_charged") + amt("amount_refunded")
    external = rep["external_claim"] if rep["external_claim"] is not None else default_external(rep)
    if rs == "U":
        cs = 0
    elif rs == "I":
        cs = 1
    elif wo is None:
        cs = 2
    elif rep["report_checked"] != "Y":
        cs = 3
    elif external == "Y" and rep["external_closed"] != "Y":
        cs = 4
    elif outstanding > 0:
        cs = 5
    elif outstanding < 0:
        cs = 6
    else:
        cs = 7
    return {"report_status": rs, "claim_status": cs, "our_repair_costs": our, "maximum_liability": maximum,
            "final_liability": final, "excess_charged_ra": ecra, "charge_refund_due": due,
            "amount_outstanding": outstanding}


def empty_report() -> dict:
    return {
        "report_number": None, "version": 1, "last_modified_by": None, "last_modified_at": None,
        "ra_number": None, "non_rev_number": None, "unit_number": None, "vehicle": None, "renter": None,
        "accident_details": None, "witnesses": [], "customer_present": None, "renter_driving": None,
        "other_driver": None, "driver_injured": None, "third_party_involved": None, "third_parties": [],
        "admits_fault": None, "fault_description": [], "damage_covered": None, "coverage_sold": None,
        "excess": None, "charge_on_ra": None, "nature_of_breach": None, "renters_claim_number": None,
        "excess_charged": None, "accident_description": [], "damage_lines": [],
        "report_status": None, "claim_status": None, "work_order_status": None, "report_checked": None,
        "external_claim": None, "external_closed": None, "external_type": None, "accident_category": None,
        "follow_up_date": None, "claim_location": None, "claim_employee": None, "maximum_liability": None,
        "our_repair_costs": None, "misc_costs": None, "third_party_costs": None, "third_party_recovery": None,
        "goodwill_deduction": None, "final_liability": None, "excess_charged_ra": None, "charge_refund_due": None,
        "amount_refunded": None, "amount_charged": None, "amount_outstanding": None, "notes": [],
    }


COMPUTED_KEYS = ["report_status", "claim_status", "work_order_status", "maximum_liability", "our_repair_costs",
                 "final_liability", "excess_charged_ra", "charge_refund_due", "amount_outstanding"]

BREACHES = {"other": "UNAUTHORIZED DRIVER", "off_road": "OFF ROAD USE", "pet": "PET DAMAGE EXCLUDED",
            "default": "LATE REPORTING OF ACCIDENT"}
FOLLOW_UP_FUTURE = [date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1),
                    date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 8), date(2026, 12, 10), date(2026, 12, 11),
                    date(2026, 12, 15), date(2026, 12, 17), date(2026, 12, 18), date(2026, 12, 22),
                    date(2026, 12, 29), date(2026, 12, 31)]
FOLLOW_UP_PAST = [date(2010, 2, 5), date(2010, 2, 12), date(2010, 2, 19), date(2026, 11, 6), date(2026, 11, 16),
                  date(2026, 11, 20)]
FOLLOW_UP_NOTES = {
    1: ["FOLLOW UP: CALL RENTER BACK FOR THE MISSING DETAILS", "FOLLOW UP: WAITING ON THE POLICE REPORT"],
    2: ["FOLLOW UP: GET A REPAIR ESTIMATE AND OPEN A WORK ORDER", "FOLLOW UP: CALL RENTER BACK FOR STATEMENT"],
    3: ["FOLLOW UP: CALL BODY SHOP FOR THE FINAL INVOICE", "FOLLOW UP: REVIEW AND CHECK THE REPORT"],
    4: ["FOLLOW UP: ADJUSTER PROMISED A DECISION BY THE FOLLOW-UP DATE",
        "FOLLOW UP: INSURER TO CONFIRM COVERAGE; CALL IF NO LETTER"],
    5: ["FOLLOW UP: RENTER PROMISED PAYMENT BY THE FOLLOW-UP DATE",
        "FOLLOW UP: CHECK FOR PAYMENT ON THE DAMAGE INVOICE"],
    6: ["FOLLOW UP: CONFIRM ACCOUNTING PROCESSED THE REFUND", "FOLLOW UP: VERIFY RENTER'S MAILING ADDRESS FOR REFUND"],
    7: ["FOLLOW UP: FILE THE CLOSED CLAIM"],
}
POLICE_NAMES = ["MURPHY", "OCONNELL", "RAMIREZ", "DELACRUZ", "HOLLOWAY", "KRAMER", "YAZZIE", "BECKETT",
                "VALENZUELA", "SHAUGHNESSY", "TRUJILLO", "WHITFIELD"]


class NoteClock:
    """Times for page-2 notes: strictly after the report was saved, never after the data's 'today'."""

    def __init__(self, start: datetime):
        self.t = start

    def next(self, min_days=0, max_days=6) -> datetime:
        d = self.t.date() + timedelta(days=rng.randint(min_days, max_days))
        if d > DATA_NOW:
            d = DATA_NOW
        t = datetime.combine(d, rtime(8, 17))
        if t <= self.t:
            t = self.t + timedelta(minutes=rng.randint(5, 50))
        self.t = t
        return t


PARTIAL_EXCESS = [150, 250, 300, 500, 750]


def fit_money(m, r: Decimal, excess: Decimal | None, covered_y: bool):
    """(fits, excess charged) for a money scenario given the natural repair cost r of a candidate damage."""
    if excess is None:
        return True, None
    if m in ("N_OWES", "N_BREACH_OWES", "N_CHARGED"):
        if r < 300:
            return False, None
        options = [D(p) for p in PARTIAL_EXCESS if D(p) <= excess and D(p) < r * Decimal("0.9")]
        if excess < r * Decimal("0.9") and (rng.random() < 0.6 or not options):
            return True, excess
        return (True, rng.choice(options)) if options else (False, None)
    if m in ("N_REFUND_DUE", "N_REFUNDED"):
        return Decimal(50) <= r <= excess * Decimal("0.85"), excess
    if m == "Y_REFUND_DUE":
        return excess * Decimal("0.2") <= r <= excess * Decimal("0.85"), excess
    if m == "Y_SETTLED":
        return r >= excess + 50, excess
    if m == "GOODWILL":
        return excess * Decimal("0.6") <= r <= excess * Decimal("1.5"), excess
    # no money constraint: the counter's usual choice
    if covered_y or rng.random() < 0.6:
        return True, excess
    return True, min(excess, D(rng.choice(PARTIAL_EXCESS)))


def choose_damage(plan, vehicle, loc, ra):
    """Pick the accident (scenario), its damage lines, the repair cost lines and the Excess Charged so that the
    money scenario of the plan comes out with realistic amounts; scale the costs only when nothing fits."""
    region = REGION[loc]
    m = plan["money"]
    excess = Decimal(ra["excess"]) if ra and ra["excess"] is not None else None
    covered_y = bool(ra and ra["coverage"] and not plan["breach"]) or m in ("Y_REFUND_DUE", "Y_SETTLED", "LDW_ZERO")
    pool = scenario_pool(plan, vehicle, loc)
    candidates = rng.sample(pool, len(pool))
    first = None
    for key in candidates[:30]:
        lines = damage_lines_for(key, vehicle, plan["lines"])
        cost = cost_lines_for(lines, region)
        ok, ec = fit_money(m, total(cost), excess, covered_y)
        if ok:
            break
        first = first or (key, lines, cost)
    else:
        key, lines, cost = first
        ec = excess
        if m in ("N_OWES", "N_BREACH_OWES", "N_CHARGED"):
            cost = scale_costs(cost, ec + D(200), ec + D(1400))
        elif m in ("N_REFUND_DUE", "Y_REFUND_DUE", "N_REFUNDED"):
            cost = scale_costs(cost, ec * Decimal("0.30"), ec * Decimal("0.85"))
        elif m == "Y_SETTLED":
            cost = scale_costs(cost, ec + D(50), ec + D(900))
        elif m == "GOODWILL":
            pass
    if m == "GOODWILL":
        cost = scale_costs(cost, ec + D(5), ec + D(60))
    if m == "LDW_ZERO":
        assert ec == 0
    return key, lines, cost, ec


def business_hours(t: datetime) -> datetime:
    """A counter is staffed 07:00-22:00: move a time outside that to the next opening."""
    if t.hour < 7:
        return datetime.combine(t.date(), time(7, rng.randrange(0, 60, 5)))
    if t.hour >= 22:
        return datetime.combine(t.date() + timedelta(days=1), time(7, rng.randrange(0, 60, 5)))
    return t


def build_report(plan, wo_numbers) -> tuple[dict, dict]:
    rep = empty_report()
    target = plan["target"]
    ra = plan.get("ra")
    nr = plan.get("nr")
    vehicle = plan["vehicle"]
    loc = plan["loc"]
    region = REGION[loc]
    scen, damage_lines, cost, ec = choose_damage(plan, vehicle, loc, ra)
    tp_kind, _, where, _, text, fault_text, legal, rental_violation, police_p = SCENARIOS[scen]

    rep["unit_number"] = vehicle["unit_number"]
    rep["vehicle"] = vehicle_block(vehicle)

    # --- when it happened and when it was reported
    if ra:
        rep["ra_number"] = ra["number"]
        rep["renter"] = renter_block(ra)
        last_day = ra["close"] or DATA_NOW - timedelta(days=1)
        if plan["exch"]:  # the first vehicle was damaged before the exchange, the second one after it
            span = (last_day - ra["open"]).days
            if plan["exch_damaged"] == "second":
                acc_day = ra["open"] + timedelta(days=rng.randint(span // 2, span))
            else:
                acc_day = ra["open"] + timedelta(days=rng.randint(0, max(0, span // 2)))
        else:
            acc_day = rdate(ra["open"], last_day)
        acc_dt = datetime.combine(acc_day, rtime(7, 21))
        if plan["exch"] or ra["close"] is None:
            created = business_hours(acc_dt + timedelta(hours=rng.randint(1, 20)))
        else:
            created = datetime.combine(ra["close"], rtime(7, 20))
            if created <= acc_dt:
                created = business_hours(acc_dt + timedelta(minutes=rng.randint(40, 180)))
        rep["coverage_sold"] = ra["coverage"]
        rep["excess"] = ra["excess"]
    elif nr:
        rep["non_rev_number"] = nr["number"]
        acc_dt = datetime.combine(nr["out"], rtime(8, 16))
        created = datetime.combine(nr["in"] or nr["out"], rtime(9, 19))
        if created <= acc_dt:
            created = acc_dt + timedelta(minutes=rng.randint(30, 150))
    else:
        acc_dt = datetime.combine(plan["found"], rtime(6, 9))
        created = acc_dt + timedelta(minutes=rng.randint(20, 240))
        if scen == "hail":
            acc_dt = datetime.combine(plan["found"] - timedelta(days=1), time(rng.randint(15, 19), 30))
    assert created > REPORT1_CREATED

    # --- accident details pop-up
    place = place_for(where, loc)
    police = rng.random() < police_p
    city = ACCIDENT_CITY[loc]
    ad = {"date_time": iso(acc_dt), "address1": place, "address2": ADDRESS2[city],
          "police_name": None, "police_badge": None, "police_station": None, "police_report_number": None,
          "witnesses": "N", "rental_violation": rental_violation, "legal_violation": legal if tp_kind else None}
    if police:
        ad["police_name"] = rng.choice(POLICE_NAMES)
        ad["police_badge"] = digits(rng.choice([4, 5, 6, 8]))
        ad["police_station"] = rng.choice(PLACES[city]["police"])
        ad["police_report_number"] = rng.choice([f"{acc_dt:%y%m%d}{digits(4)}", f"{digits(6)}{from_pattern('@@')}",
                                                 f"{from_pattern('@@')}{acc_dt:%y}-{digits(6)}"])
    n_wit = plan["wit"]
    if n_wit:
        ad["witnesses"] = "Y"
        rep["witnesses"] = [witness_of(loc) for _ in range(n_wit)]
    if where == "ourlot" and scen != "shuttle":
        ad["legal_violation"] = None
    if plan["other"] and not rental_violation and plan["breach"]:
        ad["rental_violation"] = "UNAUTHORIZED DRIVER"
    rep["accident_details"] = ad

    # --- people
    if ra:
        rep["customer_present"] = plan["present"]
        rep["renter_driving"] = "N" if plan["other"] else "Y"
        if plan["other"]:
            rep["other_driver"] = other_driver_of(ra["renter"])
        rep["driver_injured"] = "Y" if plan["injured"] else "N"
    elif nr:
        rep["renter_driving"] = "Y"
        rep["driver_injured"] = "N"
    else:
        rep["third_party_involved"] = "N"
        rep["damage_covered"] = "Y"
    n_tp = plan["tp"] or (2 if tp_kind == "multi" else 1 if tp_kind == "tp" else 0)
    if n_tp:
        rep["third_party_involved"] = "Y"
        rep["third_parties"] = [third_party_of(loc, injured=(plan["tp_injured"] and i == 0)) for i in range(n_tp)]
        if scen == "shuttle":
            rep["third_parties"][0]["description"] = "WHITE AIRPORT SHUTTLE BUS"
            rep["third_parties"][0]["insurance_company"] = "TRAVELERS"
        admits = plan.get("admits") or ("Y" if fault_text and rng.random() < 0.85 else "N")
        rep["admits_fault"] = admits
        if admits == "Y":
            rep["fault_description"] = wrap(fault_text)
    elif ra or nr:
        rep["third_party_involved"] = "N"

    # --- description and damage
    desc = text.format(place=place) + extra_damage_sentence(damage_lines)
    damage_lines = [{k: v for k, v in ln.items() if k != "_extra"} for ln in damage_lines]
    if plan["present"] == "N" and ra:
        desc = "VEHICLE RETURNED TO THE KEY DROP; DAMAGE FOUND AT CHECK-IN. " + desc
    rep["accident_description"] = wrap(desc)
    assert len(rep["accident_description"]) <= 9
    rep["damage_lines"] = damage_lines

    # --- coverage, excess charged
    covered = None
    if ra:
        covered = "Y" if ra["coverage"] else "N"
        if plan["breach"]:
            covered = "N"
            rep["nature_of_breach"] = BREACHES["other"] if plan["other"] else BREACHES.get(scen, BREACHES["default"])
        if plan["money"] in ("Y_REFUND_DUE", "Y_SETTLED", "LDW_ZERO"):
            covered = "Y"
        if plan["money"] in ("N_OWES", "N_REFUND_DUE", "N_RECOVERY", "N_CHARGED", "N_REFUNDED", "GOODWILL"):
            covered = "N"
    elif nr:
        covered = "Y"
    if ra or nr:
        rep["damage_covered"] = covered
    if plan["claimno"]:
        rep["renters_claim_number"] = rng.choice([f"CN{digits(4)}", f"{from_pattern('@@')}{digits(7)}",
                                                  f"{digits(2)}-{digits(6)}-{digits(2)}"])

    # --- incomplete reports: leave one of the required facts blank
    inc = plan["incomplete"]
    if inc == "date":
        ad.update({"date_time": None, "address1": None, "address2": None, "police_name": None,
                   "police_badge": None, "police_station": None, "police_report_number": None, "witnesses": None,
                   "legal_violation": None})
    elif inc == "injured":
        rep["driver_injured"] = None
    elif inc == "desc":
        rep["accident_description"] = []
    elif inc == "covered":
        rep["damage_covered"] = None

    # --- work order and money
    posted = bool(ra and ra["status"] == "P")
    # on a posted RA only employees without Restrict EDITCLOS may create or change the report
    employee_claims = rng.choice([e for e in CLAIMS_STAFF[loc] if not (posted and e in RESTRICTED)])
    wo = None
    wants_wo = target >= 3 or (target == 0 and plan.get("wo"))
    m = plan["money"]
    if ec is not None and ra:
        rep["excess_charged"] = money(ec)
        if ec > 0:
            add_dmg_charge(ra, ec)

    wo_status = None
    if wants_wo:
        if target in (3, 4) and rng.random() < 0.5:
            wo_status = rng.choice(["OPEN", "IN REPAIR"])
        else:
            wo_status = "CLOSED"
        opened = created.date() + timedelta(days=rng.randint(0, 4))
        if opened > DATA_NOW:
            opened = DATA_NOW
        repaired = None
        if wo_status == "CLOSED":
            repaired = opened + timedelta(days=rng.randint(2, 12))
            if repaired > DATA_NOW:
                wo_status, repaired = "IN REPAIR", None
        lines = cost if wo_status != "OPEN" else []
        wo = {"number": wo_numbers.pop(0), "status": wo_status, "opened_date": iso(opened),
              "repair_date": iso(repaired), "cost_lines": [{"description": d, "kind": cost_kind(d), "amount": money(a)} for d, a in lines]}
        if target in (5, 6, 7):
            assert wo_status == "CLOSED", plan
    our = total(cost) if wo and wo["cost_lines"] else ZERO

    # --- page 2
    clock = NoteClock(created)
    notes: list[tuple[datetime, str, str]] = []
    counter = (ra["close_loc"] if ra else None) or loc
    agent = rng.choice([e for e in COUNTER_STAFF[counter] if not (posted and e in RESTRICTED)]
                       or [e for e in CLAIMS_STAFF[counter] if e not in RESTRICTED])
    if target >= 2 or (target == 1 and rng.random() < 0.5):
        rep["claim_location"] = loc
        rep["claim_employee"] = employee_claims
    if ra and plan["present"] == "Y" and target >= 1:
        notes.append((clock.next(0, 0), agent, f"REPORT TAKEN AT {ra['close_loc'] or loc} COUNTER WITH RENTER "
                                               f"{ra['renter']['last_name']}"[:70]))
    elif ra and plan["present"] == "N":
        notes.append((clock.next(0, 0), agent, "RENTER NOT PRESENT; DAMAGE FOUND AT VEHICLE CHECK-IN"))
    elif nr:
        notes.append((clock.next(0, 0), agent, f"DRIVER {nr['driver']} REPORTED DAMAGE ON NON-REV {nr['number']}"))
    if target == 1:
        missing = {"date": "NEED DATE AND PLACE OF ACCIDENT FROM RENTER",
                   "injured": "CALLED RENTER TO ASK IF DRIVER WAS INJURED, NO ANSWER",
                   "desc": "WAITING FOR RENTER'S WRITTEN STATEMENT",
                   "covered": "CHECKING WITH RENTER WHETHER LDW WAS DECLINED IN WRITING"}[inc]
        notes.append((clock.next(1, 4), employee_claims, missing))
    if wo:
        shop = rng.choice(BODY_SHOPS[region])
        wo["repair_shop"] = shop
        notes.append((clock.next(0, 3), employee_claims, f"WORK ORDER {wo['number']} OPENED, VEHICLE TO {shop}"))
        if wo["cost_lines"]:
            notes.append((clock.next(1, 5), employee_claims, f"ESTIMATE RECEIVED FROM {shop}: {money(our)}"))

    if target >= 4:
        rep["report_checked"] = "Y"
        notes.append((clock.next(0, 3), employee_claims, "REPORT CHECKED"))
    elif target == 3:
        rep["report_checked"] = rng.choice(["N", None])
    elif target == 2:
        rep["report_checked"] = rng.choice(["N", None, None])

    # categories / external claim
    category = plan["category"]
    if category is None and target >= 2:
        if rep["third_party_involved"] == "Y" and rep["admits_fault"] == "Y":
            category = "4"
        elif rep["renters_claim_number"]:
            category = "2"
        elif nr or (covered == "Y" and m in ("LDW_ZERO", "NR_ZERO")):
            category = "6"
        else:
            category = rng.choice(["1", "1", "3"])
    rep["accident_category"] = category if target >= 2 else None
    if category == "3" and not rep["renters_claim_number"]:
        rep["renters_claim_number"] = f"CC{digits(8)}"
    if category == "LIT":
        rep["renters_claim_number"] = rep["renters_claim_number"] or f"LA{digits(6)}"

    if target == 4:
        rep["external_claim"] = "Y"
        rep["external_closed"] = rng.choice(["N", None])
        rep["external_type"] = EXTERNAL_TYPE[category]
        insurer = rep["third_parties"][0]["insurance_company"] if rep["third_parties"] else rng.choice(INSURERS)
        notes.append((clock.next(1, 6), employee_claims, f"CLAIM SUBMITTED TO {insurer}; CLAIM # {digits(2)}-{digits(6)}"))
        notes.append((clock.next(5, 20), employee_claims, f"{insurer} ADJUSTER REQUESTED PHOTOS AND REPAIR INVOICE"))
    elif target >= 5:
        ext = default_external(rep)
        rep["external_claim"] = ext
        if ext == "Y":
            rep["external_closed"] = "Y"
            rep["external_type"] = EXTERNAL_TYPE[category]
    elif target == 3 and rng.random() < 0.5:
        rep["external_claim"] = default_external(rep)

    # money inputs that settle the claim
    ecra = ra_dmg_total(ra) if ra else ZERO
    if m == "N_RECOVERY":
        rep["third_party_recovery"] = money(our)
        insurer = rep["third_parties"][0]["insurance_company"]
        notes.append((clock.next(10, 30), employee_claims, f"PAYMENT OF {money(our)} RECEIVED FROM {insurer}"))
        notes.append((clock.next(0, 2), employee_claims, f"REFUND OF {money(ecra)} DUE TO RENTER; SEND TO ACCOUNTING"))
    if plan["tpc"]:
        tpc = rmoney(600, 1900)
        rep["third_party_costs"] = money(tpc)
        notes.append((clock.next(3, 15), employee_claims, f"PAID 3RD PARTY CLAIM OF {money(tpc)}; RENTER AT FAULT"))
    if m in ("N_OWES", "N_BREACH_OWES", "Y_SETTLED", "N_CHARGED", "N_REFUNDED") and rng.random() < 0.35:
        rep["misc_costs"] = money(D(rng.choice([35, 40, 45]) * rng.randint(2, 6)))  # loss of use
    if m == "GOODWILL":
        gw = our - ec
        rep["goodwill_deduction"] = money(gw)
        notes.append((clock.next(2, 10), employee_claims, f"GOODWILL OF {money(gw)} APPROVED; BALANCE WRITTEN OFF"))

    facts = compute(rep, ra, wo)
    due = facts["charge_refund_due"]
    if m == "N_CHARGED":
        rep["amount_charged"] = money(due)
        notes.append((clock.next(2, 10), employee_claims, f"BALANCE OF {money(due)} CHARGED TO RENTER ON RA"))
        notes.append((clock.next(0, 2), employee_claims, "DAMAGE LETTER SENT TO RENTER"))
    elif m in ("N_OWES", "N_BREACH_OWES"):
        if due > 0 and rng.random() < 0.4:
            part = D(int(due * Decimal("0.5")))
            if 0 < part < due:
                rep["amount_charged"] = money(part)
                notes.append((clock.next(2, 10), employee_claims,
                              f"CHARGED {money(part)} OF {money(due)}; RENTER DISPUTES THE REST"))
        notes.append((clock.next(2, 12), employee_claims, f"DAMAGE LETTER SENT; RENTER OWES {money(due)}"))
        if category == "5":
            notes.append((clock.next(20, 40), employee_claims, "NO RESPONSE TO 2ND LETTER; REFERRED TO COLLECTIONS"))
    elif m == "N_REFUNDED":
        rep["amount_refunded"] = money(-due)
        notes.append((clock.next(2, 10), employee_claims, f"REFUND OF {money(-due)} ISSUED TO RENTER'S CREDIT CARD"))
    elif m in ("Y_REFUND_DUE", "N_REFUND_DUE"):
        notes.append((clock.next(2, 10), employee_claims, f"REPAIRS CAME IN UNDER THE EXCESS; {money(-due)} TO REFUND"))
    elif m in ("Y_SETTLED", "LDW_ZERO", "NR_ZERO"):
        notes.append((clock.next(2, 10), employee_claims, "REPAIRS COMPLETE; NOTHING FURTHER DUE FROM RENTER"))
    if target == 7:
        notes.append((clock.next(0, 3), employee_claims, "CLAIM CLOSED"))

    # follow-up date
    if plan["followup"]:
        dates = FOLLOW_UP_FUTURE if plan["followup"] == "future" else FOLLOW_UP_PAST
        rep["follow_up_date"] = iso(rng.choice(dates))
        notes.append((clock.next(0, 2), employee_claims, rng.choice(FOLLOW_UP_NOTES[target])))

    facts = compute(rep, ra, wo)
    assert facts["claim_status"] == target, (target, facts, plan["money"], scen)

    created_by = agent
    rep["notes"] = [{"at": iso(t), "employee": e, "text": x} for t, e, x in notes]
    if notes:
        last_t, last_e, _ = notes[-1]
        rep["last_modified_by"], rep["last_modified_at"] = last_e, iso(last_t)
    else:
        rep["last_modified_by"], rep["last_modified_at"] = created_by, iso(created)
    extra = {"created_by": created_by, "created_at": iso(created), "work_order": wo}
    return rep, {"extra": extra, "facts": facts, "created": created, "ra": ra, "plan": plan, "scen": scen}


def build_report_1() -> tuple[dict, dict]:
    """The manual's completed page-1 example (RA A0001310), with a page 2 of our own: the claim against the 3rd
    party's insurer (AETNA) is open, so the claim status is 4."""
    ra = RA_A0001310
    v = V_1888
    rep = empty_report()
    created = REPORT1_CREATED
    rep.update({
        "ra_number": "A0001310", "unit_number": "001888", "vehicle": vehicle_block(v), "renter": renter_block(ra),
        "accident_details": {
            "date_time": "2009-07-20T15:30:00", "address1": "CORNER OF GRAND AND 4TH STREET",
            "address2": "SANTA ANA, CALIF", "police_name": "MURPHY", "police_badge": "18881020",
            "police_station": "DOWNTOWN", "police_report_number": "789456DM", "witnesses": "N",
            "rental_violation": None, "legal_violation": None,
        },
        "customer_present": "Y", "renter_driving": "Y", "driver_injured": "N", "third_party_involved": "Y",
        "third_parties": [{
            "last_name": "JOHNSON", "first_name": "REMY", "address": "11 OAK DR", "city": "SANTA ANA",
            "state": "CA", "zip": "92705", "dl_number": "J456789", "dl_state": "CA", "dl_expiry": "2012-05-02",
            "dob": "1981-05-02", "phone": "714-555-1212", "cell": "714-567-2323",
            "description": "GRAY JEEP CHEROKEE", "insurance_company": "AETNA", "reg_number": "JEG102",
            "injured": "N", "rented_vehicle": None, "customer_number": None, "notes": [],
        }],
        "admits_fault": "Y",
        "fault_description": ["MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
                              "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."],
        "damage_covered": "N", "coverage_sold": None, "excess": "1500.00", "charge_on_ra": "Y",
        "nature_of_breach": None, "renters_claim_number": "CN1234", "excess_charged": "150.00",
        "accident_description": wrap("THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SIDE; "
                                     "BROKE HEADLIGHT"),
        "damage_lines": [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}],
        "report_checked": "Y", "external_claim": "Y", "external_closed": "N", "external_type": "3RD PARTY",
        "accident_category": "4", "follow_up_date": "2026-12-01", "claim_location": "TUS",
        "claim_employee": "CLERK",
    })
    add_dmg_charge(ra, D("150.00"))
    wo = {"number": 5000, "status": "CLOSED", "opened_date": "2009-07-22", "repair_date": "2009-07-29",
          "cost_lines": [{"description": "LABOR - FRONT PASSENGER FENDER", "kind": "L", "amount": "234.00"},
                         {"description": "PAINT AND MATERIALS", "kind": "B", "amount": "118.50"},
                         {"description": "PART - FENDER MOLDING CLIP KIT", "kind": "P", "amount": "24.75"}],
          "repair_shop": "TUCSON AUTO BODY"}
    notes = [
        ("2009-07-21T16:45:00", "AGENT", "REPORT TAKEN AT TUS COUNTER WITH RENTER LAMPERT"),
        ("2009-07-21T16:52:00", "AGENT", "EXCESS OF 150.00 CHARGED ON RA A0001310 AT CLOSE"),
        ("2009-07-22T09:10:00", "CLERK", "WORK ORDER 5000 OPENED, VEHICLE TO SUNSET COLLISION"),
        ("2009-07-23T10:05:00", "CLERK", "REPORT CHECKED"),
        ("2009-07-23T10:20:00", "CLERK", "CLAIM SUBMITTED TO AETNA FOR 3RD PARTY JOHNSON/REMY, REG JEG102"),
        ("2009-07-30T14:40:00", "CLERK", "REPAIRS DONE: 377.25. INVOICE AND POLICE RPT 789456DM SENT TO AETNA"),
        ("2009-08-18T11:15:00", "CLERK", "FOLLOW UP: AETNA ADJUSTER PROMISED A DECISION BY THE FOLLOW-UP DATE"),
    ]
    rep["notes"] = [{"at": a, "employee": e, "text": t} for a, e, t in notes]
    rep["last_modified_by"], rep["last_modified_at"] = "CLERK", "2009-08-18T11:15:00"
    facts = compute(rep, ra, wo)
    assert facts["report_status"] == "C" and facts["claim_status"] == 4, facts
    extra = {"created_by": "AGENT", "created_at": iso(created), "work_order": wo}
    return rep, {"extra": extra, "facts": facts, "created": created, "ra": ra, "plan": {"target": 4}, "scen": None}


def build_reports():
    first = build_report_1()
    wo_numbers = list(range(5001, 5200))
    # build in plan order (deterministic), then number by the time each report was saved
    built = [build_report(plan, wo_numbers) for plan in PLANS]
    built.sort(key=lambda b: b[1]["created"])
    reports = [first] + built
    # work orders numbered in the order they were opened
    wos = sorted((b[1]["extra"]["work_order"] for b in reports[1:] if b[1]["extra"]["work_order"]),
                 key=lambda w: (w["opened_date"], w["number"]))
    renumber = {w["number"]: 5001 + i for i, w in enumerate(wos)}
    for rep, meta in reports:
        wo = meta["extra"]["work_order"]
        if wo and wo["number"] in renumber:
            old = wo["number"]
            wo["number"] = renumber[old]
            for note in rep["notes"]:
                note["text"] = note["text"].replace(f"WORK ORDER {old} ", f"WORK ORDER {wo['number']} ")
    for i, (rep, meta) in enumerate(reports, start=1):
        rep["report_number"] = i
        ra = meta["ra"]
        if ra is not None:
            rep["charge_on_ra"] = "Y" if ra_dmg_total(ra) > 0 else "N"
        # recompute now that every DMG charge is on its RA
        facts = compute(rep, ra, meta["extra"]["work_order"])
        assert facts["claim_status"] == meta["plan"]["target"], (i, facts)
        meta["facts"] = facts
    return reports


REPORTS = build_reports()


# --- render ----------------------------------------------------------------------------------------------------------


def render_ra(ra) -> dict:
    return {
        "ra_number": ra["number"],
        "renter_customer_number": ra["renter"]["customer_number"],
        "status": ra["status"],
        "open_date": iso(ra["open"]),
        "open_location": ra["loc"],
        "close_date": iso(ra["close"]),
        "close_location": ra["close_loc"],
        "coverage_sold": ra["coverage"],
        "excess": ra["excess"],
        # the time rate a day (the TM charge's daily rate: the class rate of the vehicle it closed with)
        "daily_rate": DAILY_RATE[ra["vehicles"][-1]["class"]] if ra["vehicles"] else None,
        "vehicles": [v["id"] for v in ra["vehicles"]],
        "charges": ra["charges"],
    }


def render_customer(c) -> dict:
    out = {k: c[k] for k in ("customer_number", "customer_type", "last_name", "first_name", "address", "city",
                             "state", "zip", "phone", "dl_number", "dl_state")}
    out["dl_expiry"] = iso(c["dl_expiry"])
    out["dob"] = iso(c["dob"])
    return out


def render_vehicle(v) -> dict:
    out = {k: v[k] for k in ("id", "unit_number", "licence", "vin", "make", "model", "model_code", "year",
                             "owning_location")}
    out["vehicle_class"] = v["class"].upper()
    return out


def render_nonrev(nr) -> dict:
    return {"number": nr["number"], "vehicle_id": nr["vehicle"]["id"], "status": nr["status"],
            "out_date": iso(nr["out"]), "out_location": nr["out_loc"], "in_date": iso(nr["in"]),
            "in_location": nr["in_loc"], "driver_employee": nr["driver"]}


def render_report(rep, meta) -> dict:
    out = dict(rep)
    for key in COMPUTED_KEYS:
        out[key] = None
    out.update(meta["extra"])
    return out


def files() -> dict[str, object]:
    ras_sorted = sorted(RAS, key=lambda r: (r["open"], r["number"]))
    return {
        "control.json": CONTROL,
        "locations.json": [dict(zip(("code", "name", "address", "city", "state", "zip", "phone"), row))
                           for row in LOCATIONS],
        "employees.json": [{"code": c, "name": n, "location": loc, "password": c.lower(), "access_claim": a,
                            "restrict_editclos": r, "administrator": c in ADMINISTRATORS}
                           for c, n, loc, a, r in EMPLOYEES],
        "damage_types.json": [{"code": c, "description": d} for c, d in DAMAGE_TYPES],
        "service_codes.json": [{"code": c, "description": d, "show_on_damage_entry": s, "model_codes": list(m)}
                               for c, d, s, m in SERVICE_CODES],
        "claim_categories.json": [{"code": c, "description": d} for c, d in CLAIM_CATEGORIES],
        "class_daily_rates.json": [{"vehicle_class": c.upper(), "daily_rate": r} for c, r in DAILY_RATE.items()],
        "customers.json": [render_customer(c) for c in CUSTOMERS],
        "vehicles.json": [render_vehicle(v) for v in VEHICLES],
        "rental_agreements.json": [render_ra(r) for r in ras_sorted],
        "non_rev_tickets.json": [render_nonrev(n) for n in sorted(NONREVS, key=lambda n: n["number"])],
        "damage_reports.json": [render_report(rep, meta) for rep, meta in REPORTS],
    }


# --- checks ----------------------------------------------------------------------------------------------------------

LIMITS = {  # JSON key -> max length (report and reference files)
    "last_name": 20, "first_name": 15, "address": 30, "city": 20, "state": 2, "zip": 10, "phone": 14, "cell": 14,
    "dl_number": 20, "dl_state": 2, "insurance_company": 20, "reg_number": 10, "nature_of_breach": 30,
    "renters_claim_number": 15, "police_name": 18, "police_badge": 10, "police_station": 20,
    "police_report_number": 20, "rental_violation": 20, "legal_violation": 20, "external_type": 12,
    "accident_category": 3, "address1": 30, "address2": 30, "unit_number": 10, "licence": 10, "ra_number": 10,
    "non_rev_number": 10, "number": 10, "model_code": 6, "employee": 6, "created_by": 6, "claim_employee": 6,
    "last_modified_by": 6, "claim_location": 6, "make": 20, "model": 20, "name": 30, "coverage_sold": 6,
    "vin": 17, "driver_employee": 6, "code": 6, "text": 70, "description": 30,
}


def check(data: dict[str, object]) -> None:
    def walk(obj, path=""):
        if isinstance(obj, dict):
            for k, v in obj.items():
                p = f"{path}.{k}"
                if isinstance(v, str):
                    if k not in ("password", "access_claim", "kind"):  # lower-case by the file format
                        assert v == v.upper(), f"not upper-case: {p}={v!r}"
                    if k in LIMITS:
                        assert len(v) <= LIMITS[k], f"too long: {p}={v!r}"
                walk(v, p)
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                if isinstance(v, str):
                    assert v == v.upper() and len(v) <= 60, f"line: {path}[{i}]={v!r}"
                walk(v, f"{path}[{i}]")

    for name, obj in data.items():
        walk(obj, name)
    reports = data["damage_reports.json"]
    ras = {r["ra_number"]: r for r in data["rental_agreements.json"]}
    vehicles = {v["id"]: v for v in data["vehicles.json"]}
    for rep in reports:
        assert len(rep["accident_description"]) <= 9 and len(rep["fault_description"]) <= 5
        assert 1 <= len(rep["damage_lines"]) <= 5
        if rep["ra_number"]:
            ra = ras[rep["ra_number"]]
            units = [vehicles[i]["unit_number"] for i in ra["vehicles"]]
            assert rep["unit_number"] in units
            assert rep["vehicle"]["licence"] in [vehicles[i]["licence"] for i in ra["vehicles"]]
            if rep["excess_charged"] is not None:
                assert ra["excess"] is not None and Decimal(rep["excess_charged"]) <= Decimal(ra["excess"])
            if rep["coverage_sold"] and rep["damage_covered"] == "N":
                assert rep["nature_of_breach"], rep["report_number"]
        for line in rep["damage_lines"]:
            model_code = next(v["model_code"] for v in vehicles.values() if v["licence"] == rep["vehicle"]["licence"])
            assert code_valid(line["code"], model_code), (rep["report_number"], line)
            assert line["type"] in {c for c, _ in DAMAGE_TYPES}
    codes = {
        "employee": {e["code"] for e in data["employees.json"]},
        "location": {loc["code"] for loc in data["locations.json"]},
        "category": {c["code"] for c in data["claim_categories.json"]},
    }
    for rep in reports:
        assert rep["created_by"] in codes["employee"] and rep["last_modified_by"] in codes["employee"]
        assert rep["claim_employee"] in codes["employee"] | {None}
        assert rep["claim_location"] in codes["location"] | {None}
        assert rep["accident_category"] in codes["category"] | {None}
        assert all(n["employee"] in codes["employee"] for n in rep["notes"])
        assert all(a["at"] < b["at"] for a, b in zip(rep["notes"], rep["notes"][1:]))
        assert rep["created_at"] <= (rep["notes"][0]["at"] if rep["notes"] else rep["created_at"])
        if rep["accident_details"]["date_time"]:
            assert rep["accident_details"]["date_time"] < rep["created_at"]
    for rep in reports:  # Restrict EDITCLOS: the loader saves page 1 as created_by and page 2 as claim_employee
        if rep["ra_number"] and ras[rep["ra_number"]]["status"] == "P":
            assert rep["created_by"] not in RESTRICTED and rep["claim_employee"] not in RESTRICTED, rep["report_number"]
    licences = [v["licence"] for v in data["vehicles.json"]]
    assert len(set(licences)) == len(licences)
    wos = [r["work_order"]["number"] for r in reports if r["work_order"]]
    assert len(set(wos)) == len(wos)
    created = [r["created_at"] for r in reports]
    assert created == sorted(created)


# --- summary and README ----------------------------------------------------------------------------------------------


def coverage_table() -> tuple[list[list[str]], dict]:
    counts: dict[tuple[str, int], int] = {}
    for _, meta in REPORTS:
        f = meta["facts"]
        key = (f["report_status"], f["claim_status"])
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for rs in ("U", "I", "C"):
        row = [rs] + [str(counts.get((rs, cs), 0) or "") for cs in range(8)]
        row.append(str(sum(counts.get((rs, cs), 0) for cs in range(8))))
        rows.append(row)
    totals = ["total"] + [str(sum(counts.get((rs, cs), 0) for rs in "UIC")) for cs in range(8)] + [str(len(REPORTS))]
    rows.append(totals)
    return rows, counts


def table_text(rows) -> str:
    header = ["rpt \\ claim"] + [str(i) for i in range(8)] + ["total"]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
             "| " + " | ".join("-" * w for w in widths) + " |"]
    for r in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    return "\n".join(lines)


MONEY_LABEL = {
    "N_OWES": "not covered, renter owes the balance", "N_BREACH_OWES": "LDW voided, renter owes",
    "N_REFUND_DUE": "repairs under the excess charged, refund due", "Y_REFUND_DUE": "covered, refund due",
    "N_RECOVERY": "3rd party's insurer paid, refund due", "Y_SETTLED": "covered, repairs over the excess",
    "N_CHARGED": "balance charged", "N_REFUNDED": "refund issued", "GOODWILL": "balance written off as goodwill",
    "LDW_ZERO": "LDW with no excess", "NR_ZERO": "company car, nothing owed",
}


def report_list_text() -> str:
    lines = ["| # | RA / Non-Rev | unit | rpt | claim | what it shows |", "| - | - | - | - | - | - |"]
    for rep, meta in REPORTS:
        f = meta["facts"]
        plan = meta["plan"]
        bits = [meta["scen"].replace("_", " ")] if meta["scen"] else []
        if rep["report_number"] == 1:
            bits.append("the manual's example (LAMPERT / JOHNSON, AETNA claim open)")
        if plan.get("exch"):
            bits.append("vehicle exchange")
        if rep["unit_number"] == "592":
            bits.append(f"unit 592 owned by {rep['vehicle']['owning_location']}")
        if plan.get("incomplete"):
            bits.append({"date": "no accident date", "injured": "Driver Injured blank",
                         "desc": "no accident description", "covered": "Damage Covered blank"}[plan["incomplete"]])
        if len(rep["witnesses"]) == 2:
            bits.append("2 witnesses")
        if rep["renter_driving"] == "N":
            bits.append("other driver")
        if len(rep["third_parties"]) > 1:
            bits.append(f"{len(rep['third_parties'])} third parties")
        if rep["nature_of_breach"]:
            bits.append(f"breach: {rep['nature_of_breach'].lower()}")
        if plan.get("money"):
            bits.append(MONEY_LABEL[plan["money"]])
        if rep["follow_up_date"]:
            bits.append(f"follow-up {rep['follow_up_date']}")
        txn = rep["ra_number"] or rep["non_rev_number"] or "-"
        lines.append(f"| {rep['report_number']} | {txn} | {rep['unit_number']} | {f['report_status']} | "
                     f"{f['claim_status']} | {'; '.join(bits)} |")
    return "\n".join(lines)


def readme(data) -> str:
    rows, _ = coverage_table()
    emp_rows = "\n".join(
        f"| `{e['code']}` | `{e['password']}` | {e['name']} | {e['location']} | {e['access_claim']} | "
        f"{'yes' if e['restrict_editclos'] else 'no'} | {'yes' if e['administrator'] else 'no'} |"
        for e in data["employees.json"])
    ras = data["rental_agreements.json"]
    ra_status = {r["ra_number"]: r["status"] for r in ras}
    first_posted = next(r["report_number"] for r in data["damage_reports.json"]
                        if r["ra_number"] and ra_status[r["ra_number"]] == "P")
    by_status = {s: sum(1 for r in ras if r["status"] == s) for s in "OCP"}
    exch = sum(1 for r in ras if len(r["vehicles"]) > 1)
    counts = "\n".join(f"| `{name}` | {len(obj) if isinstance(obj, list) else 1} |" for name, obj in data.items())
    return f"""# Sample data

Reference and demo data for carsplus-tui, loaded by `carsplus sample load` (and on the first run of `carsplus`).
Every file here is **generated** by `tools/make_sample_data.py` (fixed seed, standard library only): change the
script and run it again rather than editing the JSON by hand.

    python tools/make_sample_data.py          # rewrite sample_data/ and print the status table
    python tools/make_sample_data.py --check  # fail if sample_data/ is not what the script writes

Conventions: text in upper case (a green screen), except passwords; dates `YYYY-MM-DD`, date-times
`YYYY-MM-DDTHH:MM:SS`; money as strings with two decimals (`"1500.00"`); absent values `null`, never missing
keys.  The data is a small US operation in Arizona and Southern California in 2008-2010 (the manual's example is
dated 2009); the rental data's "today" is 2010-01-29 (open RAs are open on that day).  Phone numbers use the
fictional 555-01xx range; people, plates and VINs are invented (VIN check digits are valid).

## Files

| file | records |
| --- | --- |
{counts}

- `control.json` - the Damage Control record (one object): Ausie Rules off, witness/3rd party/other driver
  customer types `WIT`/`3RD`/`DRV`, charges and refunds allowed on closed RAs, Damage Covered default `Y`, damage
  option code `DMG` (a charge with this code on an RA is a damage charge; their total is "Excess Charged RA").
- `class_daily_rates.json` - the control record's daily rate per vehicle class (`carsplus control set
  daily_rate.MIDSIZE 36.99`): the loss-of-use rate (LOU on page 2) when an RA holds no daily rate of its own.
- `locations.json` - 7 locations: TUS (Tucson Airport), TUD (Tucson Downtown), PHX, TMP (Tempe), SNA, LAX, SAN.
- `employees.json` - sign-on codes with demo passwords (plaintext here; the loader hashes them), page-2 access
  (`access_claim`), `restrict_editclos` (no creating/editing damage on closed-and-posted RAs) and `administrator`
  (may change the control record, the code tables and the User Access File; DEMO and CLERK are).
- `damage_types.json` - one-character damage types (D DENT, S SCRATCH, B BROKEN, M MISSING, C CRACK, T TORN,
  H HAIL, G GOUGE, P CHIP).
- `service_codes.json` - Vehicle History Service Codes.  D1-DS are body areas shown on damage entry; some are
  limited to model codes (`model_codes` empty = every model): DK SLIDING DOOR (minivans CARAV, TWNCTY, SIENNA,
  ODYSSY), DL TRUCK BED (pickups F150, SILVRD, RAM15), DM CONVERTIBLE TOP (MUSTCV, SEBCV), DN ROOF RACK (SUVs and
  minivans), DP RUNNING BOARD.  OIL, ROT, PM, TIRE, ALIGN, DET, SMOG are maintenance codes with
  `show_on_damage_entry: false`.
- `claim_categories.json` - accident (claim) categories: 1 RENTER PAYING DIRECT ... 6 WRITE OFF, LIT, SUB.
- `customers.json` - renters (type `RNT`), numbers from 1000.  1000 is LAMPERT, 12 SHADYWOOD, ANY SC 29077.
  Witnesses, other drivers and 3rd parties are not here: the loader creates them from the reports.
- `vehicles.json` - the fleet, 2006-2010 models.  `id` is stable and is what RAs and non-rev tickets refer to.
  Unit numbers are not unique: unit `592` exists twice (a FORD TAURUS owned by TUS and a CHEVROLET MALIBU owned by
  PHX).  Licences are unique.  Unit `001888` is the manual's DODGE CARAVAN 2007, reg 102088, owned by TUS.
  `vehicle_class` (ECONOMY, COMPACT, MIDSIZE, FULLSIZE, SUV, MINIVAN, PICKUP, CONVERTIBLE) is the fleet a
  loss-of-use charge's utilization log counts; each RA's `daily_rate` is the class rate its TIME AND MILEAGE was
  charged at (the vehicle it closed with).
- `rental_agreements.json` - {len(ras)} RAs: {by_status['O']} open (`O`), {by_status['C']} closed (`C`),
  {by_status['P']} posted (`P`); {exch} carried two vehicles (an exchange; `vehicles` is in the order carried).
  `A0001310` is the manual's RA (LAMPERT, unit 001888, TUS 2009-04-15 to 2009-07-21, excess 1500.00, a 150.00
  DMG charge so "Chg on RA" is Y).  `T3001212` is open at TUD with unit 592 (TUS) exchanged for another car: typing
  592 on a report for it takes the TUS car the RA carried, while 592 on a report with no RA brings up the two-owner
  Vehicle File Search as in the manual.  Each damage report's
  Excess Charged is on its RA as a `DMG` charge (optional on an open RA, unposted additional on a closed or
  posted one).  Amount Charged / Amount Refunded of page 2 are *not* on the RAs.
- `non_rev_tickets.json` - non-revenue vehicle movements (`O` out, `C` back in).
- `damage_reports.json` - damage reports in the JSON form of DESIGN.md section 8, numbered 1..N in the order they
  were saved, `version` 1, the computed page-2 fields null (the loader recomputes them), plus `created_by`,
  `created_at` and `work_order` (`null` or number from 5000, status OPEN / IN REPAIR / CLOSED, dates and cost
  lines; "Our Repair Costs" is the sum of the cost lines).  Customer numbers of witnesses, other drivers and 3rd
  parties are null: the loader creates those customers and fills them in.  Report 1 is the manual's completed
  page-1 example.  Follow-up dates: some long past, some in November-December 2026.

## Demo sign-ons

The password of every employee is the employee code in lower case.

| code | password | name | location | page 2 (access_claim) | restrict EDITCLOS | administrator |
| --- | --- | --- | --- | --- | --- | --- |
{emp_rows}

`DEMO` and `CLERK` can do everything; `AGENT` is a counter agent who cannot see page 2 and may not touch damage on
posted RAs (for example report {first_posted}, on a posted RA).  Every combination of access (edit / view / none) and
restriction (yes / no) is present.  Reports on posted RAs were created and worked by employees without the
restriction (the loader saves page 1 as `created_by` and page 2 as `claim_employee`).

## Status coverage

Report status (U, I, C) by claim status (0-7) of the {len(REPORTS)} reports, computed by the script with the
rules of DESIGN.md section 4 (and what the loader should compute):

{table_text(rows)}

How the money settles them: 5 = the renter owes (damage not covered, repairs above the excess charged at close,
some partly charged, some with 3rd-party costs); 6 = a refund is due (repairs below the excess charged, or a 3rd
party's insurer paid the repairs); 7 = settled (covered and repairs at least the excess, balance charged, refund
issued, a small balance written off as goodwill, LDW with no excess, non-rev company cars).

{report_list_text()}
"""


def main(argv: list[str]) -> int:
    data = files()
    check(data)
    contents = {name: json.dumps(obj, indent=2, ensure_ascii=False) + "\n" for name, obj in data.items()}
    contents["README.md"] = readme(data)
    if "--check" in argv:
        stale = [n for n, text in contents.items()
                 if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text]
        if stale:
            print("sample_data is out of date:", ", ".join(stale))
            return 1
        print("sample_data is up to date")
        return 0
    OUT.mkdir(exist_ok=True)
    for name, text in contents.items():
        (OUT / name).write_text(text, encoding="utf-8")
    for name, obj in data.items():
        print(f"{name:28} {len(obj) if isinstance(obj, list) else 1:5}")
    rows, _ = coverage_table()
    print()
    print(table_text(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
