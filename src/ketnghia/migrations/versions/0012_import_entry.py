"""Records inserted by an import name the import's entry in the audit trail, instead of a copy
of each row in it: `import_entry_id` on every table a kind imports into.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the tables as they were when this migration shipped
TABLES = (
    "agencies",
    "villages",
    "pairings",
    "household_pairings",
    "activities",
    "visits",
    "inspections",
    "village_stats",
    "locality_pairings",
    "contributions",
)
COLUMN = "import_entry_id"


def _constraint(table: str) -> str:
    return f"fk_{table}_{COLUMN}_audit_log"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            # SQLite adds a column with its reference in one statement (no table rebuild)
            op.execute(
                f'ALTER TABLE "{table}" ADD COLUMN "{COLUMN}" INTEGER '
                f'CONSTRAINT "{_constraint(table)}" REFERENCES audit_log (id)'
            )
        else:
            op.add_column(table, sa.Column(COLUMN, sa.Integer(), nullable=True))
            op.create_foreign_key(_constraint(table), table, "audit_log", [COLUMN], ["id"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if not sqlite:
            op.drop_constraint(_constraint(table), table, type_="foreignkey")
        op.drop_column(table, COLUMN)
