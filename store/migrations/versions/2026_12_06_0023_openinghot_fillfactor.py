"""room on each page for the rows review-due changes (PostgreSQL's fillfactor)

Revision ID: 2026_12_06_openinghot
Revises: 2026_12_06_openingscale
Create Date: 2026-12-06 09:00:00

PostgreSQL writes a changed row as a new version of it. When the new version fits on the
row's page and no indexed column changed, it is a "heap-only tuple": no index is touched.
Tables filled to the brim (the default, 100 %) leave no room, so each schedule item marked
done (review-due: one a partnership) wrote a new entry in each of the schedule's four
indexes, and each partnership moved, in its two: at 100,000 partnerships most of what the
opening wrote and read, in indexes that outgrow the server's buffers. ``schedule`` (each
item changed once, when done) keeps 15 % of each page free, ``partnerships`` (changed at
every step of the lifecycle) 30 %. Pages written from now on: a table already filled keeps
its pages until rewritten (``VACUUM FULL``). SQLite has no such setting: nothing to do.
"""

from alembic import op

revision = "2026_12_06_openinghot"
down_revision = "2026_12_06_openingscale"
branch_labels = None
depends_on = None

FILLFACTOR = {"schedule": 85, "partnerships": 70}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, percent in FILLFACTOR.items():
        op.execute(f"ALTER TABLE {table} SET (fillfactor = {percent})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in FILLFACTOR:
        op.execute(f"ALTER TABLE {table} RESET (fillfactor)")
