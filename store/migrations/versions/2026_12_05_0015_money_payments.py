"""money after the signature: payments received, tax receipts and their numbering

Revision ID: 2026_12_05_money
Revises: 0014_record
Create Date: 2026-12-05 21:00:00

A call for funds and a reminder are mailed once per instalment (money_notices).
A payment is recorded once per bank reference and partnership (amounts in cents, integers);
each payment a donor may deduct gets one tax receipt, numbered without gap per donee and
year from a counter row locked by the transaction that issues it.
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_12_05_money"
down_revision = "0014_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("payer_key", sa.String(length=32), nullable=False),
        sa.Column("receiver_key", sa.String(length=32), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("bank_reference", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_payments_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint(
            "partnership_id", "bank_reference", name=op.f("uq_payments_partnership_id")
        ),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payments_partnership_id"), ["partnership_id"], unique=False
        )
    op.create_table(
        "receipt_counters",
        sa.Column("donee", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("donee", "year", name=op.f("pk_receipt_counters")),
    )
    op.create_table(
        "tax_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("donee", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_tax_receipts_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_receipts")),
        sa.UniqueConstraint("donee", "year", "number", name=op.f("uq_tax_receipts_donee")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_tax_receipts_payment_id")),
    )
    op.create_table(
        "money_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("payer_key", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_money_notices_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_notices")),
        sa.UniqueConstraint(
            "partnership_id",
            "payer_key",
            "due_on",
            "kind",
            name=op.f("uq_money_notices_partnership_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("money_notices")
    op.drop_table("tax_receipts")
    op.drop_table("receipt_counters")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_partnership_id"))
    op.drop_table("payments")
