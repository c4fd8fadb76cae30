"""The database's identity: a random id, made once, that exports write beside each row so that
a file exported from this database and corrected is matched back to its records by their ids.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "database_identity",
        sa.Column("database_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("database_id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(
        table,
        [{"database_id": str(uuid.uuid4()), "created_at": dt.datetime.now(dt.timezone.utc)}],
    )


def downgrade() -> None:
    op.drop_table("database_identity")
