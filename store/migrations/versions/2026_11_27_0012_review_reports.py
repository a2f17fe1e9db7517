"""review reports written: the idempotency key of review-due's fan-out

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-27 21:30:00

One row per partnership and review date, written with the review report, so that a report
submitted twice to the workers is written once.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_review_reports_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_reports")),
        sa.UniqueConstraint(
            "partnership_id", "review_date", name=op.f("uq_review_reports_partnership_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("review_reports")
