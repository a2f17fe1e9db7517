"""each partnership's file in a table of its own; the audit hashes not indexed

Revision ID: 2026_12_06_openingscale
Revises: 2026_12_05_portalscale
Create Date: 2026-12-06 06:00:00

``partnerships.spec`` (the validated file, about 6 KB) moves to ``partnership_files``, one
row a partnership: a change of stage, version or rounds (review-due moves 100,000 at a
time) then rewrites a row of a few hundred bytes, not the file with it (SQLite rewrites a
whole row, overflow pages included, on any UPDATE of it).

``audit_events.hash`` and ``prev_hash`` lose their unique constraints: ``seq`` stays unique,
and each event chains onto the head read under the appenders' lock, so two events on one
predecessor would share a ``seq``; no query looks an event up by its hash. The index of
each, of random values, cost a page written (and read) for each event appended: at
100,000 reviews opened, most of what review-due wrote. SQLite rebuilds the table (its
append-only triggers made again).
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

APPEND_ONLY = "the audit log is append-only: events cannot be changed or deleted"
Json = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")

revision = "2026_12_06_openingscale"
down_revision = "2026_12_05_portalscale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partnership_files",
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("spec", Json, nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnerships.id"],
            name=op.f("fk_partnership_files_partnership_id_partnerships"),
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("partnership_id", name=op.f("pk_partnership_files")),
    )
    op.execute(
        "INSERT INTO partnership_files (partnership_id, spec) SELECT id, spec FROM partnerships"
    )
    op.execute("ALTER TABLE partnerships DROP COLUMN spec")  # SQLite >= 3.35, PostgreSQL
    _audit_hash_constraints(drop=True)


def _audit_hash_constraints(*, drop: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("audit_events") as batch_op:  # SQLite: the table rebuilt
        for name in ("hash", "prev_hash"):
            if drop:
                batch_op.drop_constraint(f"uq_audit_events_{name}", type_="unique")
            else:
                batch_op.create_unique_constraint(f"uq_audit_events_{name}", [name])
    if sqlite:  # dropped with the table it replaced
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS audit_events_no_{verb.lower()} BEFORE {verb} "
                f"ON audit_events BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    _audit_hash_constraints(drop=False)
    with op.batch_alter_table("partnerships") as batch_op:
        batch_op.add_column(sa.Column("spec", Json, nullable=True))
    op.execute(
        "UPDATE partnerships SET spec = (SELECT f.spec FROM partnership_files f "
        "WHERE f.partnership_id = partnerships.id)"
    )
    with op.batch_alter_table("partnerships") as batch_op:
        batch_op.alter_column("spec", existing_type=Json, nullable=False)
    op.drop_table("partnership_files")
