"""The ageing of open claims: each damage report stores its damage date (the Accident Details' date/time) beside the
statuses, and an index by claim status, location, category and damage date lets the ageing read a million claims
from the index alone; existing reports are filled in here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 04:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | Sequence[str] | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("claim_status", "claim_location", "accident_category", "damage_date", "amount_outstanding")
BACKFILL = ("UPDATE damage_reports SET damage_date = (SELECT a.date_time FROM accident_details a "
            "WHERE a.report_number = damage_reports.report_number)")


def upgrade() -> None:
    op.add_column('damage_reports', sa.Column('damage_date', sa.DateTime(), nullable=True))
    op.execute(BACKFILL)
    op.create_index('ix_damage_reports_ageing', 'damage_reports', list(COLUMNS))


def downgrade() -> None:
    op.drop_index('ix_damage_reports_ageing', table_name='damage_reports')
    op.drop_column('damage_reports', 'damage_date')
