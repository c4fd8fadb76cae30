"""Administrative units with their periods, old→new successions, and where villages were.

Loads the shipped units of Gia Lai and Bình Định (before and after 1-7-2025) and gives every
village whose recorded commune/district names exactly one unit its place (open-ended). Villages
are not moved to the new communes here: `ketnghia admin apply-2025` does that, listing split
communes for a person to decide.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short_name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["admin_units.id"], name=op.f("fk_admin_units_parent_id_admin_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_units")),
        sa.UniqueConstraint(
            "level",
            "code",
            "valid_from",
            "valid_to",
            name=op.f("uq_admin_units_level_code_valid_from_valid_to"),
        ),
    )
    op.create_index("ix_admin_units_name_key", "admin_units", ["name_key"])
    op.create_index("ix_admin_units_parent_id", "admin_units", ["parent_id"])
    op.create_table(
        "admin_successions",
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("confidence", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["new_id"], ["admin_units.id"], name=op.f("fk_admin_successions_new_id_admin_units")
        ),
        sa.ForeignKeyConstraint(
            ["old_id"], ["admin_units.id"], name=op.f("fk_admin_successions_old_id_admin_units")
        ),
        sa.PrimaryKeyConstraint("old_id", "new_id", name=op.f("pk_admin_successions")),
    )
    op.create_index("ix_admin_successions_new_id", "admin_successions", ["new_id"])
    op.create_table(
        "village_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name=op.f("ck_village_places_dates"),
        ),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["admin_units.id"],
            name=op.f("fk_village_places_commune_id_admin_units"),
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_village_places_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village_places")),
    )
    op.create_index("ix_village_places_village_id", "village_places", ["village_id"])

    # the data step as it was when this migration shipped (not today's services)
    from ketnghia.migrations.frozen import r0005
    from ketnghia.resources import admin_units_file

    conn = op.get_bind()
    r0005.load(conn, admin_units_file())
    r0005.link(conn)


def downgrade() -> None:
    op.drop_index("ix_village_places_village_id", table_name="village_places")
    op.drop_table("village_places")
    op.drop_index("ix_admin_successions_new_id", table_name="admin_successions")
    op.drop_table("admin_successions")
    op.drop_index("ix_admin_units_parent_id", table_name="admin_units")
    op.drop_index("ix_admin_units_name_key", table_name="admin_units")
    op.drop_table("admin_units")
