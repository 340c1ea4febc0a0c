"""Attachments of homework and submissions (bytes live in the attachment store).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE TABLE attachments (
        school_id uuid NOT NULL, attachment_id uuid NOT NULL, filename text NOT NULL,
        content_type text NOT NULL, size bigint NOT NULL, sha256 text NOT NULL,
        storage_key text NOT NULL, uploaded_by uuid NOT NULL, uploaded_at timestamptz NOT NULL,
        homework_id uuid, submission_student_id uuid,
        PRIMARY KEY (school_id, attachment_id))""")
    enable_tenant_rls("attachments")
    op.execute("CREATE INDEX attachments_homework ON attachments (school_id, homework_id)")


def downgrade() -> None:
    op.execute("DROP TABLE attachments")
