"""The claims clerk's reports (issue 22): each damage report stores the engine's Our Repair Costs and Amount
Outstanding and whether its work order repaired the damage, beside the statuses, with indexes that let DMGSUM,
VICRPT read a million claims from one index; existing reports are filled in here.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 03:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    # DMGSUM by claim location and accident category: the summary reads this index alone (covering).
    "ix_damage_reports_dmgsum": ("claim_location", "accident_category", "claim_status", "repaired",
                                 "our_repair_costs", "misc_costs", "third_party_costs", "third_party_recovery",
                                 "goodwill_deduction", "amount_outstanding", "unit_number"),
    # VICRPT: claims by VIR status, claim type and third party, the open ones (claim status < 7) taken from it.
    "ix_damage_reports_vicrpt": ("report_status", "external_type", "third_party_involved", "claim_status",
                                 "claim_location", "created_at", "amount_outstanding"),
}


def backfill_sql() -> list[str]:
    """The statements that fill the new columns of every report: DESIGN.md §4's arithmetic (the engine's
    `claim_money`) in SQL, held to the engine on the sample data by tests/db/test_stored_claim_money.py."""
    r = "damage_reports"

    def c(name: str) -> str:
        return f"COALESCE({r}.{name}, 0)"

    before = (f"({r}.our_repair_costs + {c('misc_costs')} + {c('third_party_costs')} "
              f"- {c('third_party_recovery')})")
    maximum = (f"(CASE WHEN {r}.damage_covered = 'Y' THEN {c('excess_charged')} "
               f"WHEN {before} > 0 THEN {before} ELSE 0 END)")
    costs = f"({before} - {c('goodwill_deduction')})"
    least = f"(CASE WHEN {maximum} <= {costs} THEN {maximum} ELSE {costs} END)"
    final = f"(CASE WHEN {least} > 0 THEN {least} ELSE 0 END)"
    excess_charged_ra = (
        "COALESCE((SELECT SUM(ch.amount) FROM ra_charges ch WHERE ch.ra_number = damage_reports.ra_number "
        "AND ch.code = (SELECT dc.damage_option_code FROM damage_control dc WHERE dc.id = 1) "
        "AND (ch.source IS NULL OR (ch.source = 'excess_charged' "
        "AND ch.damage_report_number = damage_reports.report_number))), 0)"
    )
    return [
        "UPDATE damage_reports SET our_repair_costs = COALESCE((SELECT SUM(cl.amount) FROM work_order_cost_lines cl "
        "JOIN work_orders w ON w.number = cl.work_order_number "
        "WHERE w.damage_report_number = damage_reports.report_number), 0), "
        "repaired = CASE WHEN EXISTS (SELECT 1 FROM work_orders w WHERE w.damage_report_number = "
        "damage_reports.report_number AND w.status = 'CLOSED' AND w.repair_date IS NOT NULL) "
        "THEN TRUE ELSE FALSE END",
        f"UPDATE damage_reports SET amount_outstanding = {final} - {excess_charged_ra} - {c('amount_charged')} "
        f"+ {c('amount_refunded')}",
    ]


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of damage_reports: on SQLite with foreign keys on, dropping the old table
    # would cascade to every child row).
    op.add_column('damage_reports', sa.Column('our_repair_costs', sa.BigInteger(), nullable=True))
    op.add_column('damage_reports', sa.Column('amount_outstanding', sa.BigInteger(), nullable=True))
    op.add_column('damage_reports', sa.Column('repaired', sa.Boolean(), nullable=True))
    for statement in backfill_sql():
        op.execute(statement)
    for name, columns in INDEXES.items():
        op.create_index(name, 'damage_reports', list(columns))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name='damage_reports')
    for column in ('repaired', 'amount_outstanding', 'our_repair_costs'):
        op.drop_column('damage_reports', column)
