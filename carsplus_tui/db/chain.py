"""The one place notes and audit entries are chained (domain/chain.py says what the chain is).

The services add notes and audit entries through db/notes.py, which hands each row to `pend`: the rows wait in the
Session until its next flush ends (or the transaction commits, or something reads them back through `write_pending`),
then are chained in the order added — each given `prev_hash` and `row_hash`, its chain's head moved — and inserted
with one Core statement per table (no ORM objects: a save writes them without the unit of work's cost). An ORM insert
of a `Note` or an `AuditEntry` still works: the Session `before_flush` hook below chains it. Either way the head row
is locked (an upsert on PostgreSQL; SQLite writes one transaction at a time), so two terminals appending to one
report's chain queue instead of forking it. Bulk Core inserts (the synthetic-data generator) call `chain_rows` first.
An insert that bypasses all three fails: the hash columns are NOT NULL.

`verify_reports` reads chains back and hands them to the domain's verification.
"""

from __future__ import annotations

from carsplus_tui.domain.dates import format_shown_datetime

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from sqlalchemy import Table, TextClause, bindparam, event, insert, inspect, select, text, update
from sqlalchemy.orm import Session

from carsplus_tui.db.models import AuditEntry, ChainHead, DamageReport, Note
from carsplus_tui.domain import chain as domain
from carsplus_tui.domain.chain import GENESIS, ChainEntry, ChainResult, chain_key, entry_hash

__all__ = ["all_report_numbers", "chain_rows", "chain_rows_bulk", "has_entries", "pend", "verify_reports",
           "write_pending"]

_BATCH = 500
# Core statements on the heads' table (an ORM-enabled UPDATE with a list of parameters would want primary keys);
# a declarative class's __table__ is typed as any FROM clause, this one is a Table.
_HEADS = cast(Table, ChainHead.__table__)


def _note_fields(values: Any) -> list:  # noqa: ANN401  (an ORM object or a row mapping)
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return domain.note_fields(get("report_number"), get("at"), get("employee_code"), get("text"))


def _audit_fields(values: Any) -> list:  # noqa: ANN401
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return domain.audit_fields(get("report_number"), get("at"), get("employee_code"), get("field"),
                               get("old_value"), get("new_value"))


_KINDS = {Note: (domain.NOTES, _note_fields), AuditEntry: (domain.AUDIT, _audit_fields)}


def _lock_heads(session: Session, chains: Sequence[str]) -> dict[str, tuple[int, str]]:
    """The heads of `chains` (count, last hash), locked until the transaction ends; created empty where missing.

    One statement per batch: an upsert that creates a missing head and touches an existing one, returning each
    head as it stands once locked (PostgreSQL takes the row locks in the order of `chains`, as SELECT … FOR
    UPDATE did; on SQLite the saving transaction holds the write lock already)."""
    heads: dict[str, tuple[int, str]] = {}
    for start in range(0, len(chains), _BATCH):
        part = chains[start:start + _BATCH]
        parameters = {f"c{i}": name for i, name in enumerate(part)}
        parameters["genesis"] = GENESIS
        for name, count, last in session.connection().execute(_upsert_heads(len(part)), parameters):
            heads[name] = (count, last)
    return heads


@functools.cache
def _upsert_heads(count: int) -> TextClause:
    """`_lock_heads`' upsert for `count` chains, built once per size (a save names one or two chains). As text: the
    dialects' ON CONFLICT construct with several rows has no cache key, so it was compiled again on every save.
    PostgreSQL and SQLite (3.35 and later) read it alike."""
    rows = ", ".join(f"(:c{i}, 0, :genesis)" for i in range(count))
    return text(f"INSERT INTO chain_heads (chain, row_count, last_hash) VALUES {rows} ON CONFLICT (chain) "
                "DO UPDATE SET chain = excluded.chain RETURNING chain, row_count, last_hash")


