"""money after the signature (2): valuations of skills and in-kind gifts, their tax
receipts, use-of-funds reports

Revision ID: 2026_12_05_money2
Revises: fleet_api_tokens
Create Date: 2026-12-05 22:00:00

A donor's certified valuation of a skills or in-kind gift is recorded once per reference and
partnership; a tax receipt is then issued either for a payment or for a valuation, numbered
in the same gap-free sequence. Each use-of-funds report is a row naming its year and the
document version that states it.
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_12_05_money2"
down_revision = "fleet_api_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "valuations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("giver_key", sa.String(length=32), nullable=False),
        sa.Column("receiver_key", sa.String(length=32), nullable=False),
        sa.Column("contribution", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("valued_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_valuations_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_valuations")),
        sa.UniqueConstraint(
            "partnership_id", "reference", name=op.f("uq_valuations_partnership_id")
        ),
    )
    with op.batch_alter_table("valuations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_valuations_partnership_id"), ["partnership_id"], unique=False
        )
    op.create_table(
        "use_of_funds_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("donee_key", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("document_version", sa.Integer(), nullable=False),
        sa.Column("spent_cents", sa.BigInteger(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_use_of_funds_reports_partnership_id_partnerships"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_use_of_funds_reports")),
    )
    with op.batch_alter_table("use_of_funds_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_use_of_funds_reports_partnership_id"), ["partnership_id"], unique=False
        )
    with op.batch_alter_table("tax_receipts", schema=None) as batch_op:
        batch_op.alter_column("payment_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("valuation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_tax_receipts_valuation_id_valuations"),
            "valuations",
            ["valuation_id"],
            ["id"],
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_tax_receipts_valuation_id"), ["valuation_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("tax_receipts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tax_receipts_valuation_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_tax_receipts_valuation_id_valuations"), type_="foreignkey"
        )
        batch_op.drop_column("valuation_id")
        batch_op.alter_column("payment_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("use_of_funds_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_use_of_funds_reports_partnership_id"))
    op.drop_table("use_of_funds_reports")
    with op.batch_alter_table("valuations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_valuations_partnership_id"))
    op.drop_table("valuations")
