"""the portal's throttling shared by its worker processes

Revision ID: 2026_12_05_portalscale
Revises: 2026_12_05_recordwork
Create Date: 2026-12-05 23:30:00

``coopact web --workers N`` runs N processes: a failed sign-in (or a guessed decision link)
is remembered in ``web_throttle`` (the SHA-256 of the address or client, and when), so that
the N processes enforce one limit.
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_12_05_portalscale"
down_revision = "2026_12_05_recordwork"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_throttle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_throttle")),
    )
    with op.batch_alter_table("web_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_throttle_failed_at"), ["failed_at"], unique=False)
        batch_op.create_index("ix_web_throttle_key_at", ["key_sha256", "failed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("web_throttle", schema=None) as batch_op:
        batch_op.drop_index("ix_web_throttle_key_at")
        batch_op.drop_index(batch_op.f("ix_web_throttle_failed_at"))
    op.drop_table("web_throttle")
