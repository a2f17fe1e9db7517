"""personal texts kept out of the audit chain

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-27 19:50:00

A refusal's reason may name a person: the chain keeps its SHA-256, the text lives here
so that `coopact erase` can remove it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "personal_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_texts")),
    )
    with op.batch_alter_table("personal_texts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_personal_texts_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_personal_texts_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("personal_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_personal_texts_person_id"))
        batch_op.drop_index(batch_op.f("ix_personal_texts_sha256"))
    op.drop_table("personal_texts")
