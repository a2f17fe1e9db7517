"""Persistence: SQLAlchemy 2 tables, repository, unit of work, audit log, Alembic migrations."""
