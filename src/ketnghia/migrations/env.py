"""Alembic environment: run by ketnghia.db with a connection, or by the alembic CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from ketnghia.models import metadata

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()
else:
    from ketnghia.db import make_engine, target_to_url

    url = config.get_main_option("sqlalchemy.url") or target_to_url(None)
    engine = make_engine(url) if "://" in url else create_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
