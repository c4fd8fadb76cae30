"""A covering index for the annual report's aggregates over a year of activities.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["date", "pairing_id", "kind", "source", "value_vnd", "households_benefited"]


def upgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_date_cover", COLUMNS, unique=False)
        batch_op.drop_index("ix_activities_date_pairing_id")


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_date_pairing_id", ["date", "pairing_id"], unique=False)
        batch_op.drop_index("ix_activities_date_cover")
