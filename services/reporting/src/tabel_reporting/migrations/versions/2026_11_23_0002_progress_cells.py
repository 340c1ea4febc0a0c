"""Pre-aggregated progress for cross-school analytics.

`progress_contributions`: what one student's result in a subject and term counts as
(result code, weighted sums) and where it counts (school, grade level, subject by name,
academic year and term number). `progress_cells`: the counts per school × grade level ×
subject × term; `progress_cohorts`: distinct students with a counted result per school ×
grade level × term (for the suppression of small groups). All three are derived from the
other read models and kept current by the same events (see adapters/progress_cells.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

from tabel_platform.db.rls import enable_tenant_rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = {
    "progress_contributions": """student_id uuid NOT NULL, subject_id uuid NOT NULL,
        term_id uuid NOT NULL, school_id uuid NOT NULL, grade_level integer NOT NULL,
        subject_key text NOT NULL, academic_year_start integer, term_number integer,
        result smallint NOT NULL, sum_weighted numeric NOT NULL, sum_weights integer NOT NULL,
        PRIMARY KEY (student_id, subject_id, term_id)""",
    "progress_cells": """school_id uuid NOT NULL, academic_year_start integer NOT NULL,
        term_number integer NOT NULL, grade_level integer NOT NULL, subject_key text NOT NULL,
        n5 integer NOT NULL, n4 integer NOT NULL, n3 integer NOT NULL, n2 integer NOT NULL,
        n_na integer NOT NULL, exempt integer NOT NULL, n integer NOT NULL,
        sum_weighted numeric NOT NULL, sum_weights bigint NOT NULL,
        PRIMARY KEY (school_id, academic_year_start, term_number, grade_level, subject_key)""",
    "progress_cohorts": """school_id uuid NOT NULL, academic_year_start integer NOT NULL,
        term_number integer NOT NULL, grade_level integer NOT NULL, students integer NOT NULL,
        PRIMARY KEY (school_id, academic_year_start, term_number, grade_level)""",
}
INDEXES = (
    "CREATE INDEX progress_contributions_subject ON progress_contributions (subject_id)",
    "CREATE INDEX progress_contributions_term ON progress_contributions (term_id)",
    "CREATE INDEX progress_contributions_cell ON progress_contributions "
    "(school_id, academic_year_start, term_number, grade_level, subject_key)",
    "CREATE INDEX progress_cells_year ON progress_cells (academic_year_start, term_number)",
)


def upgrade() -> None:
    # PostgreSQL's lower() under the C locale leaves Cyrillic as it is: the projection
    # files a subject under its name as Python lowercases it.
    op.execute("ALTER TABLE subjects ADD COLUMN name_key text NOT NULL DEFAULT ''")
    for name, columns in TABLES.items():
        op.execute(f"CREATE TABLE {name} ({columns})")
        enable_tenant_rls(name)
    for statement in INDEXES:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE subjects DROP COLUMN name_key")
    for name in TABLES:
        op.execute(f"DROP TABLE {name}")
