"""Journal: projections of identity/roster/schedule, lesson records, marks, attendance,
homework, submissions, final marks, history, idempotency keys, school settings.

Every primary key starts with school_id, so the schema can be partitioned or distributed
by school; every table has row-level security on school_id.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from alembic import op

from tabel_platform.db.platform_tables import create_platform_tables, drop_platform_tables
from tabel_platform.db.rls import enable_tenant_rls

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = {
    # --- projections (fed by events) ---
    "grants": """school_id uuid NOT NULL, grant_id uuid NOT NULL, person_id uuid NOT NULL,
        role text NOT NULL, scope_kind text NOT NULL DEFAULT '', scope_id uuid,
        expires_at timestamptz, PRIMARY KEY (school_id, grant_id)""",
    "people": """school_id uuid NOT NULL, person_id uuid NOT NULL, last_name text NOT NULL,
        first_name text NOT NULL, middle_name text NOT NULL DEFAULT '',
        PRIMARY KEY (school_id, person_id)""",
    "classes": """school_id uuid NOT NULL, class_id uuid NOT NULL, name text NOT NULL,
        grade_level int NOT NULL, PRIMARY KEY (school_id, class_id)""",
    "memberships": """school_id uuid NOT NULL, membership_id uuid NOT NULL,
        person_id uuid NOT NULL, class_id uuid, study_group_id uuid,
        starts_on date, ends_on date, PRIMARY KEY (school_id, membership_id)""",
    "guardianships": """school_id uuid NOT NULL, guardianship_id uuid NOT NULL,
        guardian_id uuid NOT NULL, student_id uuid NOT NULL,
        PRIMARY KEY (school_id, guardianship_id)""",
    "class_teachers": """school_id uuid NOT NULL, class_id uuid NOT NULL,
        teacher_id uuid NOT NULL, PRIMARY KEY (school_id, class_id)""",
    "teaching_assignments": """school_id uuid NOT NULL, assignment_id uuid NOT NULL,
        teacher_id uuid NOT NULL, subject_id uuid NOT NULL, class_id uuid NOT NULL,
        study_group_id uuid, PRIMARY KEY (school_id, assignment_id)""",
    "terms": """school_id uuid NOT NULL, term_id uuid NOT NULL, academic_year_id uuid,
        number int NOT NULL DEFAULT 0, starts_on date, ends_on date,
        closed boolean NOT NULL DEFAULT false, PRIMARY KEY (school_id, term_id)""",
    "lessons": """school_id uuid NOT NULL, lesson_id uuid NOT NULL, date date NOT NULL,
        period int NOT NULL DEFAULT 0, starts_at timestamptz, ends_at timestamptz,
        subject_id uuid NOT NULL, subject_name text NOT NULL DEFAULT '',
        teacher_id uuid, substitute_teacher_id uuid, class_ids uuid[] NOT NULL,
        study_group_ids uuid[] NOT NULL DEFAULT '{}', term_id uuid, room_name text NOT NULL
        DEFAULT '', cancelled boolean NOT NULL DEFAULT false, changed boolean NOT NULL
        DEFAULT false, PRIMARY KEY (school_id, lesson_id)""",
    # One row per class or study group a lesson is for: the diary finds a week by unit.
    "lesson_units": """school_id uuid NOT NULL, unit_id uuid NOT NULL, date date NOT NULL,
        lesson_id uuid NOT NULL, PRIMARY KEY (school_id, unit_id, date, lesson_id)""",
    # --- the journal itself ---
    "settings": """school_id uuid NOT NULL PRIMARY KEY, doc jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()""",
    "lesson_records": """school_id uuid NOT NULL, lesson_id uuid NOT NULL,
        topic text NOT NULL DEFAULT '', work_types text[] NOT NULL DEFAULT '{}',
        taught_by uuid, version int NOT NULL, updated_at timestamptz NOT NULL,
        updated_by uuid, PRIMARY KEY (school_id, lesson_id)""",
    "marks": """school_id uuid NOT NULL, mark_id uuid NOT NULL, lesson_id uuid NOT NULL,
        student_id uuid NOT NULL, subject_id uuid NOT NULL, term_id uuid, date date NOT NULL,
        value text NOT NULL, scale text NOT NULL, work_type text NOT NULL, weight int NOT NULL,
        comment text NOT NULL DEFAULT '', teacher_id uuid, taught_by uuid,
        recorded_at timestamptz NOT NULL, on_time boolean NOT NULL, version int NOT NULL,
        deleted boolean NOT NULL DEFAULT false, PRIMARY KEY (school_id, mark_id)""",
    "attendance": """school_id uuid NOT NULL, lesson_id uuid NOT NULL,
        student_id uuid NOT NULL, status text NOT NULL, late_minutes int NOT NULL DEFAULT 0,
        reason text NOT NULL DEFAULT '', recorded_by uuid, recorded_at timestamptz NOT NULL,
        on_time boolean NOT NULL, version int NOT NULL,
        PRIMARY KEY (school_id, lesson_id, student_id)""",
    "homework": """school_id uuid NOT NULL, homework_id uuid NOT NULL, lesson_id uuid NOT NULL,
        subject_id uuid NOT NULL, assigned_on date NOT NULL, due_on date,
        due_lesson_id uuid, text text NOT NULL, scope text NOT NULL,
        student_ids uuid[] NOT NULL DEFAULT '{}', submission_required boolean NOT NULL,
        attachments text[] NOT NULL DEFAULT '{}', teacher_id uuid,
        assigned_at timestamptz NOT NULL, on_time boolean NOT NULL, version int NOT NULL,
        deleted boolean NOT NULL DEFAULT false, PRIMARY KEY (school_id, homework_id)""",
    "submissions": """school_id uuid NOT NULL, homework_id uuid NOT NULL,
        student_id uuid NOT NULL, submission_id uuid NOT NULL, text text NOT NULL DEFAULT '',
        attachments text[] NOT NULL DEFAULT '{}', status text NOT NULL,
        submitted_at timestamptz, checked_at timestamptz, mark_id uuid,
        comment text NOT NULL DEFAULT '', PRIMARY KEY (school_id, homework_id, student_id)""",
    "submission_log": """school_id uuid NOT NULL, homework_id uuid NOT NULL,
        student_id uuid NOT NULL, at timestamptz NOT NULL, seq bigserial, actor uuid,
        action text NOT NULL, note text NOT NULL DEFAULT '',
        PRIMARY KEY (school_id, homework_id, student_id, seq)""",
    "final_marks": """school_id uuid NOT NULL, final_mark_id uuid NOT NULL,
        student_id uuid NOT NULL, subject_id uuid NOT NULL, kind text NOT NULL,
        period_id uuid NOT NULL, term_id uuid, academic_year_id uuid, value text NOT NULL,
        scale text NOT NULL, teacher_id uuid, set_as text NOT NULL,
        set_at timestamptz NOT NULL, version int NOT NULL, PRIMARY KEY (school_id, final_mark_id)""",
    # Management lets a person change entries of a closed term (the "right"; seed 002 4.1).
    "closed_term_permits": """school_id uuid NOT NULL, term_id uuid NOT NULL,
        person_id uuid NOT NULL, granted_by uuid, reason text NOT NULL,
        granted_at timestamptz NOT NULL, PRIMARY KEY (school_id, term_id, person_id)""",
    "history": """school_id uuid NOT NULL, entity text NOT NULL, entity_id text NOT NULL,
        version int NOT NULL, at timestamptz NOT NULL, actor_person_id uuid,
        actor_subject text NOT NULL DEFAULT '', action text NOT NULL, before jsonb,
        after jsonb, reason text NOT NULL DEFAULT '',
        PRIMARY KEY (school_id, entity, entity_id, version)""",
    "idempotency_keys": """school_id uuid NOT NULL, key text NOT NULL, actor text NOT NULL,
        request_hash text NOT NULL, status_code int, response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (school_id, key, actor)""",
}

INDEXES = (
    "CREATE INDEX grants_person ON grants (school_id, person_id)",
    "CREATE INDEX memberships_person ON memberships (school_id, person_id)",
    "CREATE INDEX memberships_class ON memberships (school_id, class_id)",
    "CREATE INDEX memberships_group ON memberships (school_id, study_group_id)",
    "CREATE INDEX guardianships_guardian ON guardianships (school_id, guardian_id)",
    "CREATE INDEX class_teachers_teacher ON class_teachers (school_id, teacher_id)",
    "CREATE INDEX assignments_teacher ON teaching_assignments (school_id, teacher_id)",
    "CREATE INDEX lessons_teacher_date ON lessons (school_id, teacher_id, date)",
    "CREATE INDEX lessons_subject_date ON lessons (school_id, subject_id, date)",
    "CREATE INDEX marks_lesson ON marks (school_id, lesson_id)",
    "CREATE INDEX marks_student ON marks (school_id, student_id, date)",
    "CREATE INDEX homework_lesson ON homework (school_id, lesson_id)",
    "CREATE INDEX homework_due ON homework (school_id, due_lesson_id)",
    "CREATE UNIQUE INDEX final_marks_slot ON final_marks (school_id, student_id, subject_id, kind, period_id)",
)


def upgrade() -> None:
    create_platform_tables()
    for table, columns in TABLES.items():
        op.execute(f"CREATE TABLE {table} ({columns})")
        enable_tenant_rls(table)
    for statement in INDEXES:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(list(TABLES)):
        op.execute(f"DROP TABLE {table}")
    drop_platform_tables()
