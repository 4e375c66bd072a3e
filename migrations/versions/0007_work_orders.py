"""Damage Work Entry: a work order's shop, invoice, estimate, out-of-service date, cost-line kinds, its version
for optimistic locking, and a counter row for gap-free work-order numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 00:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('work_order_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_work_order_counter_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_counter'))
    )
    # Work orders already on file keep their numbers; the next one follows the largest.
    op.execute("INSERT INTO work_order_counter (id, last_number) SELECT 1, COALESCE(MAX(number), 0) FROM work_orders")
    with op.batch_alter_table('work_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('repair_shop', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('invoice_number', sa.String(length=15), nullable=True))
        batch_op.add_column(sa.Column('estimate', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('out_of_service_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('last_modified_by', sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column('last_modified_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('work_order_cost_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=1), server_default='O', nullable=False))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+ has it): a batch copy of work_orders would drop the old table, and on SQLite
    # with foreign keys on that deletes every cost line with it (ON DELETE CASCADE).
    op.drop_column('work_order_cost_lines', 'kind')
    for column in ('last_modified_at', 'last_modified_by', 'version', 'out_of_service_date', 'estimate',
                   'invoice_number', 'repair_shop'):
        op.drop_column('work_orders', column)
    op.drop_table('work_order_counter')
