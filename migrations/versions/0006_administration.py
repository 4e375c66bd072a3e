"""IT runs it in the product: the administrator flag and first screen in the User Access File, retired codes,
and the audit of maintenance changes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 00:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE_TABLES = ("locations", "service_codes", "damage_types", "claim_categories")


def upgrade() -> None:
    with op.batch_alter_table("user_access") as batch:
        batch.add_column(sa.Column("administrator", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("first_screen", sa.String(length=6), server_default="DMGENT", nullable=False))
        batch.create_check_constraint("first_screen", "first_screen IN ('DMGENT', 'MENU')")
    for table in CODE_TABLES:
        # In place (ALTER TABLE ADD COLUMN), never a batch copy: the reports' foreign keys point at these tables.
        op.add_column(table, sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "maintenance_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("employee_code", sa.String(length=6), nullable=False),
        sa.Column("program", sa.String(length=10), nullable=False),
        sa.Column("record_key", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.String(length=70), nullable=True),
        sa.Column("new_value", sa.String(length=70), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_audit")),
    )


def downgrade() -> None:
    op.drop_table("maintenance_audit")
    for table in reversed(CODE_TABLES):
        # Not batch: SQLite (3.35+) drops the column in place; re-creating these tables would break the foreign
        # keys of the reports that point at them.
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN retired")
        else:
            op.drop_column(table, "retired")
    with op.batch_alter_table("user_access") as batch:
        batch.drop_constraint(op.f("ck_user_access_first_screen"), type_="check")
        batch.drop_column("first_screen")
        batch.drop_column("administrator")
