"""Notes keep their whole text (a note was cut to 70 characters; the Notes window takes up to 1,000)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 17:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _alter_note_text(new_type: sa.types.TypeEngine, old_type: sa.types.TypeEngine, *, using: str | None) -> None:
    if op.get_bind().dialect.name == "postgresql":
        # A type change does not fire the append-only row triggers, and varchar -> text rewrites nothing.
        op.alter_column("notes", "text", type_=new_type, existing_type=old_type, existing_nullable=False,
                        postgresql_using=using)
        return
    # SQLite copies the table to change a column, and the copy has none of the old table's triggers: put the
    # append-only ones of 0001 back (same names, same message).
    with op.batch_alter_table("notes", recreate="always") as batch:
        batch.alter_column("text", type_=new_type, existing_type=old_type, existing_nullable=False)
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER notes_no_{action.lower()} BEFORE {action} ON notes "
            "BEGIN SELECT RAISE(ABORT, 'notes is append-only: entries cannot be edited or deleted'); END"
        )


def upgrade() -> None:
    _alter_note_text(sa.Text(), sa.String(length=70), using=None)


def downgrade() -> None:
    # Nothing to do, on purpose: going back to VARCHAR(70) would cut every longer note to 70 characters (it did, with
    # left(text, 70)), and notes are append-only. Revision 0002's code reads and writes a TEXT column just the same,
    # and upgrading again finds the column already TEXT.
    return
