"""the schedule indexed by partnership and date together

Revision ID: 2026_12_06_scheduledue
Revises: 2026_12_06_scorecards
Create Date: 2026-12-06 12:00:00

review-due reads, for each chunk of partnerships, their items due by a date. With one index
on the partnership and another on the date, PostgreSQL (given each chunk's ids) combined
both: the date's index read every item due by then, in the whole table, once a chunk, so
that opening 100,000 partnerships' reviews read that part of the index 50 times (time that
grew with the square of the portfolio). One index on (partnership, date) reads only the
chunk's items due. It replaces the index on the partnership alone, which it covers.
"""

from alembic import op

revision = "2026_12_06_scheduledue"
down_revision = "2026_12_06_scorecards"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedule") as batch_op:
        batch_op.create_index(
            "ix_schedule_partnership_due", ["partnership_id", "due_on"], unique=False
        )
        batch_op.drop_index("ix_schedule_partnership_id")


def downgrade() -> None:
    with op.batch_alter_table("schedule") as batch_op:
        batch_op.create_index("ix_schedule_partnership_id", ["partnership_id"], unique=False)
        batch_op.drop_index("ix_schedule_partnership_due")