def _chain(session: Session, entries: Iterable[tuple[str, list, Any]]) -> None:
    """Chain `entries` (chain name, hashed fields, and a callback taking prev_hash and row_hash), in order."""
    groups: dict[str, list[tuple[list, Any]]] = {}
    for name, fields, assign in entries:
        groups.setdefault(name, []).append((fields, assign))
    if not groups:
        return
    names = sorted(groups)  # one locking order for everyone: no deadlock between two saves
    heads = _lock_heads(session, names)
    moved = []
    for name in names:
        count, last = heads[name]
        for fields, assign in groups[name]:
            row_hash = entry_hash(last, fields)
            assign(last, row_hash)
            last = row_hash
            count += 1
        moved.append({"b_chain": name, "b_count": count, "b_hash": last})
    session.connection().execute(_MOVE_HEADS, moved)


_MOVE_HEADS = (update(_HEADS).where(_HEADS.c.chain == bindparam("b_chain"))
               .values(row_count=bindparam("b_count"), last_hash=bindparam("b_hash")))


@event.listens_for(Session, "before_flush")
def _chain_new_entries(session: Session, _flush_context: Any, _instances: Any) -> None:  # noqa: ANN401
    new = [obj for obj in session.new if type(obj) in _KINDS]
    if not new:
        return
    new.sort(key=lambda obj: inspect(obj).insert_order)  # the order they were added is the order they are inserted

    def setter(obj: Any):  # noqa: ANN202, ANN401
        def assign(prev_hash: str, row_hash: str) -> None:
            obj.prev_hash = prev_hash
            obj.row_hash = row_hash
        return assign

    entries = []
    for obj in new:
        kind, fields = _KINDS[type(obj)]
        entries.append((chain_key(kind, obj.report_number), fields(obj), setter(obj)))
    with session.no_autoflush:
        _chain(session, entries)


# Rows added but not yet written, in the order added: (model, row), kept in the Session until written or rolled back.
_PENDING = "carsplus_pending_chain_rows"


def pend(session: Session, model: type[Note] | type[AuditEntry], row: dict) -> None:
    """Add a note or an audit entry to the saving transaction (written by `write_pending`, at the latest when the
    transaction commits)."""
    session.info.setdefault(_PENDING, []).append((model, row))


def write_pending(session: Session) -> None:
    """Chain and insert the rows `pend`ed so far (the ORM's own changes are flushed first: a new report's row comes
    before its notes). Reads of notes and audit entries call it, so a transaction sees what it added."""
    if not session.info.get(_PENDING):
        return
    session.flush()  # its after_flush hook writes them
    _write(session)


