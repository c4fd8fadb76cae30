"""Villages' recorded places resolved to units: the folded key of the commune and district each
names (the unit's, else the text's) and the district's unit, so that reports group one place
in one row however it was spelled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("villages") as batch:
        batch.add_column(sa.Column("commune_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("district_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("district_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_villages_district_id_admin_units"), "admin_units", ["district_id"], ["id"]
        )
        batch.create_index(op.f("ix_villages_commune_key"), ["commune_key"])
        batch.create_index(op.f("ix_villages_district_key"), ["district_key"])

    # the data step as it was when this migration shipped (not today's services)
    from ketnghia.migrations.frozen import r0009

    r0009.resolve(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("villages") as batch:
        batch.drop_index(op.f("ix_villages_district_key"))
        batch.drop_index(op.f("ix_villages_commune_key"))
        batch.drop_constraint(op.f("fk_villages_district_id_admin_units"), type_="foreignkey")
        batch.drop_column("district_id")
        batch.drop_column("district_key")
        batch.drop_column("commune_key")
