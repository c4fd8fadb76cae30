"""Inspections' ratings as a choice: free text that names one (Tốt, Khá, Trung bình, Yếu, in
any case, with or without diacritics, or the English key) becomes its key; other text is kept,
and `db check` lists it as a rating to correct.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-09
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # the data step as it was when this migration shipped (not today's services)
    from ketnghia.migrations.frozen import r0010

    r0010.convert(op.get_bind())


def downgrade() -> None:
    pass  # the keys are valid text: nothing to undo