def _write(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    _chain(session, ((chain_key(_KINDS[model][0], row["report_number"]), _KINDS[model][1](row), _row_setter(row))
                     for model, row in pending))
    for model in (Note, AuditEntry):
        rows = [row for kind, row in pending if kind is model]
        if rows:
            session.connection().execute(_INSERTS[model], rows)


_INSERTS = {Note: insert(cast(Table, Note.__table__)), AuditEntry: insert(cast(Table, AuditEntry.__table__))}


@event.listens_for(Session, "after_flush")
def _write_after_flush(session: Session, _flush_context: Any) -> None:  # noqa: ANN401
    _write(session)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_unwritten(session: Session, transaction: Any) -> None:  # noqa: ANN401
    """Rows added in a transaction that rolled back go with it."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def chain_rows(session: Session, model: type[Note] | type[AuditEntry], rows: list[dict]) -> list[dict]:
    """For a bulk Core insert of `rows` (in the order given): fills in each row's hashes and moves the heads.
    Call it in the inserting transaction, right before the insert."""
    kind, fields = _KINDS[model]
    _chain(session, ((chain_key(kind, row.get("report_number")), fields(row), _row_setter(row)) for row in rows))
    return rows


def chain_rows_bulk(session: Session, model: type[Note] | type[AuditEntry], rows: list[dict]) -> list[dict]:
    """`chain_rows` for a bulk load on PostgreSQL (the generator's COPY): the heads the rows continue are read and
    locked by one statement (the chain names as one array), those that exist are moved by one executemany, and
    the heads of new chains are returned for the caller to insert with its rows — instead of an upsert per 500
    chains, which cost a third of a million-report load."""
    kind, fields = _KINDS[model]
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(chain_key(kind, row.get("report_number")), []).append(row)
    names = sorted(groups)  # the locking order of every save (no deadlock)
    heads = {
        name: (count, last)
        for name, count, last in session.execute(
            text("SELECT chain, row_count, last_hash FROM chain_heads WHERE chain = ANY(:names) "
                 "ORDER BY chain FOR UPDATE"),
            {"names": names},
        )
    }
    created, moved = [], []
    for name in names:
        count, last = heads.get(name, (0, GENESIS))
        for row in groups[name]:
            row["prev_hash"] = last
            row["row_hash"] = last = entry_hash(last, fields(row))
            count += 1
        if name in heads:
            moved.append({"b_chain": name, "b_count": count, "b_hash": last})
        else:
            created.append({"chain": name, "row_count": count, "last_hash": last})
    if moved:
        session.execute(
            update(_HEADS)
            .where(_HEADS.c.chain == bindparam("b_chain"))
            .values(row_count=bindparam("b_count"), last_hash=bindparam("b_hash")),
            moved,
        )
    return created


def _row_setter(row: dict):  # noqa: ANN202
    def assign(prev_hash: str, row_hash: str) -> None:
        row["prev_hash"] = prev_hash
        row["row_hash"] = row_hash
    return assign


# ----------------------------------------------------------------------------------------------------------------
# Verification
# ----------------------------------------------------------------------------------------------------------------


def _note_entry(note: Note) -> ChainEntry:
    return ChainEntry(id=note.id, label=f"NOTE #{note.id} ({format_shown_datetime(note.at)} {note.employee_code})",
                      fields=tuple(_note_fields(note)), prev_hash=note.prev_hash, row_hash=note.row_hash)


def _audit_entry(entry: AuditEntry) -> ChainEntry:
    return ChainEntry(id=entry.id, label=f"AUDIT ENTRY #{entry.id} ({format_shown_datetime(entry.at)} {entry.field})",
                      fields=tuple(_audit_fields(entry)), prev_hash=entry.prev_hash, row_hash=entry.row_hash)


def has_entries(session: Session, report_number: int) -> bool:
    """Notes, audit entries or a chain head of `report_number` (even if the report itself is gone)."""
    write_pending(session)
    names = [chain_key(kind, report_number) for kind in (domain.NOTES, domain.AUDIT)]
    return any(
        session.scalar(query.limit(1)) is not None
        for query in (
            select(Note.id).where(Note.report_number == report_number),
            select(AuditEntry.id).where(AuditEntry.report_number == report_number),
            select(ChainHead.chain).where(ChainHead.chain.in_(names)),
        )
    )


def all_report_numbers(session: Session) -> list[int]:
    """Every report that has, or had, notes or audit entries (its chains' heads), and every report on file."""
    numbers = set(session.scalars(select(DamageReport.report_number)))
    numbers.update(session.scalars(select(Note.report_number).distinct()))
    numbers.update(session.scalars(select(AuditEntry.report_number).distinct()))
    for name in session.scalars(select(ChainHead.chain)):
        tail = name.partition(":")[2]
        if tail.isdigit():
            numbers.add(int(tail))
    return sorted(numbers)


def verify_reports(session: Session, report_numbers: Sequence[int]) -> Iterator[tuple[int, list[ChainResult]]]:
    """Each report's two chains (notes, then the audit trail) verified, a batch of reports at a time."""
    write_pending(session)
    for start in range(0, len(report_numbers), _BATCH):
        part = list(report_numbers[start:start + _BATCH])
        notes: dict[int, list[ChainEntry]] = {}
        audit: dict[int, list[ChainEntry]] = {}
        for note in session.scalars(select(Note).where(Note.report_number.in_(part)).order_by(Note.id)):
            notes.setdefault(note.report_number, []).append(_note_entry(note))
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.report_number.in_(part)).order_by(AuditEntry.id)
        ):
            audit.setdefault(entry.report_number, []).append(_audit_entry(entry))
        wanted = [chain_key(kind, n) for n in part for kind in (domain.NOTES, domain.AUDIT)]
        heads = {
            name: domain.ChainHead(count, last)
            for name, count, last in session.execute(
                select(ChainHead.chain, ChainHead.row_count, ChainHead.last_hash).where(ChainHead.chain.in_(wanted))
            )
        }
        session.expunge_all()
        for number in part:
            yield number, [
                domain.verify_chain("NOTES", notes.get(number, []), heads.get(chain_key(domain.NOTES, number))),
                domain.verify_chain("AUDIT TRAIL", audit.get(number, []), heads.get(chain_key(domain.AUDIT, number))),
            ]
