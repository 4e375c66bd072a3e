"""Fuzzing `carsplus report import` (issue 10 item 5): reports from the sample data, mutated field by field (wrong
types, values past every limit, unicode, control characters, nested junk, unknown keys, stale versions, other
employees), go through ``services.reports.import_report_json`` on the test database (SQLite, and PostgreSQL when
``CARSPLUS_TEST_DATABASE_URL`` is set).

For every payload: either ``ReportValidationError`` and the database exactly as it was, or a saved report whose
every field reads back as imported.  Random text goes through the real command (in-process for volume, a handful as
a subprocess): exit code 1, one ``carsplus:`` line per problem, never a traceback.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import FIELDS, FieldSpec, pattern_of
from carsplus_tui.domain.defaults import new_report_defaults
from carsplus_tui.domain.schemas import DamageReportData, load_report
from carsplus_tui.services import entry
from carsplus_tui.services.reports import SaveResult, import_report_json, report_json
from tests.fuzz.junk import Junk

# Shares of the 100,000 (see test_fuzz_budget.py). Refusals by the form cost well under a millisecond;
# an import that reaches the database costs a transaction (tens of ms), so those are fewer.
POISONED_IMPORTS = 20_000
MUTATED_IMPORTS = 300
DATABASE_REFUSALS = 150
HYPOTHESIS_IMPORTS = 150
# Each text is a whole `carsplus report import` (sign-on included, ~0.1 s): a soak sets more.
CLI_TEXTS = int(os.environ.get("CARSPLUS_FUZZ_CLI_TEXTS", "400"))

# Sign-on codes of the sample data: page-2 edit, view only, no access, restricted on posted RAs, and one not on file.
EMPLOYEES = ("DEMO", "DEMO", "DEMO", "DEMO", "CLERK", "MGARCI", "AGENT", "JSMITH", "NOBODY")


# --- the database before and after ---------------------------------------------------------------------------------


class Ledger:
    """What an import may change, read in one statement: the rows of every table, the reports' versions (an update
    always bumps one) and the RA charges' total."""

    def __init__(self, db: Database) -> None:
        self.db = db
        tables = m.Base.metadata.sorted_tables
        assert len(tables) > 20
        counts = ", ".join(f"(SELECT count(*) FROM {t.name})" for t in tables)
        self.sql = text(f"SELECT {counts}, (SELECT coalesce(sum(version), 0) FROM damage_reports), "
                        "(SELECT coalesce(sum(amount), 0) FROM ra_charges)")
        self.expected = self.state()  # what the database must hold now: moved on only by a successful import

    def state(self) -> tuple:
        with self.db.engine.connect() as conn:
            return tuple(conn.execute(self.sql).one())

    def digest(self) -> str:
        """Every row of every table, hashed: for runs where nothing at all may change."""
        h = hashlib.sha256()
        with self.db.engine.connect() as conn:
            for table in m.Base.metadata.sorted_tables:
                for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                    h.update(repr(tuple(row)).encode())
        return h.hexdigest()


# --- payloads ------------------------------------------------------------------------------------------------------


def sample_reports(db: Database) -> list[dict[str, Any]]:
    with db.read() as session:
        numbers = session.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)).all()
    assert len(numbers) >= 50
    return [report_json(db, n) for n in numbers]


def as_new(report: dict[str, Any]) -> dict[str, Any]:
    """A saved report as a new one: no number, no version, and no follow-up (a new one must be in the future)."""
    return {**copy.deepcopy(report), "report_number": None, "version": None, "follow_up_date": None,
            "notes": [], "external_claim": None, "external_closed": None, "external_type": None,
            "report_checked": None, "amount_charged": None, "amount_refunded": None}


INPUT_SPECS = [spec for spec in FIELDS.values() if "." not in spec.name or spec.input]


def path_in(payload: dict[str, Any], spec: FieldSpec, junk: Junk) -> str:
    """A concrete path for ``spec``, at an existing list position when there is one."""
    parts, out, node = spec.name.split("."), [], payload
    for part in parts:
        if part == "*":
            size = len(node) if isinstance(node, list) else 0
            owner = FIELDS.get(".".join(parts[: len(out)]))
            limit = owner.max_items if owner is not None and owner.max_items else size + 1
            index = junk.rng.randrange(min(size + 1, limit))
            out.append(str(index))
            node = node[index] if isinstance(node, list) and index < size else None
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(out)


