"""Tamper evidence for notes and the audit trail: each entry carries a SHA-256 hash chained to the previous entry of
the same report (over its fields and the previous hash), and `verify_chain` recomputes a chain and names every break.

A chain is the entries of one report and one kind ("notes" or "audit"), in the order they were written (their ids).
Each entry stores `prev_hash` (the previous entry's hash, GENESIS for the first) and `row_hash` =
SHA-256(prev_hash, the entry's fields). A head per chain (count and last hash, kept in `chain_heads`) anchors its end,
so a removed last entry shows too.

What a verification finds, by what the database was made to do:
- DELETED: an entry's `prev_hash` names a hash no entry has (or the head names one): entries are missing there.
- CHANGED: an entry's fields no longer give its stored hash, but the chain links through it.
- INSERTED: an entry that is not part of the chain (its hashes link to nothing, or another entry holds its place).
- REORDERED: every entry is intact and linked, but their order (ids) is not the order they were chained in.

This module is pure (no database): the services hand it rows, the migration hands it rows, the CLI and F9 show what
it says.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "GENESIS",
    "Break",
    "ChainEntry",
    "ChainHead",
    "ChainResult",
    "audit_fields",
    "chain_key",
    "entry_hash",
    "note_fields",
    "verify_chain",
]

GENESIS = "0" * 64
_VERSION = "carsplus-chain-1"

NOTES = "notes"
AUDIT = "audit"


def chain_key(kind: str, report_number: int | None) -> str:
    """The chain an entry belongs to: one per report and kind ("notes:1234", "audit:1234"; "audit:-" for none)."""
    return f"{kind}:{'-' if report_number is None else report_number}"


def _at(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def note_fields(report_number: int | None, at: datetime | None, employee_code: str | None, text: str | None) -> list:
    return [NOTES, report_number, _at(at), employee_code, text]


def audit_fields(
    report_number: int | None,
    at: datetime | None,
    employee_code: str | None,
    field_name: str | None,
    old_value: str | None,
    new_value: str | None,
) -> list:
    return [AUDIT, report_number, _at(at), employee_code, field_name, old_value, new_value]


def entry_hash(prev_hash: str, fields: Sequence[object]) -> str:
    """SHA-256 (hex) over the previous hash and the entry's fields, in one unambiguous encoding (JSON)."""
    payload = json.dumps([_VERSION, prev_hash, list(fields)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainEntry:
    """One stored entry as verification sees it: its id (the order it was written in), a label for messages, the
    fields it is hashed over, and the two hashes it carries."""

    id: int
    label: str
    fields: tuple
    prev_hash: str | None
    row_hash: str | None

    @property
    def intact(self) -> bool:
        """Its fields still give the hash it carries."""
        return (
            self.prev_hash is not None
            and self.row_hash is not None
            and entry_hash(self.prev_hash, self.fields) == self.row_hash
        )


@dataclass(frozen=True)
class ChainHead:
    row_count: int
    last_hash: str


@dataclass(frozen=True)
class Break:
    kind: str  # DELETED | CHANGED | INSERTED | REORDERED
    message: str


@dataclass
class ChainResult:
    name: str  # "NOTES" or "AUDIT TRAIL"
    entries: int
    breaks: list[Break] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return not self.breaks


def verify_chain(name: str, entries: Sequence[ChainEntry], head: ChainHead | None) -> ChainResult:
    """Recompute one chain (entries in id order) and name every break."""
    result = ChainResult(name=name, entries=len(entries))
    breaks = result.breaks
    if not entries and head is None:
        return result
    entries = sorted(entries, key=lambda e: e.id)
    hashes = {e.row_hash for e in entries if e.row_hash is not None}
    by_prev: dict[str, list[ChainEntry]] = {}
    for entry in entries:
        if entry.prev_hash is not None:
            by_prev.setdefault(entry.prev_hash, []).append(entry)

    def successors(entry: ChainEntry) -> bool:
        return bool(entry.row_hash and (by_prev.get(entry.row_hash) or (head and head.last_hash == entry.row_hash)))

    # Walk the chain by its links, from the start; where it stops short, a segment starts again after a deletion.
    chained: list[ChainEntry] = []
    visited: set[int] = set()
    gaps: list[tuple[ChainEntry | None, ChainEntry]] = []  # (last entry before the gap, first after it)
    current = GENESIS
    while True:
        candidates = [e for e in by_prev.get(current, []) if e.id not in visited]
        if not candidates:
            # Entries missing here? Restart at an intact entry whose previous hash no present entry carries.
            restart = [
                e for e in entries
                if e.id not in visited and e.intact and e.prev_hash not in hashes and e.prev_hash != GENESIS
            ]
            if not restart:
                break
            entry = restart[0]
            gaps.append((chained[-1] if chained else None, entry))
        else:
            # Two entries claiming one place: the genuine one is intact, or at least carries the chain onward.
            candidates.sort(key=lambda e: (not e.intact, not successors(e), e.id))
            entry = candidates[0]
        chained.append(entry)
        visited.add(entry.id)
        current = entry.row_hash or ""

    for before, after in gaps:
        where = f"before {after.label}" if before is None else f"between {before.label} and {after.label}"
        breaks.append(Break("DELETED", f"{name}: ENTRIES DELETED {where}"))
    for entry in chained:
        if not entry.intact:
            breaks.append(Break("CHANGED", f"{name}: {entry.label} CHANGED"))
    for entry in entries:
        if entry.id not in visited:
            breaks.append(Break("INSERTED", f"{name}: {entry.label} INSERTED (not part of the chain)"))
    for earlier, later in zip(chained, chained[1:], strict=False):
        if later.id < earlier.id:
            breaks.append(Break("REORDERED", f"{name}: {later.label} REORDERED (written after {earlier.label})"))

    end = chained[-1].row_hash if chained else GENESIS
    if head is None:
        breaks.append(Break("DELETED", f"{name}: THE CHAIN'S HEAD IS MISSING"))
    elif head.last_hash != end:
        if any(e.row_hash == head.last_hash for e in chained):
            breaks.append(Break("INSERTED", f"{name}: ENTRIES ADDED AFTER THE LAST CHAINED ONE"))
        else:
            missing = max(head.row_count - len(chained), 1)
            after_last = f" after {chained[-1].label}" if chained else ""
            entries_word = "ENTRY" if missing == 1 else "ENTRIES"
            breaks.append(Break("DELETED", f"{name}: {missing} {entries_word} DELETED AT THE END{after_last}"))
    elif not gaps and head.row_count != len(chained):
        breaks.append(Break("DELETED", f"{name}: {head.row_count} ENTRIES CHAINED, {len(chained)} ON FILE"))
    return result
