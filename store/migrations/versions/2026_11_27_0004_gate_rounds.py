"""gate rounds on the partnership; documents name the file they were made from

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 08:45:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rounds", JSON, nullable=True))
    op.execute("UPDATE partnerships SET rounds = '{}'")
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.alter_column("rounds", existing_type=JSON, nullable=False)
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spec_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("spec_sha256")
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.drop_column("rounds")
