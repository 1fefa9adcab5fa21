"""Alembic migrations of the corpus store (run by `newsweave.store.Store` on open)."""
