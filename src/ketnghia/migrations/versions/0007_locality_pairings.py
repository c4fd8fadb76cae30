"""Locality pairings (a commune or ward with a commune), their co-signers, and the
contributions of each signer.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "locality_pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("decision_ref", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_locality_pairings_dates")
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_locality_pairings_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["admin_units.id"],
            name=op.f("fk_locality_pairings_commune_id_admin_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locality_pairings")),
        sa.UniqueConstraint(
            "agency_id",
            "commune_id",
            "started_on",
            name=op.f("uq_locality_pairings_agency_id_commune_id_started_on"),
        ),
    )
    op.create_index("ix_locality_pairings_commune_id", "locality_pairings", ["commune_id"])
    op.create_table(
        "locality_cosigners",
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_locality_cosigners_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["locality_pairings.id"],
            name=op.f("fk_locality_cosigners_pairing_id_locality_pairings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pairing_id", "agency_id", name=op.f("pk_locality_cosigners")),
    )
    op.create_index("ix_locality_cosigners_agency_id", "locality_cosigners", ["agency_id"])
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("value_vnd", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint("value_vnd >= 0", name=op.f("ck_contributions_non_negative")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_contributions_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["locality_pairings.id"],
            name=op.f("fk_contributions_pairing_id_locality_pairings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
        sa.UniqueConstraint(
            "pairing_id",
            "agency_id",
            "date",
            "title",
            name=op.f("uq_contributions_pairing_id_agency_id_date_title"),
        ),
    )
    op.create_index("ix_contributions_date", "contributions", ["date"])


def downgrade() -> None:
    op.drop_index("ix_contributions_date", table_name="contributions")
    op.drop_table("contributions")
    op.drop_index("ix_locality_cosigners_agency_id", table_name="locality_cosigners")
    op.drop_table("locality_cosigners")
    op.drop_index("ix_locality_pairings_commune_id", table_name="locality_pairings")
    op.drop_table("locality_pairings")
