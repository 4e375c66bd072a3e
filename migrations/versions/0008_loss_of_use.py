"""Loss of use with its evidence: each vehicle's class, each RA's daily rate, the control record's daily rate per
vehicle class, and the loss-of-use derivation kept with a report

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 03:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of a table others point at).
    op.add_column('vehicles', sa.Column('vehicle_class', sa.String(length=12), nullable=True))
    op.create_index(op.f('ix_vehicles_vehicle_class'), 'vehicles', ['vehicle_class'], unique=False)
    op.add_column('rental_agreements', sa.Column('daily_rate', sa.BigInteger(), nullable=True))
    op.create_table('class_daily_rates',
    sa.Column('vehicle_class', sa.String(length=12), nullable=False),
    sa.Column('daily_rate', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('vehicle_class', name=op.f('pk_class_daily_rates'))
    )
    op.create_table('loss_of_use',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('out_of_service_date', sa.Date(), nullable=False),
    sa.Column('repair_date', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('daily_rate', sa.BigInteger(), nullable=False),
    sa.Column('rate_source', sa.String(length=5), nullable=False),
    sa.Column('vehicle_class', sa.String(length=12), nullable=True),
    sa.Column('location', sa.String(length=6), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('fleet_size', sa.Integer(), nullable=False),
    sa.Column('days_none_free', sa.Integer(), nullable=False),
    sa.Column('days_idle', sa.Integer(), nullable=False),
    sa.CheckConstraint("rate_source IN ('RA', 'CLASS')", name=op.f('ck_loss_of_use_rate_source')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'],
                            name=op.f('fk_loss_of_use_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', name=op.f('pk_loss_of_use'))
    )


def downgrade() -> None:
    op.drop_table('loss_of_use')
    op.drop_table('class_daily_rates')
    op.drop_column('rental_agreements', 'daily_rate')
    op.drop_index(op.f('ix_vehicles_vehicle_class'), table_name='vehicles')
    op.drop_column('vehicles', 'vehicle_class')
