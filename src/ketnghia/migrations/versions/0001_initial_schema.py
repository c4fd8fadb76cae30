"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 00:58:22.572298
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "agencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("district", sa.String(), nullable=True),
        sa.Column("head", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
        sa.UniqueConstraint("code", name=op.f("uq_agencies_code")),
    )
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agencies_name_key"), ["name_key"], unique=False)

    op.create_table(
        "annual_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filed_by", sa.String(), nullable=True),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_reports")),
        sa.UniqueConstraint("year", name=op.f("uq_annual_reports_year")),
    )
    op.create_table(
        "villages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("commune", sa.String(), nullable=True),
        sa.Column("district", sa.String(), nullable=True),
        sa.Column("province", sa.String(), nullable=True),
        sa.Column("ethnic_groups", sa.String(), nullable=True),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("poor_households", sa.Integer(), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("special_difficulty", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "households >= 0 AND poor_households >= 0 AND population >= 0",
            name=op.f("ck_villages_counts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_villages")),
        sa.UniqueConstraint("code", name=op.f("uq_villages_code")),
    )
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_villages_name_key"), ["name_key"], unique=False)

    op.create_table(
        "household_pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("helper", sa.String(), nullable=False),
        sa.Column("helped", sa.String(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_household_pairings_dates")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_household_pairings_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_pairings")),
        sa.UniqueConstraint(
            "village_id",
            "helper",
            "helped",
            name=op.f("uq_household_pairings_village_id_helper_helped"),
        ),
    )
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("inspector", sa.String(), nullable=True),
        sa.Column("findings", sa.String(), nullable=True),
        sa.Column("rating", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_inspections_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_inspections_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
        sa.UniqueConstraint(
            "date", "agency_id", "village_id", name=op.f("uq_inspections_date_agency_id_village_id")
        ),
    )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.create_index("ix_inspections_agency_id", ["agency_id"], unique=False)
        batch_op.create_index("ix_inspections_village_id", ["village_id"], unique=False)
        batch_op.create_index(
            "uq_inspections_without_village",
            ["date", "agency_id"],
            unique=True,
            sqlite_where=sa.text("village_id IS NULL"),
            postgresql_where=sa.text("village_id IS NULL"),
        )

    op.create_table(
        "pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("decision_ref", sa.String(), nullable=True),
        sa.Column("lead", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_pairings_dates")
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_pairings_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_pairings_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairings")),
        sa.UniqueConstraint(
            "agency_id",
            "village_id",
            "started_on",
            name=op.f("uq_pairings_agency_id_village_id_started_on"),
        ),
    )
    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.create_index("ix_pairings_village_id", ["village_id"], unique=False)

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=60), nullable=True),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("value_vnd", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=True),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("households_benefited", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "value_vnd >= 0 AND (households_benefited IS NULL OR households_benefited >= 0) AND (quantity IS NULL OR quantity >= 0)",
            name=op.f("ck_activities_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name=op.f("fk_activities_pairing_id_pairings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("ref", name=op.f("uq_activities_ref")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_date_pairing_id", ["date", "pairing_id"], unique=False)
        batch_op.create_index(
            "uq_activities_natural",
            ["pairing_id", "date", "kind", "title"],
            unique=True,
            sqlite_where=sa.text("ref IS NULL"),
            postgresql_where=sa.text("ref IS NULL"),
        )

    op.create_table(
        "pairing_supporters",
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_pairing_supporters_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairings.id"],
            name=op.f("fk_pairing_supporters_pairing_id_pairings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pairing_id", "agency_id", name=op.f("pk_pairing_supporters")),
    )
    with op.batch_alter_table("pairing_supporters", schema=None) as batch_op:
        batch_op.create_index("ix_pairing_supporters_agency_id", ["agency_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("cadres", sa.String(), nullable=True),
        sa.Column("people_met", sa.Integer(), nullable=True),
        sa.Column("situation", sa.String(), nullable=True),
        sa.Column("aspirations", sa.String(), nullable=True),
        sa.Column("follow_up", sa.String(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "people_met IS NULL OR people_met >= 0", name=op.f("ck_visits_non_negative")
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= date", name=op.f("ck_visits_dates")
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairings.id"], name=op.f("fk_visits_pairing_id_pairings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("pairing_id", "date", name=op.f("uq_visits_pairing_id_date")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_date", ["date"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_date")

    op.drop_table("visits")
    with op.batch_alter_table("pairing_supporters", schema=None) as batch_op:
        batch_op.drop_index("ix_pairing_supporters_agency_id")

    op.drop_table("pairing_supporters")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_activities_natural",
            sqlite_where=sa.text("ref IS NULL"),
            postgresql_where=sa.text("ref IS NULL"),
        )
        batch_op.drop_index("ix_activities_date_pairing_id")

    op.drop_table("activities")
    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.drop_index("ix_pairings_village_id")

    op.drop_table("pairings")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_inspections_without_village",
            sqlite_where=sa.text("village_id IS NULL"),
            postgresql_where=sa.text("village_id IS NULL"),
        )
        batch_op.drop_index("ix_inspections_village_id")
        batch_op.drop_index("ix_inspections_agency_id")

    op.drop_table("inspections")
    op.drop_table("household_pairings")
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_villages_name_key"))

    op.drop_table("villages")
    op.drop_table("annual_reports")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agencies_name_key"))

    op.drop_table("agencies")
