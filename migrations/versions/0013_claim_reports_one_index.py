"""The claims clerk's reports share one covering index: the ageing's damage date joins the DMGSUM index (by claim
location and category), and the ageing's own index (claim status first) goes — with it SQLite chose it for a claim
status selection of DMGSUM and read half a million table rows instead of the covering index.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 04:32:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0013'
down_revision: str | Sequence[str] | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DMGSUM_BEFORE = ("claim_location", "accident_category", "claim_status", "repaired", "our_repair_costs", "misc_costs",
                 "third_party_costs", "third_party_recovery", "goodwill_deduction", "amount_outstanding",
                 "unit_number", "report_status", "external_type", "third_party_involved")
DMGSUM_AFTER = (*DMGSUM_BEFORE, "damage_date")
AGEING = ("claim_status", "claim_location", "accident_category", "damage_date", "amount_outstanding")


def upgrade() -> None:
    op.drop_index('ix_damage_reports_ageing', table_name='damage_reports')
    op.drop_index('ix_damage_reports_dmgsum', table_name='damage_reports')
    op.create_index('ix_damage_reports_dmgsum', 'damage_reports', list(DMGSUM_AFTER))


def downgrade() -> None:
    op.drop_index('ix_damage_reports_dmgsum', table_name='damage_reports')
    op.create_index('ix_damage_reports_dmgsum', 'damage_reports', list(DMGSUM_BEFORE))
    op.create_index('ix_damage_reports_ageing', 'damage_reports', list(AGEING))
