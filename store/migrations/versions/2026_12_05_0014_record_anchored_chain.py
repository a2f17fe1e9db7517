"""anchored events (an anchor log cut or deleted is found); the chain's origin (no downgrade)

Revision ID: 0014_record
Revises: 0013
Create Date: 2026-12-05 20:40:00

``audit_events.anchored``: set on the events written by a unit of work that anchors its
commits; it is in each event's signed body. ``chain_origin``: one row saying how many
unkeyed events (written before the keyed chain, revision 0005) the database held when it
reached this revision (a database created at a keyed revision holds none, and an unkeyed
event found later in it is forged), and its last event then (the schedule rows dropped
before it were not recorded in the chain).
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0014_record"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy): the append-only triggers stay in place.
    op.add_column("audit_events", sa.Column("anchored", sa.Boolean(), nullable=True))
    origin = op.create_table(
        "chain_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unkeyed_events", sa.Integer(), nullable=False),
        sa.Column("events_before", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_origin")),
    )
    found = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT COUNT(*) FILTER (WHERE key_id IS NULL), COALESCE(MAX(seq), 0) "
                "FROM audit_events"
            )
        )
        .one()
    )
    op.bulk_insert(
        origin,
        [
            {
                "id": 1,
                "unkeyed_events": int(found[0]),
                "events_before": int(found[1]),
                "recorded_at": dt.datetime.now(dt.UTC),
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("chain_origin")
    op.drop_column("audit_events", "anchored")
