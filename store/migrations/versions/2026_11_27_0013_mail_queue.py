"""the mail queue: messages stored with what they announce, delivered after the commit

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 00:30:00

A message (a gate's notice, a renewal reminder, the activation mail) is stored in the
transaction that records it, then sent once that transaction is committed and deleted once
sent; a failed delivery stays with its error for the next one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=True),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_queue")),
    )
    with op.batch_alter_table("mail_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_queue_message_id"), ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_queue_reference"), ["reference"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mail_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_queue_reference"))
        batch_op.drop_index(batch_op.f("ix_mail_queue_message_id"))
    op.drop_table("mail_queue")
