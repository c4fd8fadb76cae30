"""The collection round: the forms made for agencies' yearly returns, and the returns imported.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "collection_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=36), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_collection_forms_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_forms")),
        sa.UniqueConstraint("form_key", name=op.f("uq_collection_forms_form_key")),
    )
    op.create_index(op.f("ix_collection_forms_year"), "collection_forms", ["year"])
    op.create_table(
        "collection_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returned_by", sa.String(), nullable=False),
        sa.Column("rows_added", sa.Integer(), nullable=False),
        sa.Column("rows_changed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["collection_forms.id"],
            name=op.f("fk_collection_returns_form_id_collection_forms"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_collection_returns_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_returns")),
    )
    op.create_index(op.f("ix_collection_returns_year"), "collection_returns", ["year"])


def downgrade() -> None:
    op.drop_index(op.f("ix_collection_returns_year"), table_name="collection_returns")
    op.drop_table("collection_returns")
    op.drop_index(op.f("ix_collection_forms_year"), table_name="collection_forms")
    op.drop_table("collection_forms")
