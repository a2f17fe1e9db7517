"""an index to find a gate's evidence without reading document contents

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 22:30:00

Which documents of a partnership were made from its current file (spec_sha256), with their
kind, language, version and hash, read from this index alone: `status` over thousands of
partnerships awaiting a gate. In a SQLite row, spec_sha256 (added by revision 0007) comes
after the document's content, which reading it would otherwise read too.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ["partnership_id", "kind", "spec_sha256", "language", "version", "sha256"]


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_evidence", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_evidence")
