"""Notes and audit entries carry a SHA-256 hash chain per report (tamper evidence); TRUNCATE refused on PostgreSQL

Every entry gets prev_hash and row_hash (carsplus_tui/domain/chain.py), chain_heads keeps each chain's count and last
hash. Existing entries are chained here, in the order they were written (id). On PostgreSQL a BEFORE TRUNCATE
trigger refuses truncating notes, audit_entries and chain_heads (the row triggers of 0001 do not see a TRUNCATE).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 00:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from carsplus_tui.domain import chain

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_TABLES = ("notes", "audit_entries")
NO_TRUNCATE_TABLES = ("notes", "audit_entries", "chain_heads")


def _sqlite_append_only_triggers(action: str) -> None:
    """0001's row triggers: SQLite loses them when a table is copied (batch mode), and they would refuse the
    UPDATE that chains existing rows."""
    for table in APPEND_ONLY_TABLES:
        for verb in ("UPDATE", "DELETE"):
            name = f"{table}_no_{verb.lower()}"
            if action == "drop":
                op.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: entries cannot be edited or deleted'); END"
                )


_PAGE = 5000


def _chain_existing_rows() -> None:
    """Chain every existing entry, report by report in id order, a page of rows at a time (a database with millions
    of notes is never held in memory at once)."""
    bind = op.get_bind()
    heads_table = sa.table("chain_heads", sa.column("chain"), sa.column("row_count"), sa.column("last_hash"))
    for table, kind, names in (
        ("notes", chain.NOTES, ("employee_code", "text")),
        ("audit_entries", chain.AUDIT, ("employee_code", "field", "old_value", "new_value")),
    ):
        t = sa.table(table, sa.column("id"), sa.column("report_number"), sa.column("at", sa.DateTime()),
                     *(sa.column(name) for name in names), sa.column("prev_hash"), sa.column("row_hash"))
        key: str | None = None
        count, last = 0, chain.GENESIS
        heads: list[dict] = []
        after: tuple[int, int] | None = None
        while True:
            query = sa.select(t).order_by(t.c.report_number, t.c.id).limit(_PAGE)
            if after is not None:
                query = query.where(sa.or_(t.c.report_number > after[0],
                                           sa.and_(t.c.report_number == after[0], t.c.id > after[1])))
            rows = bind.execute(query).mappings().all()
            if not rows:
                break
            updates = []
            for row in rows:
                row_key = chain.chain_key(kind, row["report_number"])
                if row_key != key:
                    if key is not None:
                        heads.append({"chain": key, "row_count": count, "last_hash": last})
                    key, count, last = row_key, 0, chain.GENESIS
                if kind == chain.NOTES:
                    fields = chain.note_fields(row["report_number"], row["at"], row["employee_code"], row["text"])
                else:
                    fields = chain.audit_fields(row["report_number"], row["at"], row["employee_code"], row["field"],
                                                row["old_value"], row["new_value"])
                row_hash = chain.entry_hash(last, fields)
                updates.append({"b_id": row["id"], "b_prev": last, "b_row": row_hash})
                count, last = count + 1, row_hash
            bind.execute(
                sa.update(t).where(t.c.id == sa.bindparam("b_id"))
                .values(prev_hash=sa.bindparam("b_prev"), row_hash=sa.bindparam("b_row")),
                updates,
            )
            if len(heads) >= _PAGE:
                op.bulk_insert(heads_table, heads)
                heads = []
            after = (rows[-1]["report_number"], rows[-1]["id"])
        if key is not None:
            heads.append({"chain": key, "row_count": count, "last_hash": last})
        if heads:
            op.bulk_insert(heads_table, heads)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "chain_heads",
        sa.Column("chain", sa.String(length=40), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_chain_heads")),
    )
    for table in APPEND_ONLY_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))

    if dialect == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
    else:
        _sqlite_append_only_triggers("drop")
    _chain_existing_rows()
    if dialect == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")

    for table in APPEND_ONLY_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
            batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)

    if dialect == "postgresql":
        op.execute(
            """
            CREATE FUNCTION carsplus_reject_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% cannot be truncated: notes and the audit trail are append-only', TG_TABLE_NAME;
            END;
            $$
            """
        )
        for table in NO_TRUNCATE_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION carsplus_reject_truncate()"
            )
    else:
        _sqlite_append_only_triggers("create")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in NO_TRUNCATE_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS carsplus_reject_truncate()")
    else:
        _sqlite_append_only_triggers("drop")
    for table in APPEND_ONLY_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_hash")
            batch.drop_column("prev_hash")
    op.drop_table("chain_heads")
    if dialect != "postgresql":
        _sqlite_append_only_triggers("create")
