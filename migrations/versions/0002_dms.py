"""DMS Activity: properties, receipts and history events per damage report (issue 9)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 14:28:54.848583
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('dms_properties',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('repair_id', sa.String(length=30), nullable=True),
    sa.Column('customer_id', sa.String(length=30), nullable=True),
    sa.Column('customer_new', sa.Boolean(), nullable=False),
    sa.Column('vehicle_id', sa.String(length=30), nullable=True),
    sa.Column('vehicle_new', sa.Boolean(), nullable=False),
    sa.Column('vehicle_make', sa.String(length=15), nullable=True),
    sa.Column('vehicle_model', sa.String(length=15), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_dms_properties_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', name=op.f('pk_dms_properties'))
    )
    op.create_table('dms_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('payer_type', sa.String(length=12), nullable=False),
    sa.Column('payer_name', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=6), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=True),
    sa.Column('export_started_at', sa.DateTime(), nullable=True),
    sa.Column('posted_at', sa.DateTime(), nullable=True),
    sa.Column('reference_id', sa.String(length=40), nullable=True),
    sa.Column('failure_message', sa.String(length=200), nullable=True),
    sa.Column('outcome_unknown', sa.Boolean(), nullable=False),
    sa.Column('corrects_receipt_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=6), nullable=False),
    sa.CheckConstraint("payer_type IN ('CUSTOMER', 'INSURANCE', 'THIRD PARTY', 'ADJUSTMENT')", name=op.f('ck_dms_receipts_payer_type')),
    sa.CheckConstraint("status IN ('Ready', 'Posted', 'Void', 'Failed')", name=op.f('ck_dms_receipts_status')),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_dms_receipts_amount_not_zero')),
    sa.ForeignKeyConstraint(['corrects_receipt_id'], ['dms_receipts.id'], name=op.f('fk_dms_receipts_corrects_receipt_id_dms_receipts')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_dms_receipts_report_number_damage_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dms_receipts')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_dms_receipts_idempotency_key'))
    )
    with op.batch_alter_table('dms_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dms_receipts_report_number'), ['report_number'], unique=False)

    op.create_table('dms_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('employee_code', sa.String(length=6), nullable=False),
    sa.Column('description', sa.String(length=60), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=True),
    sa.Column('reference_id', sa.String(length=40), nullable=True),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['receipt_id'], ['dms_receipts.id'], name=op.f('fk_dms_events_receipt_id_dms_receipts')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_dms_events_report_number_damage_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dms_events'))
    )
    with op.batch_alter_table('dms_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dms_events_report_number'), ['report_number'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('dms_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dms_events_report_number'))

    op.drop_table('dms_events')
    with op.batch_alter_table('dms_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dms_receipts_report_number'))

    op.drop_table('dms_receipts')
    op.drop_table('dms_properties')
