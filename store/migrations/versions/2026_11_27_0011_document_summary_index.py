"""an index to list documents and find a gate's evidence without reading their contents

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 22:30:00

What `status` reads of the documents of thousands of partnerships, from this index alone:
each version's kind, language, hash and file name, and whether it was made from the
partnership's current file (spec_sha256: a gate's evidence). In a SQLite row the content
comes first and fills the row's page (spec_sha256, added by revision 0007, comes after
it): reading these columns from the table reads the content too.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ["partnership_id", "kind", "version", "language", "sha256", "filename", "spec_sha256"]


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_summary", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_summary")