def put(payload: Any, path: str, value: Any) -> Any:
    """Set ``path`` in the payload, making the containers on the way (or overwriting what is in the way)."""
    parts = path.split(".")
    if not isinstance(payload, dict):
        payload = {}
    node: Any = payload
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        kind = None if last else (list if parts[i + 1].isdigit() else dict)
        nxt: Any = value if last else kind()
        if isinstance(node, list):
            index = int(part)
            while len(node) < index:
                owner = FIELDS.get(pattern_of(".".join(parts[:i])))
                node.append("" if owner is not None and owner.kind == "lines" else {})
            if index == len(node):
                node.append(nxt)
            elif last or not isinstance(node[index], kind):
                node[index] = nxt
            node = node[index]
        else:
            if last or not isinstance(node.get(part), kind):
                node[part] = nxt
            node = node[part]
    return payload


def leaves(node: Any, prefix: str = ""):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, f"{prefix}.{index}" if prefix else str(index))


def objects(node: Any, prefix: str = ""):
    """(path, object) for the payload and every object inside it."""
    if isinstance(node, dict):
        yield prefix, node
        for key, value in node.items():
            yield from objects(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from objects(value, f"{prefix}.{index}" if prefix else str(index))


FRIENDLY = (0, 1, 2, 3, 8, 11, 14)  # mutations that often leave a report the form takes (they reach the database)
HOSTILE = (4, 5, 6, 7, 9, 10, 12, 13)


def mutate(payload: Any, junk: Junk, op: int) -> Any:
    rng = junk.rng
    if op in (7, 8, 12) and len(payload) == 0:
        op = 13
    if op <= 3:  # a registry field gets a value of its kind (often valid: these reach the database)
        spec = rng.choice(INPUT_SPECS)
        return put(payload, path_in(payload, spec, junk), junk.valid_for(spec))
    if op <= 6:  # a registry field gets junk
        spec = rng.choice(INPUT_SPECS)
        return put(payload, path_in(payload, spec, junk), junk.value())
    if op == 7:  # any key already there gets junk
        path = rng.choice([p for p in leaves(payload) if p])
        return put(payload, path, junk.value())
    if op == 8:  # a key goes missing (every key is optional in the JSON form, so this is often valid)
        path = rng.choice([p for p in leaves(payload) if p])
        parent_path, _, key = path.rpartition(".")
        parent = payload
        for part in filter(None, parent_path.split(".")):
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        if isinstance(parent, dict):
            parent.pop(key, None)
        elif isinstance(parent, list) and parent:
            parent.pop(int(key))
        return payload
    if op == 9:  # a key that is not a field, in any object
        path = rng.choice([p for p, node in objects(payload)])
        return put(payload, f"{path}.{rng.choice(('zz', 'Ra_Number', 'report_number ', '', '__init__'))}".lstrip("."),
                   junk.value())
    if op == 10:  # a list past its limit
        spec = rng.choice([s for s in FIELDS.values() if s.max_items])
        item: Any = "X" if spec.kind == "lines" else {}
        return put(payload, path_in(payload, spec, junk), [item] * (spec.max_items + rng.randrange(1, 4)))
    if op == 11:  # the identity: numbers and versions that are stale, missing, foreign or absurd
        key = rng.choice(("report_number", "version"))
        current = payload.get(key) if isinstance(payload.get(key), int) else 1
        payload[key] = rng.choice((current - 1, current + 1, None, 0, -1, 99_999, 2**31, "7", 7.0, True))
        return payload
    if op == 12:  # a huge text anywhere
        path = rng.choice([p for p in leaves(payload) if p])
        return put(payload, path, rng.choice(("X", "ß", "\u0000", "\U0001f697")) * rng.choice((61, 1001, 100_000)))
    if op == 14:  # a new note, as page 2's NOTES window adds one (lines joined by line breaks)
        lines = [junk.printable(rng.randrange(1, 30)) for _ in range(rng.randrange(1, 3))]
        note = {"at": f"2010-0{rng.randrange(1, 10)}-{rng.randrange(10, 29)}T{rng.randrange(10, 24)}:00:00",
                "employee": rng.choice(("DEMO", "CLERK", "NOBODY")), "text": "\n".join(lines)}
        notes = payload.get("notes") if isinstance(payload.get("notes"), list) else []
        payload["notes"] = [*notes, note]
        return payload
    return junk.value()  # the whole payload is junk: a list, a number, text, null


def payload_from(seeds: list[dict[str, Any]], junk: Junk, friendly: float = 0.04) -> Any:
    """A sample report with one to three changes: hostile ones mostly (refused by the form, cheap), friendly ones
    with probability ``friendly`` (they reach the database and either save or meet a rule that needs it)."""
    rng = junk.rng
    seed = rng.choice(seeds)
    payload: Any = as_new(seed) if rng.random() < 0.6 else copy.deepcopy(seed)
    ops = FRIENDLY if rng.random() < friendly else HOSTILE
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        payload = mutate(payload, junk, rng.choice(ops)) if isinstance(payload, dict) else junk.value()
    return payload


# --- a saved report holds what was imported ------------------------------------------------------------------------


def is_blank(item: Any) -> bool:
    return isinstance(item, dict) and all(v in (None, [], "") for k, v in item.items() if k != "customer_number")


def entered(node: Any, pattern: str = "") -> Any:
    """The fields a clerk enters, as the save keeps them: display and computed fields and customer numbers (the save
    assigns them) left out, blank witnesses and parties dropped, trailing blank damage lines dropped."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            path = f"{pattern}.{key}" if pattern else key
            spec = FIELDS.get(path)
            if key == "customer_number" or (not pattern and key in ("notes", "unit_number")):
                continue
            if spec is not None and not spec.input:
                continue
            # A blank Other Driver window is not entered (the save keeps no row for it).
            out[key] = None if path == "other_driver" and is_blank(value) else entered(value, path)
        return out
    if isinstance(node, list):
        items = [entered(v, f"{pattern}.*") for v in node]
        if pattern in ("witnesses", "third_parties"):
            items = [i for i in items if not is_blank(i)]
        if pattern == "damage_lines":
            while items and is_blank(items[-1]):
                items.pop()
        return items
    return node


def with_defaults(db: Database, data: DamageReportData, saved: dict[str, Any]) -> DamageReportData:
    """A new report as imported: what the file left out takes the blank screen's and the RA's defaults (DESIGN.md
    §4), the RA's facts as the save read them (its stored display fields), the accident time the save's own."""
    if data.report_number is not None:
        return data
    return new_report_defaults(
        data, entry.control(db), given=data.model_fields_set, has_ra=bool(data.ra_number),
        coverage_sold=saved["coverage_sold"], ra_excess=Decimal(saved["excess"]) if saved["excess"] else None,
        now=datetime.fromisoformat(saved["last_modified_at"]))


def check_saved(db: Database, result: SaveResult, payload: dict[str, Any]) -> dict[str, Any]:
    saved = report_json(db, result.report_number)
    imported = with_defaults(db, load_report(payload), saved).model_dump(mode="json")
    assert saved["version"] == result.version
    if imported["external_claim"] is None:
        # DESIGN.md §4: External Claim is never stored blank (the stored value is kept, or the default stored).
        assert saved["external_claim"] in ("Y", "N")
        imported["external_claim"] = saved["external_claim"]
    assert entered(saved) == entered(imported), json.dumps(payload, default=str)[:3000]
    if imported["unit_number"]:
        assert saved["unit_number"] == imported["unit_number"]
    # Every imported note is kept: as written when it was on file already, else signed by the importer and dated at
    # the save, whatever the file said (issue 18). The save's audit lines come along too.
    pool = list(saved["notes"])
    for note in imported["notes"]:
        match = next((n for n in pool if n == note), None) or next(
            (n for n in pool if n["text"] == note["text"] and n["employee"] == saved["last_modified_by"]
             and n["at"] == saved["last_modified_at"]), None)
        assert match is not None, (note, imported["notes"], saved["notes"])
        pool.remove(match)
    if imported["other_driver"] and not is_blank(imported["other_driver"]):
        assert saved["other_driver"]["customer_number"] is not None
    return saved


class Outcome:
    """Counts of what the fuzz reached, so a test can show it reached both branches."""

    def __init__(self) -> None:
        self.saved = self.refused_by_form = self.refused_by_database = 0


def import_one(db: Database, ledger: Ledger, payload: Any, employee: str, outcome: Outcome) -> SaveResult | None:
    try:
        load_report(payload)
        reaches_database = True
    except ReportValidationError:
        reaches_database = False
    if reaches_database:  # also catches a write by any import the form refused since the last check
        assert ledger.state() == ledger.expected, "a refused import wrote"
    try:
        result = import_report_json(db, payload, employee_code=employee)
    except ReportValidationError as exc:
        assert exc.errors and all(str(e) for e in exc.errors)
        if reaches_database:
            assert ledger.state() == ledger.expected, f"a refused import wrote: {json.dumps(payload, default=str)[:3000]}"
            outcome.refused_by_database += 1
        else:
            outcome.refused_by_form += 1
        return None
    except Exception as exc:  # noqa: BLE001 - the point of the test: say which payload did it
        pytest.fail(f"{type(exc).__name__}: {exc}\nemployee {employee}, payload {json.dumps(payload, default=str)[:3000]}")
    assert reaches_database
    ledger.expected = ledger.state()
    outcome.saved += 1
    return result


# --- the tests -----------------------------------------------------------------------------------------------------


POISONABLE = [spec for spec in FIELDS.values() if spec.input or spec.page == 1]  # computed fields take anything


def poisoned(seeds: list[dict[str, Any]], junk: Junk) -> tuple[Any, str]:
    """A sample report with random changes and, last, one value its field must refuse; returns it and that path."""
    payload = payload_from(seeds, junk, friendly=0.5)
    if not isinstance(payload, dict):
        payload = as_new(junk.rng.choice(seeds))
    spec = junk.rng.choice(POISONABLE)
    path = path_in(payload, spec, junk)
    return put(payload, path, junk.invalid_for(spec)), path


def test_imports_with_a_bad_value_raise_only_the_validation_error_naming_it_and_write_nothing(
    sample_db: Database, record_property
) -> None:
    """The volume: every payload carries one value its field refuses (from the registry), among other changes."""
    ledger = Ledger(sample_db)
    before = ledger.state()
    seeds = sample_reports(sample_db)
    junk = Junk(seed=10_005)
    for _ in range(POISONED_IMPORTS):
        payload, path = poisoned(seeds, junk)
        try:
            import_report_json(sample_db, payload, employee_code=junk.rng.choice(EMPLOYEES))
        except ReportValidationError as exc:
            # The error names the bad field, a part of it, or the object or list holding it (a list past its limit
            # is refused as a whole).
            assert any(e.field == path or e.field.startswith(path + ".") or path.startswith(e.field + ".")
                       for e in exc.errors), (path, [str(e) for e in exc.errors])
        except Exception as exc:  # noqa: BLE001 - the point of the test: say which payload did it
            pytest.fail(f"{type(exc).__name__}: {exc}\npayload {json.dumps(payload, default=str)[:3000]}")
        else:
            pytest.fail(f"saved with {path} = {read_path(payload, path)!r}")
    assert ledger.state() == before
    record_property("fuzzed_values", POISONED_IMPORTS)
    print(f"\nfuzz: {POISONED_IMPORTS} report imports with a bad value: all refused, nothing written")


def read_path(payload: Any, path: str) -> Any:
    for part in path.split("."):
        payload = payload[int(part)] if isinstance(payload, list) else payload[part]
    return payload


def test_imports_of_mutated_reports_save_completely_or_raise_the_validation_error_and_write_nothing(
    sample_db: Database, record_property
) -> None:
    """Mutations that often leave a valid report: each import saves the report as imported or changes nothing."""
    ledger = Ledger(sample_db)
    seeds = sample_reports(sample_db)
    junk = Junk(seed=20_010)
    outcome = Outcome()
    for _ in range(MUTATED_IMPORTS):
        payload = payload_from(seeds, junk, friendly=0.7)
        result = import_one(sample_db, ledger, payload, junk.rng.choice(EMPLOYEES), outcome)
        if result is not None:
            saved = check_saved(sample_db, result, payload)
            if payload.get("report_number") is not None:  # later updates of this report start from its new version
                seeds[[s["report_number"] for s in seeds].index(result.report_number)] = saved
    assert ledger.state() == ledger.expected
    record_property("fuzzed_values", MUTATED_IMPORTS)
    print(f"\nfuzz: {MUTATED_IMPORTS} mutated report imports: {outcome.saved} saved, {outcome.refused_by_database} "
          f"refused after reading the database, {outcome.refused_by_form} refused by the form")
    # Every branch reached, and often.
    assert min(outcome.saved, outcome.refused_by_database, outcome.refused_by_form) >= MUTATED_IMPORTS // 10


def test_refused_imports_leave_every_row_of_every_table_as_it_was(sample_db: Database, record_property) -> None:
    """Imports refused only by what the database holds (an RA not on file, a stale version, ...), checked against a
    hash of every row of every table."""
    ledger = Ledger(sample_db)
    seeds = sample_reports(sample_db)
    junk = Junk(seed=5_010)
    before = ledger.digest()
    outcome = Outcome()
    poisons = (("ra_number", "NOTONFILE"), ("unit_number", "NOSUCHUNIT"), ("claim_employee", "NOBODY"),
               ("accident_category", "ZZZ"), ("damage_lines", [{"code": "ZZ"}]), ("version", 0),
               ("third_parties", [{"last_name": "X", "customer_number": "²"}]), ("report_number", 99_999))
    for _ in range(DATABASE_REFUSALS):
        payload = payload_from(seeds, junk, friendly=1.0)
        if not isinstance(payload, dict):
            payload = as_new(junk.rng.choice(seeds))
        key, poison = junk.rng.choice(poisons)
        payload[key] = copy.deepcopy(poison)
        if key == "version":
            payload["report_number"] = payload.get("report_number") or 1
        assert import_one(sample_db, ledger, payload, junk.rng.choice(EMPLOYEES), outcome) is None
    assert ledger.digest() == before
    assert outcome.refused_by_database >= DATABASE_REFUSALS // 2
    record_property("fuzzed_values", DATABASE_REFUSALS)


IDENTIFIERS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
FIELD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), IDENTIFIERS, st.text(max_size=80),
    st.lists(st.one_of(st.none(), st.text(max_size=70), st.integers()), max_size=10),
    st.dictionaries(IDENTIFIERS, st.one_of(st.none(), st.text(max_size=40)), max_size=4),
)


def test_hypothesis_shrinks_a_failing_import_to_its_smallest_change(sample_db: Database, record_property) -> None:
    """The same oracle with hypothesis choosing the fields and values, so a failure comes back minimal."""
    ledger = Ledger(sample_db)
    seeds = sample_reports(sample_db)
    outcome = Outcome()

    @settings(max_examples=HYPOTHESIS_IMPORTS, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def one_import(data: st.DataObject) -> None:
        seed = seeds[data.draw(st.integers(0, len(seeds) - 1), label="seed")]
        payload = as_new(seed) if data.draw(st.booleans(), label="new") else copy.deepcopy(seed)
        for _ in range(data.draw(st.integers(1, 3), label="changes")):
            spec = data.draw(st.sampled_from(INPUT_SPECS), label="field")
            path = spec.name.replace("*", str(data.draw(st.integers(0, 2))))
            payload = put(payload, path, data.draw(FIELD_VALUES, label=path))
        result = import_one(sample_db, ledger, payload, "DEMO", outcome)
        if result is not None:
            saved = check_saved(sample_db, result, payload)
            if payload.get("report_number") is not None:
                seeds[[s["report_number"] for s in seeds].index(result.report_number)] = saved

    one_import()
    assert ledger.state() == ledger.expected
    assert outcome.saved and outcome.refused_by_form
    record_property("fuzzed_values", HYPOTHESIS_IMPORTS)


# --- the command ----------------------------------------------------------------------------------------------------


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def assert_refused(exit_code: int, output: str) -> None:
    assert exit_code == 1, output
    assert "Traceback" not in output, output
    lines = output.strip().splitlines()
    assert lines and all(line.startswith("carsplus: ") for line in lines), output


def test_random_text_through_carsplus_report_import(sample_db: Database, monkeypatch, record_property) -> None:
    """Text that is not JSON, JSON that is not a report, reports with junk: one reason per line, exit code 1."""
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url_of(sample_db))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "demo")  # DEMO's sample password: the import signs on as DEMO
    ledger = Ledger(sample_db)
    before = ledger.state()
    seeds = sample_reports(sample_db)[:10]
    junk = Junk(seed=2_010)
    runner = CliRunner()
    for n in range(CLI_TEXTS):
        # Mostly text that is not JSON (refused before the database is opened); one in ten opens it.
        pick = (0, 0, 0, 0, 0, 1, 1, 1, 1, 2 + n // 10 % 2)[n % 10]
        if pick == 0:  # a report's JSON cut short (a file half written), sometimes with junk at the cut
            body = json.dumps(as_new(junk.rng.choice(seeds)))
            cut = junk.rng.randrange(len(body) - 1)
            body = body[:cut] + junk.rng.choice(("", "}", "]", ",", "\x00", "NaN", "'", "\\", "ß"))
        elif pick == 1:  # any text at all
            body = junk.unicode_text(junk.rng.randrange(0, 60)).encode("utf-8", "replace").decode("utf-8", "replace")
        elif pick == 2:  # JSON that is not a report
            body = json.dumps(junk.value())
        else:  # a report with a poisoned field, always refused
            payload = as_new(junk.rng.choice(seeds))
            payload["ra_number"] = junk.rng.choice(("\x07", "X" * 11, "NOT-ON-FILE", 5, ["A"]))
            body = json.dumps(payload)
        result = runner.invoke(main, ["report", "import", "-", "--employee", "DEMO"], input=body)
        if result.exit_code == 0:  # random text can be a valid report only by a miracle; if so it must be saved
            assert "saved" in result.output
            before = ledger.state()
            continue
        assert_refused(result.exit_code, result.output)
    assert ledger.state() == before
    record_property("fuzzed_values", CLI_TEXTS)


CARSPLUS = str(Path(sys.executable).with_name("carsplus"))  # the installed console script, as IT runs it
CLI_CASES = {
    "not JSON": "{'ra_number': 'A0001310'}",
    "nested too deeply": "[" * 100_000 + "]" * 100_000,
    "a number past Python's digit limit": '{"report_number": ' + "9" * 5000 + "}",
    "a list, not a report": "[1, 2, 3]",
    "a control character": json.dumps({"ra_number": "A0001310\u0007"}),
    "a report number not on file": json.dumps({"report_number": 99_999, "version": 1}),
    "a 100,000-character amount": json.dumps({"excess_charged": "9" * 100_000}),
    "a key with a line break": '{"ra_number\\n": "A0001310"}',
}
# A handful through the installed command in a subprocess (each costs a Python start): the others run in-process.
SUBPROCESS_CASES = ("not JSON", "nested too deeply", "a key with a line break", "a stale version")
SUBPROCESS_RUNS = len(SUBPROCESS_CASES) + 1


def test_carsplus_report_import_refuses_each_bad_file_in_one_line(
    sample_db: Database, tmp_path: Path, monkeypatch, record_property
) -> None:
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url_of(sample_db))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "demo")  # DEMO's sample password: the import signs on as DEMO
    ledger = Ledger(sample_db)
    before = ledger.state()
    for name, body in CLI_CASES.items():
        path = tmp_path / "report.json"
        path.write_text(body, encoding="utf-8")
        result = CliRunner().invoke(main, ["report", "import", str(path), "--employee", "DEMO"])
        assert_refused(result.exit_code, result.output)
        assert len(result.output) < 500, (name, result.output)
    assert ledger.state() == before
    record_property("fuzzed_values", len(CLI_CASES))


@pytest.mark.slow
def test_the_real_command_refuses_bad_files_in_one_line(sample_db: Database, tmp_path: Path, record_property) -> None:
    """A handful through the installed `carsplus` in a subprocess: what IT sees in a shell script."""
    stale = report_json(sample_db, 1)
    stale["version"] -= 1
    cases = {**CLI_CASES, "a stale version": json.dumps(stale)}
    ledger = Ledger(sample_db)
    before = ledger.digest()
    env = {**os.environ, "CARSPLUS_DATABASE_URL": url_of(sample_db), "CARSPLUS_PASSWORD": "demo"}
    for name in SUBPROCESS_CASES:
        path = tmp_path / "report.json"
        path.write_text(cases[name], encoding="utf-8")
        done = subprocess.run(
            [CARSPLUS, "report", "import", str(path), "--employee", "DEMO"],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )
        assert_refused(done.returncode, done.stdout + done.stderr)
        assert len(done.stderr) < 500, (name, done.stderr)
    assert ledger.digest() == before
    record_property("fuzzed_values", SUBPROCESS_RUNS)
    # And a good file is saved: the command is not refusing everything.
    good = tmp_path / "good.json"
    good.write_text(json.dumps(as_new(report_json(sample_db, 2))), encoding="utf-8")
    done = subprocess.run(
        [CARSPLUS, "report", "import", str(good), "--employee", "DEMO"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0 and "saved" in done.stdout, done.stderr
    with sample_db.read() as session:
        newest = session.scalar(select(func.max(m.DamageReport.report_number)))
    assert f"damage report {newest} saved" in done.stdout


# Text fields whose value must be on file (or is gated by the claim status), so a full-width made-up value is refused
# for that reason; customer numbers are assigned by the save; notes are pinned in test_fuzz_regressions.
NOT_FREE_TEXT = {"ra_number", "non_rev_number", "unit_number", "accident_category", "claim_location", "claim_employee",
                 "external_type", "damage_lines.*.code", "damage_lines.*.type", "notes.*.text", "notes.*.employee",
                 # checked as a state's 2 letters and a ZIP / postal code, not free text
                 "witnesses.*.state", "witnesses.*.zip", "other_driver.dl_state", "third_parties.*.state",
                 "third_parties.*.zip", "third_parties.*.dl_state"}


def test_every_free_text_field_saves_whole_at_its_full_width(sample_db: Database) -> None:
    """The registry's widths against the database's columns: every free-text field filled to its last character
    with a letter that is two bytes in UTF-8, in both witnesses and two parties, saves and reads back whole."""
    payload = as_new(report_json(sample_db, 2))
    payload.update(renter_driving="N", third_party_involved="Y", admits_fault="Y")
    payload["accident_details"]["witnesses"] = "Y"
    filled = set()
    for spec in FIELDS.values():
        if not spec.input or spec.kind not in ("text", "lines") or spec.name in NOT_FREE_TEXT \
                or spec.name.endswith("customer_number") or spec.name.endswith(".*") and spec.kind == "text":
            continue
        for index in (0, 1):
            value: Any = (["Ñ" * 60] * (spec.max_items or 0)) if spec.kind == "lines" else "Ñ" * (spec.length or 0)
            put(payload, spec.name.replace("*", str(index)), value)
        filled.add(spec.name)
    payload["damage_lines"][0]["code"] = payload["damage_lines"][0]["code"] or "D1"
    payload["witnesses"] = payload["witnesses"][:2]
    payload["third_parties"] = payload["third_parties"][:2]
    free_text = {s.name for s in FIELDS.values() if s.input and s.kind == "text" and "*" not in s.name.rpartition(".")[2]}
    assert free_text - NOT_FREE_TEXT - {n for n in free_text if n.endswith("customer_number")} <= filled
    result = import_report_json(sample_db, payload, employee_code="DEMO")
    saved = check_saved(sample_db, result, payload)
    assert saved["third_parties"][1]["notes"] == ["Ñ" * 60] * 5
