"""DMS receipts: a receipt a killed export left Ready with its export started is in doubt (the flag now says so
explicitly; the column `outcome_unknown` is the model's `in_doubt`)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 00:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

receipts = sa.table("dms_receipts", sa.column("status", sa.String), sa.column("outcome_unknown", sa.Boolean),
                    sa.column("export_started_at", sa.DateTime))


def upgrade() -> None:
    # Data only (no table is copied, so SQLite's foreign keys to dms_receipts are not in the way).
    op.execute(receipts.update()
               .where(receipts.c.status == "Ready", receipts.c.export_started_at.is_not(None))
               .values(outcome_unknown=True))


def downgrade() -> None:
    """Nothing to undo: the code before 0005 read a Ready receipt with its export started as one the DMS may hold."""
