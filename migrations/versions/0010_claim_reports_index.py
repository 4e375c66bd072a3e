"""VICRPT for one claim location: the claims clerk's covering index by claim location also carries the VIR status,
claim type and third party, so a location's open claims are counted and paged from the index alone.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 04:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("claim_location", "accident_category", "claim_status", "repaired", "our_repair_costs", "misc_costs",
          "third_party_costs", "third_party_recovery", "goodwill_deduction", "amount_outstanding", "unit_number")
AFTER = (*BEFORE, "report_status", "external_type", "third_party_involved")


def upgrade() -> None:
    op.drop_index('ix_damage_reports_dmgsum', table_name='damage_reports')
    op.create_index('ix_damage_reports_dmgsum', 'damage_reports', list(AFTER))


def downgrade() -> None:
    op.drop_index('ix_damage_reports_dmgsum', table_name='damage_reports')
    op.create_index('ix_damage_reports_dmgsum', 'damage_reports', list(BEFORE))
