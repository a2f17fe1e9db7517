"""each partnership's method scorecard, stored with the fingerprint of what it was made from

Revision ID: 2026_12_06_scorecards
Revises: 2026_12_06_openinghot
Create Date: 2026-12-06 09:00:00

``scorecards`` holds one partnership's 14-element method scorecard (JSON text, in the
order it is shown: PostgreSQL's JSONB would reorder its keys) and the fingerprint of
everything it was computed from (the file's hash, the stored findings, the stage, the
language, the clause library's content, coopact's version and rules): `status REF` shows
it while the fingerprint it computes matches, and computes it again otherwise
(:mod:`coopact.services.scorecards`). A cache: dropping the table loses nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_12_06_scorecards"
down_revision = "2026_12_06_openinghot"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scorecards",
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnerships.id"],
            name=op.f("fk_scorecards_partnership_id_partnerships"),
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("partnership_id", name=op.f("pk_scorecards")),
    )


def downgrade() -> None:
    op.drop_table("scorecards")
