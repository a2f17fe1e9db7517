"""keyed audit chain (key id per event); decision requests kept out of Prefect

Revision ID: 0005
Revises: 0006 (re-chained after the portal's 0006 when main was merged)
Create Date: 2026-11-27 18:20:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0006"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy): the append-only triggers stay in place.
    op.add_column("audit_events", sa.Column("key_id", sa.String(length=12), nullable=True))
    op.create_table(
        "decision_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("request", JSON, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_requests")),
    )
    with op.batch_alter_table("decision_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_requests_reference"), ["reference"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("decision_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_requests_reference"))
    op.drop_table("decision_requests")
    op.drop_column("audit_events", "key_id")
