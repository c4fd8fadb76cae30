"""Agency mergers: an agency merged into another from a date, and pairings that continue
earlier ones (carried over by a merger, not new pairings).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agencies") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("merged_on", sa.Date(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_agencies_merged_into_id_agencies"), "agencies", ["merged_into_id"], ["id"]
        )
    with op.batch_alter_table("pairings") as batch:
        batch.add_column(sa.Column("continues_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_pairings_continues_id_pairings"), "pairings", ["continues_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("pairings") as batch:
        batch.drop_constraint(op.f("fk_pairings_continues_id_pairings"), type_="foreignkey")
        batch.drop_column("continues_id")
    with op.batch_alter_table("agencies") as batch:
        batch.drop_constraint(op.f("fk_agencies_merged_into_id_agencies"), type_="foreignkey")
        batch.drop_column("merged_on")
        batch.drop_column("merged_into_id")
