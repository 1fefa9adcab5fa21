"""Alembic environment: newsweave runs migrations itself, on a connection it opened (`Store` → `upgrade`).

For `alembic revision --autogenerate` during development, point `sqlalchemy.url` at a scratch database:
    alembic -c src/newsweave/migrations/alembic.ini revision --autogenerate -m "..."
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from newsweave.store import METADATA

config = context.config
connection = config.attributes.get("connection")

if connection is not None:  # the normal path: Store hands over its open connection (inside its transaction)
    context.configure(connection=connection, target_metadata=METADATA, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
elif context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=METADATA,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=METADATA, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
