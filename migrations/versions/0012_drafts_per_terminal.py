"""Crash-recovery drafts per employee AND terminal: the same employee at two terminals no longer deletes the other
terminal's draft; `holder` names the program typing it while signed on

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 03:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | Sequence[str] | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A draft already kept belongs to no known terminal (''): any terminal of its employee offers it back.
    with op.batch_alter_table('report_drafts', schema=None, recreate='auto') as batch_op:
        batch_op.add_column(sa.Column('terminal', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('holder', sa.String(length=80), nullable=True))
        batch_op.drop_constraint('pk_report_drafts', type_='primary')
        batch_op.create_primary_key('pk_report_drafts', ['employee_code', 'terminal'])


def downgrade() -> None:
    # One draft per employee again: the newest is kept (downgrade_losses lists the others as deleted rows).
    op.execute(
        "DELETE FROM report_drafts WHERE EXISTS (SELECT 1 FROM report_drafts AS newer "
        "WHERE newer.employee_code = report_drafts.employee_code AND (newer.updated_at > report_drafts.updated_at "
        "OR (newer.updated_at = report_drafts.updated_at AND newer.terminal > report_drafts.terminal)))"
    )
    with op.batch_alter_table('report_drafts', schema=None, recreate='auto') as batch_op:
        batch_op.drop_constraint('pk_report_drafts', type_='primary')
        batch_op.drop_column('holder')
        batch_op.drop_column('terminal')
        batch_op.create_primary_key('pk_report_drafts', ['employee_code'])
