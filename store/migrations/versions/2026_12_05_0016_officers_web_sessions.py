"""the portal's server-side sessions and its counted anonymous refusals

Revision ID: officers_web_sessions
Revises: 2026_12_05_money
Create Date: 2026-12-05 20:40:00

A session cookie carries a random token; ``web_sessions`` keeps its SHA-256, so that logout,
expiry and a disabled account end it. ``web_refusals`` counts anonymous refusals (failed
sign-ins, unknown or altered links) per kind and hour instead of one audit event each.
"""

import sqlalchemy as sa
from alembic import op

revision = "officers_web_sessions"
down_revision = "2026_12_05_money"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["web_users.id"], name=op.f("fk_web_sessions_user_id_web_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_web_sessions_token_sha256")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_sessions_user_id"), ["user_id"], unique=False)
    op.create_table(
        "web_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("summarised", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_refusals")),
        sa.UniqueConstraint("kind", "hour", name=op.f("uq_web_refusals_kind")),
    )


def downgrade() -> None:
    op.drop_table("web_refusals")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_user_id"))
    op.drop_table("web_sessions")
