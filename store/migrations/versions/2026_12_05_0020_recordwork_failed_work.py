"""failed work: the work that followed a decision and failed, kept until it succeeds

Revision ID: 2026_12_05_recordwork
Revises: 2026_12_05_webhooks
Create Date: 2026-12-05 23:45:00

One row per partnership whose stage work, set going by a decision, failed: the stage, the
gate, why, since when and how many attempts. Deleted when the work succeeds.
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_12_05_recordwork"
down_revision = "2026_12_05_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "failed_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("gate", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tried_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_failed_work_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failed_work")),
        sa.UniqueConstraint("partnership_id", name=op.f("uq_failed_work_partnership_id")),
    )


def downgrade() -> None:
    op.drop_table("failed_work")
