"""The hash chain's verification on its own (no database): each kind of tamper is named, including the ones the
database tests do not stage — the first entry deleted, a forged entry whose hash was computed properly but whose
head was not moved, an entry changed with its own hash recomputed, a missing head."""

from __future__ import annotations

from datetime import datetime, timedelta

from carsplus_tui.domain.chain import GENESIS, ChainEntry, ChainHead, entry_hash, note_fields, verify_chain

AT = datetime(2026, 12, 1, 9, 0)


def chain(n: int) -> tuple[list[ChainEntry], ChainHead]:
    entries, last = [], GENESIS
    for i in range(1, n + 1):
        fields = tuple(note_fields(7, AT + timedelta(minutes=i), "CLERK", f"NOTE {i}"))
        row_hash = entry_hash(last, fields)
        entries.append(ChainEntry(i, f"NOTE #{i}", fields, last, row_hash))
        last = row_hash
    return entries, ChainHead(n, last)


def messages(entries: list[ChainEntry], head: ChainHead | None) -> list[str]:
    return [b.message for b in verify_chain("NOTES", entries, head).breaks]


def test_an_intact_chain_and_an_empty_one_verify() -> None:
    entries, head = chain(4)
    assert messages(entries, head) == []
    assert messages([], None) == []
    assert messages([], ChainHead(0, GENESIS)) == []


def test_the_hash_covers_every_field_and_the_previous_hash() -> None:
    fields = note_fields(7, AT, "CLERK", "TEXT")
    assert entry_hash(GENESIS, fields) != entry_hash("1" * 64, fields)
    for changed in (note_fields(8, AT, "CLERK", "TEXT"), note_fields(7, AT + timedelta(seconds=1), "CLERK", "TEXT"),
                    note_fields(7, AT, "CLERKS", "TEXT"), note_fields(7, AT, "CLERK", "TEXT ")):
        assert entry_hash(GENESIS, changed) != entry_hash(GENESIS, fields)


def test_first_middle_and_last_deletions() -> None:
    entries, head = chain(5)
    assert messages(entries[1:], head) == ["NOTES: ENTRIES DELETED before NOTE #2"]
    assert messages(entries[:2] + entries[3:], head) == ["NOTES: ENTRIES DELETED between NOTE #2 and NOTE #4"]
    assert messages(entries[:3], head) == ["NOTES: 2 ENTRIES DELETED AT THE END after NOTE #3"]
    assert messages([], head) == ["NOTES: 5 ENTRIES DELETED AT THE END"]


def test_a_change_with_its_own_hash_recomputed_still_shows() -> None:
    entries, head = chain(3)
    forged_fields = tuple(note_fields(7, AT, "CLERK", "FORGED"))
    recomputed = entry_hash(entries[0].row_hash, forged_fields)
    entries[1] = ChainEntry(2, "NOTE #2", forged_fields, entries[0].row_hash, recomputed)
    assert messages(entries, head) == ["NOTES: ENTRIES DELETED between NOTE #2 and NOTE #3"]


def test_a_properly_hashed_entry_appended_without_moving_the_head() -> None:
    entries, head = chain(3)
    fields = tuple(note_fields(7, AT, "HACKER", "FORGED"))
    entries.append(ChainEntry(9, "NOTE #9", fields, head.last_hash, entry_hash(head.last_hash, fields)))
    assert messages(entries, head) == ["NOTES: ENTRIES ADDED AFTER THE LAST CHAINED ONE"]


def test_forged_entries_with_made_up_hashes_and_a_missing_head() -> None:
    entries, head = chain(2)
    forged = ChainEntry(5, "NOTE #5", tuple(note_fields(7, AT, "HACKER", "X")), "f" * 64, "e" * 64)
    assert messages([*entries, forged], head) == ["NOTES: NOTE #5 INSERTED (not part of the chain)"]
    assert messages(entries, None) == ["NOTES: THE CHAIN'S HEAD IS MISSING"]


def test_reordered_by_ids() -> None:
    entries, head = chain(3)
    a, b, c = entries
    swapped = [ChainEntry(2, a.label, a.fields, a.prev_hash, a.row_hash),
               ChainEntry(1, b.label, b.fields, b.prev_hash, b.row_hash), c]
    assert messages(swapped, head) == ["NOTES: NOTE #2 REORDERED (written after NOTE #1)"]
