"""Yearly figures of villages (households, poor and near-poor households, income per head).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "village_stats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("poor_households", sa.Integer(), nullable=True),
        sa.Column("near_poor_households", sa.Integer(), nullable=True),
        sa.Column("income_per_head", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "households >= 0 AND poor_households >= 0 AND near_poor_households >= 0"
            " AND income_per_head >= 0",
            name=op.f("ck_village_stats_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_village_stats_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village_stats")),
        sa.UniqueConstraint("village_id", "year", name=op.f("uq_village_stats_village_id_year")),
    )


def downgrade() -> None:
    op.drop_table("village_stats")
