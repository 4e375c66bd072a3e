"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 13:15:01.476941
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Notes and audit entries are append-only: "New entries can be added, but existing entries cannot be deleted or
# edited." The code never updates or deletes them, and these triggers make the database refuse it too.
APPEND_ONLY_TABLES = ("notes", "audit_entries")


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            """
            CREATE FUNCTION carsplus_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: entries cannot be edited or deleted', TG_TABLE_NAME;
            END;
            $$
            """
        )
        for table in APPEND_ONLY_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION carsplus_reject_change()"
            )
    else:
        for table in APPEND_ONLY_TABLES:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: entries cannot be edited or deleted'); END"
                )


def _drop_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS carsplus_reject_change()")
    else:
        for table in APPEND_ONLY_TABLES:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def upgrade() -> None:

    op.create_table('claim_categories',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('description', sa.String(length=30), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_claim_categories'))
    )
    op.create_table('customers',
    sa.Column('customer_number', sa.Integer(), nullable=False),
    sa.Column('customer_type', sa.String(length=3), nullable=False),
    sa.Column('last_name', sa.String(length=20), nullable=False),
    sa.Column('first_name', sa.String(length=15), nullable=True),
    sa.Column('address', sa.String(length=30), nullable=True),
    sa.Column('city', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=14), nullable=True),
    sa.Column('cell', sa.String(length=14), nullable=True),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('dl_number', sa.String(length=20), nullable=True),
    sa.Column('dl_state', sa.String(length=2), nullable=True),
    sa.Column('dl_expiry', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('customer_number', name=op.f('pk_customers'))
    )
    op.create_table('damage_control',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ausie_rules', sa.Boolean(), nullable=False),
    sa.Column('witness_customer_type', sa.String(length=3), nullable=False),
    sa.Column('third_party_customer_type', sa.String(length=3), nullable=False),
    sa.Column('other_driver_customer_type', sa.String(length=3), nullable=False),
    sa.Column('allow_charges_on_closed_ra', sa.Boolean(), nullable=False),
    sa.Column('allow_refunds_on_ra', sa.Boolean(), nullable=False),
    sa.Column('damage_covered_default', sa.String(length=1), nullable=False),
    sa.Column('require_present_and_third_party', sa.Boolean(), nullable=False),
    sa.Column('boot_report', sa.Boolean(), nullable=False),
    sa.Column('damage_option_code', sa.String(length=6), nullable=True),
    sa.Column('vehicle_lookup_by_licence', sa.Boolean(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_damage_control_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_damage_control'))
    )
    op.create_table('damage_types',
    sa.Column('code', sa.String(length=1), nullable=False),
    sa.Column('description', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_damage_types'))
    )
    op.create_table('locations',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('address', sa.String(length=30), nullable=True),
    sa.Column('city', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=14), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_locations'))
    )
    op.create_table('report_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_report_counter_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_counter'))
    )
    op.create_table('service_codes',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('description', sa.String(length=30), nullable=False),
    sa.Column('show_on_damage_entry', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_service_codes'))
    )
    op.create_table('employees',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('location_code', sa.String(length=6), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_sign_ons', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['location_code'], ['locations.code'], name=op.f('fk_employees_location_code_locations')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_employees'))
    )
    op.create_table('rental_agreements',
    sa.Column('ra_number', sa.String(length=10), nullable=False),
    sa.Column('renter_customer_number', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=1), nullable=False),
    sa.Column('open_date', sa.Date(), nullable=True),
    sa.Column('open_location', sa.String(length=6), nullable=True),
    sa.Column('close_date', sa.Date(), nullable=True),
    sa.Column('close_location', sa.String(length=6), nullable=True),
    sa.Column('coverage_sold', sa.String(length=6), nullable=True),
    sa.Column('excess', sa.BigInteger(), nullable=True),
    sa.CheckConstraint("status IN ('O', 'C', 'P')", name=op.f('ck_rental_agreements_status_ocp')),
    sa.ForeignKeyConstraint(['close_location'], ['locations.code'], name=op.f('fk_rental_agreements_close_location_locations')),
    sa.ForeignKeyConstraint(['open_location'], ['locations.code'], name=op.f('fk_rental_agreements_open_location_locations')),
    sa.ForeignKeyConstraint(['renter_customer_number'], ['customers.customer_number'], name=op.f('fk_rental_agreements_renter_customer_number_customers')),
    sa.PrimaryKeyConstraint('ra_number', name=op.f('pk_rental_agreements'))
    )
    op.create_table('service_code_models',
    sa.Column('service_code', sa.String(length=6), nullable=False),
    sa.Column('model_code', sa.String(length=6), nullable=False),
    sa.ForeignKeyConstraint(['service_code'], ['service_codes.code'], name=op.f('fk_service_code_models_service_code_service_codes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_code', 'model_code', name=op.f('pk_service_code_models'))
    )
    op.create_table('vehicles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_number', sa.String(length=10), nullable=False),
    sa.Column('licence', sa.String(length=10), nullable=True),
    sa.Column('vin', sa.String(length=17), nullable=True),
    sa.Column('make', sa.String(length=15), nullable=True),
    sa.Column('model', sa.String(length=15), nullable=True),
    sa.Column('model_code', sa.String(length=6), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('owning_location', sa.String(length=6), nullable=True),
    sa.ForeignKeyConstraint(['owning_location'], ['locations.code'], name=op.f('fk_vehicles_owning_location_locations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicles'))
    )
    with op.batch_alter_table('vehicles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicles_licence'), ['licence'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicles_unit_number'), ['unit_number'], unique=False)

    op.create_table('non_rev_tickets',
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=1), nullable=False),
    sa.Column('out_date', sa.Date(), nullable=True),
    sa.Column('out_location', sa.String(length=6), nullable=True),
    sa.Column('in_date', sa.Date(), nullable=True),
    sa.Column('in_location', sa.String(length=6), nullable=True),
    sa.Column('driver_employee', sa.String(length=6), nullable=True),
    sa.CheckConstraint("status IN ('O', 'C')", name=op.f('ck_non_rev_tickets_status_oc')),
    sa.ForeignKeyConstraint(['in_location'], ['locations.code'], name=op.f('fk_non_rev_tickets_in_location_locations')),
    sa.ForeignKeyConstraint(['out_location'], ['locations.code'], name=op.f('fk_non_rev_tickets_out_location_locations')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_non_rev_tickets_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_non_rev_tickets'))
    )
    with op.batch_alter_table('non_rev_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_non_rev_tickets_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('ra_vehicles',
    sa.Column('ra_number', sa.String(length=10), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ra_number'], ['rental_agreements.ra_number'], name=op.f('fk_ra_vehicles_ra_number_rental_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_ra_vehicles_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('ra_number', 'sequence', name=op.f('pk_ra_vehicles'))
    )
    with op.batch_alter_table('ra_vehicles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ra_vehicles_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('report_drafts',
    sa.Column('employee_code', sa.String(length=6), nullable=False),
    sa.Column('report_number', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['employee_code'], ['employees.code'], name=op.f('fk_report_drafts_employee_code_employees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('employee_code', name=op.f('pk_report_drafts'))
    )
    op.create_table('user_access',
    sa.Column('employee_code', sa.String(length=6), nullable=False),
    sa.Column('restrict_editclos', sa.Boolean(), nullable=False),
    sa.Column('access_claim', sa.String(length=4), nullable=False),
    sa.CheckConstraint("access_claim IN ('edit', 'view', 'none')", name=op.f('ck_user_access_access_claim_level')),
    sa.ForeignKeyConstraint(['employee_code'], ['employees.code'], name=op.f('fk_user_access_employee_code_employees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('employee_code', name=op.f('pk_user_access'))
    )
    op.create_table('damage_reports',
    sa.Column('report_number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=6), nullable=False),
    sa.Column('last_modified_at', sa.DateTime(), nullable=False),
    sa.Column('last_modified_by', sa.String(length=6), nullable=False),
    sa.Column('ra_number', sa.String(length=10), nullable=True),
    sa.Column('non_rev_number', sa.String(length=10), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('unit_number', sa.String(length=10), nullable=True),
    sa.Column('customer_present', sa.String(length=1), nullable=True),
    sa.Column('renter_driving', sa.String(length=1), nullable=True),
    sa.Column('driver_injured', sa.String(length=1), nullable=True),
    sa.Column('third_party_involved', sa.String(length=1), nullable=True),
    sa.Column('admits_fault', sa.String(length=1), nullable=True),
    sa.Column('damage_covered', sa.String(length=1), nullable=True),
    sa.Column('nature_of_breach', sa.String(length=30), nullable=True),
    sa.Column('renters_claim_number', sa.String(length=15), nullable=True),
    sa.Column('excess_charged', sa.BigInteger(), nullable=True),
    sa.Column('fault_description', sa.Text(), nullable=True),
    sa.Column('accident_description', sa.Text(), nullable=True),
    sa.Column('report_status', sa.String(length=1), nullable=False),
    sa.Column('claim_status', sa.Integer(), nullable=False),
    sa.Column('report_checked', sa.String(length=1), nullable=True),
    sa.Column('external_claim', sa.String(length=1), nullable=True),
    sa.Column('external_closed', sa.String(length=1), nullable=True),
    sa.Column('external_type', sa.String(length=12), nullable=True),
    sa.Column('accident_category', sa.String(length=3), nullable=True),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('claim_location', sa.String(length=6), nullable=True),
    sa.Column('claim_employee', sa.String(length=6), nullable=True),
    sa.Column('misc_costs', sa.BigInteger(), nullable=True),
    sa.Column('third_party_costs', sa.BigInteger(), nullable=True),
    sa.Column('third_party_recovery', sa.BigInteger(), nullable=True),
    sa.Column('goodwill_deduction', sa.BigInteger(), nullable=True),
    sa.Column('amount_refunded', sa.BigInteger(), nullable=True),
    sa.Column('amount_charged', sa.BigInteger(), nullable=True),
    sa.CheckConstraint("admits_fault IN ('Y', 'N')", name=op.f('ck_damage_reports_admits_fault_yn')),
    sa.CheckConstraint("customer_present IN ('Y', 'N')", name=op.f('ck_damage_reports_customer_present_yn')),
    sa.CheckConstraint("damage_covered IN ('Y', 'N')", name=op.f('ck_damage_reports_damage_covered_yn')),
    sa.CheckConstraint("driver_injured IN ('Y', 'N')", name=op.f('ck_damage_reports_driver_injured_yn')),
    sa.CheckConstraint("external_claim IN ('Y', 'N')", name=op.f('ck_damage_reports_external_claim_yn')),
    sa.CheckConstraint("external_closed IN ('Y', 'N')", name=op.f('ck_damage_reports_external_closed_yn')),
    sa.CheckConstraint("renter_driving IN ('Y', 'N')", name=op.f('ck_damage_reports_renter_driving_yn')),
    sa.CheckConstraint("report_checked IN ('Y', 'N')", name=op.f('ck_damage_reports_report_checked_yn')),
    sa.CheckConstraint("report_status IN ('U', 'I', 'C')", name=op.f('ck_damage_reports_report_status_uic')),
    sa.CheckConstraint("third_party_involved IN ('Y', 'N')", name=op.f('ck_damage_reports_third_party_involved_yn')),
    sa.CheckConstraint('claim_status BETWEEN 0 AND 7', name=op.f('ck_damage_reports_claim_status_0_7')),
    sa.ForeignKeyConstraint(['accident_category'], ['claim_categories.code'], name=op.f('fk_damage_reports_accident_category_claim_categories')),
    sa.ForeignKeyConstraint(['claim_employee'], ['employees.code'], name=op.f('fk_damage_reports_claim_employee_employees')),
    sa.ForeignKeyConstraint(['claim_location'], ['locations.code'], name=op.f('fk_damage_reports_claim_location_locations')),
    sa.ForeignKeyConstraint(['created_by'], ['employees.code'], name=op.f('fk_damage_reports_created_by_employees')),
    sa.ForeignKeyConstraint(['last_modified_by'], ['employees.code'], name=op.f('fk_damage_reports_last_modified_by_employees')),
    sa.ForeignKeyConstraint(['non_rev_number'], ['non_rev_tickets.number'], name=op.f('fk_damage_reports_non_rev_number_non_rev_tickets')),
    sa.ForeignKeyConstraint(['ra_number'], ['rental_agreements.ra_number'], name=op.f('fk_damage_reports_ra_number_rental_agreements')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_damage_reports_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('report_number', name=op.f('pk_damage_reports'))
    )
    with op.batch_alter_table('damage_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_damage_reports_follow_up_date'), ['follow_up_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_damage_reports_non_rev_number'), ['non_rev_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_damage_reports_ra_number'), ['ra_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_damage_reports_report_status'), ['report_status'], unique=False)
        batch_op.create_index('ix_damage_reports_status_follow_up', ['report_status', 'follow_up_date'], unique=False)
        batch_op.create_index('ix_damage_reports_status_vehicle', ['report_status', 'vehicle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_damage_reports_unit_number'), ['unit_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_damage_reports_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('accident_details',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('date_time', sa.DateTime(), nullable=True),
    sa.Column('address1', sa.String(length=30), nullable=True),
    sa.Column('address2', sa.String(length=30), nullable=True),
    sa.Column('police_name', sa.String(length=18), nullable=True),
    sa.Column('police_badge', sa.String(length=10), nullable=True),
    sa.Column('police_station', sa.String(length=20), nullable=True),
    sa.Column('police_report_number', sa.String(length=20), nullable=True),
    sa.Column('witnesses', sa.String(length=1), nullable=True),
    sa.Column('rental_violation', sa.String(length=20), nullable=True),
    sa.Column('legal_violation', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_accident_details_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', name=op.f('pk_accident_details'))
    )
    with op.batch_alter_table('accident_details', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accident_details_date_time'), ['date_time'], unique=False)

    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('employee_code', sa.String(length=6), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.String(length=70), nullable=True),
    sa.Column('new_value', sa.String(length=70), nullable=True),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_audit_entries_report_number_damage_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_report_number'), ['report_number'], unique=False)

    op.create_table('damage_lines',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=6), nullable=True),
    sa.Column('description', sa.String(length=30), nullable=True),
    sa.Column('damage_type', sa.String(length=1), nullable=True),
    sa.CheckConstraint('line BETWEEN 1 AND 5', name=op.f('ck_damage_lines_line_1_5')),
    sa.ForeignKeyConstraint(['damage_type'], ['damage_types.code'], name=op.f('fk_damage_lines_damage_type_damage_types')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_damage_lines_report_number_damage_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_code'], ['service_codes.code'], name=op.f('fk_damage_lines_service_code_service_codes')),
    sa.PrimaryKeyConstraint('report_number', 'line', name=op.f('pk_damage_lines'))
    )
    op.create_table('notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('employee_code', sa.String(length=6), nullable=False),
    sa.Column('text', sa.String(length=70), nullable=False),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_notes_report_number_damage_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_report_number'), ['report_number'], unique=False)

    op.create_table('other_drivers',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('last_name', sa.String(length=20), nullable=True),
    sa.Column('first_name', sa.String(length=15), nullable=True),
    sa.Column('phone', sa.String(length=14), nullable=True),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('dl_number', sa.String(length=20), nullable=True),
    sa.Column('dl_state', sa.String(length=2), nullable=True),
    sa.Column('dl_expiry', sa.Date(), nullable=True),
    sa.Column('customer_number', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_number'], ['customers.customer_number'], name=op.f('fk_other_drivers_customer_number_customers')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_other_drivers_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', name=op.f('pk_other_drivers'))
    )
    op.create_table('ra_charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ra_number', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('description', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('posted', sa.Boolean(), nullable=False),
    sa.Column('damage_report_number', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('rental', 'optional', 'additional')", name=op.f('ck_ra_charges_kind')),
    sa.ForeignKeyConstraint(['damage_report_number'], ['damage_reports.report_number'], name=op.f('fk_ra_charges_damage_report_number_damage_reports')),
    sa.ForeignKeyConstraint(['ra_number'], ['rental_agreements.ra_number'], name=op.f('fk_ra_charges_ra_number_rental_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ra_charges'))
    )
    with op.batch_alter_table('ra_charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ra_charges_damage_report_number'), ['damage_report_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_ra_charges_ra_number'), ['ra_number'], unique=False)

    op.create_table('third_parties',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('last_name', sa.String(length=20), nullable=True),
    sa.Column('first_name', sa.String(length=15), nullable=True),
    sa.Column('address', sa.String(length=30), nullable=True),
    sa.Column('city', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('dl_number', sa.String(length=20), nullable=True),
    sa.Column('dl_state', sa.String(length=2), nullable=True),
    sa.Column('dl_expiry', sa.Date(), nullable=True),
    sa.Column('dob', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=14), nullable=True),
    sa.Column('cell', sa.String(length=14), nullable=True),
    sa.Column('description', sa.String(length=30), nullable=True),
    sa.Column('insurance_company', sa.String(length=20), nullable=True),
    sa.Column('reg_number', sa.String(length=10), nullable=True),
    sa.Column('injured', sa.String(length=1), nullable=True),
    sa.Column('rented_vehicle', sa.String(length=1), nullable=True),
    sa.Column('customer_number', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.CheckConstraint("injured IN ('Y', 'N')", name=op.f('ck_third_parties_injured_yn')),
    sa.CheckConstraint("rented_vehicle IN ('Y', 'N')", name=op.f('ck_third_parties_rented_vehicle_yn')),
    sa.CheckConstraint('position BETWEEN 1 AND 5', name=op.f('ck_third_parties_position_1_5')),
    sa.ForeignKeyConstraint(['customer_number'], ['customers.customer_number'], name=op.f('fk_third_parties_customer_number_customers')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_third_parties_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', 'position', name=op.f('pk_third_parties'))
    )
    op.create_table('vehicle_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('damage_report_number', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=6), nullable=True),
    sa.Column('description', sa.String(length=30), nullable=True),
    sa.Column('damage_type', sa.String(length=1), nullable=True),
    sa.Column('repaired', sa.Boolean(), nullable=False),
    sa.Column('repaired_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['damage_report_number'], ['damage_reports.report_number'], name=op.f('fk_vehicle_history_damage_report_number_damage_reports')),
    sa.ForeignKeyConstraint(['damage_type'], ['damage_types.code'], name=op.f('fk_vehicle_history_damage_type_damage_types')),
    sa.ForeignKeyConstraint(['service_code'], ['service_codes.code'], name=op.f('fk_vehicle_history_service_code_service_codes')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], name=op.f('fk_vehicle_history_vehicle_id_vehicles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle_history')),
    sa.UniqueConstraint('damage_report_number', 'line', name='uq_vehicle_history_report_line')
    )
    with op.batch_alter_table('vehicle_history', schema=None) as batch_op:
        batch_op.create_index('ix_vehicle_history_vehicle_unrepaired', ['vehicle_id', 'repaired'], unique=False)

    op.create_table('witnesses',
    sa.Column('report_number', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('last_name', sa.String(length=20), nullable=True),
    sa.Column('first_name', sa.String(length=15), nullable=True),
    sa.Column('address', sa.String(length=30), nullable=True),
    sa.Column('city', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=True),
    sa.Column('zip', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=14), nullable=True),
    sa.Column('customer_number', sa.Integer(), nullable=True),
    sa.CheckConstraint('position IN (1, 2)', name=op.f('ck_witnesses_position_1_2')),
    sa.ForeignKeyConstraint(['customer_number'], ['customers.customer_number'], name=op.f('fk_witnesses_customer_number_customers')),
    sa.ForeignKeyConstraint(['report_number'], ['damage_reports.report_number'], name=op.f('fk_witnesses_report_number_damage_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_number', 'position', name=op.f('pk_witnesses'))
    )
    op.create_table('work_orders',
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('damage_report_number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('opened_date', sa.Date(), nullable=True),
    sa.Column('repair_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['damage_report_number'], ['damage_reports.report_number'], name=op.f('fk_work_orders_damage_report_number_damage_reports')),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_work_orders')),
    sa.UniqueConstraint('damage_report_number', name=op.f('uq_work_orders_damage_report_number'))
    )
    op.create_table('work_order_cost_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_number', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['work_order_number'], ['work_orders.number'], name=op.f('fk_work_order_cost_lines_work_order_number_work_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_order_cost_lines'))
    )
    with op.batch_alter_table('work_order_cost_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_order_cost_lines_work_order_number'), ['work_order_number'], unique=False)

    _create_append_only_triggers()
    # The report-number counter starts at 0: the first save gets report 1.
    op.execute("INSERT INTO report_counter (id, last_number) VALUES (1, 0)")


def downgrade() -> None:
    _drop_append_only_triggers()

    with op.batch_alter_table('work_order_cost_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_order_cost_lines_work_order_number'))

    op.drop_table('work_order_cost_lines')
    op.drop_table('work_orders')
    op.drop_table('witnesses')
    with op.batch_alter_table('vehicle_history', schema=None) as batch_op:
        batch_op.drop_index('ix_vehicle_history_vehicle_unrepaired')

    op.drop_table('vehicle_history')
    op.drop_table('third_parties')
    with op.batch_alter_table('ra_charges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ra_charges_ra_number'))
        batch_op.drop_index(batch_op.f('ix_ra_charges_damage_report_number'))

    op.drop_table('ra_charges')
    op.drop_table('other_drivers')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_report_number'))

    op.drop_table('notes')
    op.drop_table('damage_lines')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_report_number'))

    op.drop_table('audit_entries')
    with op.batch_alter_table('accident_details', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accident_details_date_time'))

    op.drop_table('accident_details')
    with op.batch_alter_table('damage_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_damage_reports_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_damage_reports_unit_number'))
        batch_op.drop_index('ix_damage_reports_status_vehicle')
        batch_op.drop_index('ix_damage_reports_status_follow_up')
        batch_op.drop_index(batch_op.f('ix_damage_reports_report_status'))
        batch_op.drop_index(batch_op.f('ix_damage_reports_ra_number'))
        batch_op.drop_index(batch_op.f('ix_damage_reports_non_rev_number'))
        batch_op.drop_index(batch_op.f('ix_damage_reports_follow_up_date'))

    op.drop_table('damage_reports')
    op.drop_table('user_access')
    op.drop_table('report_drafts')
    with op.batch_alter_table('ra_vehicles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ra_vehicles_vehicle_id'))

    op.drop_table('ra_vehicles')
    with op.batch_alter_table('non_rev_tickets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_non_rev_tickets_vehicle_id'))

    op.drop_table('non_rev_tickets')
    with op.batch_alter_table('vehicles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicles_unit_number'))
        batch_op.drop_index(batch_op.f('ix_vehicles_licence'))

    op.drop_table('vehicles')
    op.drop_table('service_code_models')
    op.drop_table('rental_agreements')
    op.drop_table('employees')
    op.drop_table('service_codes')
    op.drop_table('report_counter')
    op.drop_table('locations')
    op.drop_table('damage_types')
    op.drop_table('damage_control')
    op.drop_table('customers')
    op.drop_table('claim_categories')

