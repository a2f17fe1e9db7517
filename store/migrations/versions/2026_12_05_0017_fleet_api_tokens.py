"""the API's bearer tokens, stored hashed

Revision ID: fleet_api_tokens
Revises: officers_web_sessions
Create Date: 2026-12-05 21:00:00

`coopact token add NAME --scope read|write` prints a token once; only its SHA-256 is kept.
"""

import sqlalchemy as sa
from alembic import op

revision = "fleet_api_tokens"
down_revision = "officers_web_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("name", name=op.f("uq_api_tokens_name")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_api_tokens_token_sha256")),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
