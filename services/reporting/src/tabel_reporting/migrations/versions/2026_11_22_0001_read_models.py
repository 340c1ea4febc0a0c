"""Platform tables and the read models fed by roster, schedule, journal and identity events.

Every row keeps `event_at`, the time of the newest event applied to it: an older event
delivered late changes nothing, so the read models do not depend on delivery order and a
replay reproduces them exactly (no column takes the clock of the consumer).

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op

from tabel_platform.db.platform_tables import create_platform_tables, drop_platform_tables
from tabel_platform.db.rls import enable_tenant_rls

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TENANT_TABLES = {
    "schools": """school_id uuid PRIMARY KEY, municipality_id uuid NOT NULL,
        name text NOT NULL, short_name text NOT NULL, event_at timestamptz NOT NULL""",
    "people": """person_id uuid PRIMARY KEY, school_id uuid NOT NULL,
        last_name text NOT NULL, first_name text NOT NULL, middle_name text NOT NULL,
        is_student boolean NOT NULL, is_staff boolean NOT NULL, event_at timestamptz NOT NULL""",
    "classes": """class_id uuid PRIMARY KEY, school_id uuid NOT NULL,
        academic_year_start integer NOT NULL, grade_level integer NOT NULL, name text NOT NULL,
        class_teacher_id uuid, event_at timestamptz NOT NULL""",
    "memberships": """membership_id uuid PRIMARY KEY, school_id uuid NOT NULL,
        person_id uuid NOT NULL, class_id uuid, study_group_id uuid,
        starts_on date, ends_on date, event_at timestamptz NOT NULL""",
    "academic_years": """academic_year_id uuid PRIMARY KEY, school_id uuid NOT NULL,
        start_year integer NOT NULL, name text NOT NULL, starts_on date, ends_on date,
        event_at timestamptz NOT NULL""",
    "terms": """term_id uuid PRIMARY KEY, school_id uuid NOT NULL, academic_year_id uuid,
        kind integer NOT NULL, number integer NOT NULL, grade_levels integer[] NOT NULL,
        starts_on date, ends_on date, closed boolean NOT NULL, event_at timestamptz NOT NULL""",
    "lessons": """lesson_id uuid PRIMARY KEY, school_id uuid NOT NULL, date date NOT NULL,
        period integer NOT NULL, subject_id uuid, subject_name text NOT NULL,
        teacher_id uuid, substitute_teacher_id uuid, class_ids uuid[] NOT NULL,
        study_group_ids uuid[] NOT NULL, term_id uuid, cancelled boolean NOT NULL,
        event_at timestamptz NOT NULL""",
    # Subject names as the school's schedule gives them (lessons, teaching assignments).
    "subjects": """subject_id uuid PRIMARY KEY, school_id uuid NOT NULL, name text NOT NULL,
        event_at timestamptz NOT NULL""",
    "lesson_records": """lesson_id uuid PRIMARY KEY, school_id uuid NOT NULL, subject_id uuid,
        term_id uuid, date date, topic text NOT NULL, work_types text[] NOT NULL,
        teacher_id uuid, event_at timestamptz NOT NULL""",
    "marks": """mark_id uuid PRIMARY KEY, school_id uuid NOT NULL, student_id uuid NOT NULL,
        lesson_id uuid, subject_id uuid NOT NULL, term_id uuid, date date NOT NULL,
        value text NOT NULL, scale_code text NOT NULL, weight integer NOT NULL,
        work_type text NOT NULL, teacher_id uuid, recorded_at timestamptz,
        on_time boolean NOT NULL, deleted boolean NOT NULL, event_at timestamptz NOT NULL""",
    "attendance": """lesson_id uuid NOT NULL, student_id uuid NOT NULL, school_id uuid NOT NULL,
        subject_id uuid, term_id uuid, date date NOT NULL, status integer NOT NULL,
        late_minutes integer NOT NULL, note text NOT NULL, recorded_by uuid,
        on_time boolean NOT NULL, event_at timestamptz NOT NULL,
        PRIMARY KEY (lesson_id, student_id)""",
    "final_marks": """student_id uuid NOT NULL, subject_id uuid NOT NULL, kind integer NOT NULL,
        period_id uuid NOT NULL, school_id uuid NOT NULL, academic_year_id uuid,
        term_id uuid, value text NOT NULL, teacher_id uuid, set_at timestamptz,
        event_at timestamptz NOT NULL, PRIMARY KEY (student_id, subject_id, kind, period_id)""",
    "homework": """homework_id uuid PRIMARY KEY, school_id uuid NOT NULL, subject_id uuid,
        lesson_id uuid, assigned_on date, due_on date, text text NOT NULL, teacher_id uuid,
        on_time boolean NOT NULL, event_at timestamptz NOT NULL""",
    # Derived from `marks` (recomputed on every mark event of the student, subject and term):
    # what class and municipal reports aggregate, so they never scan single marks.
    "subject_results": """school_id uuid NOT NULL, student_id uuid NOT NULL,
        subject_id uuid NOT NULL, term_id uuid NOT NULL, marks integer NOT NULL,
        sum_weighted numeric NOT NULL, sum_weights integer NOT NULL, specials text[] NOT NULL,
        PRIMARY KEY (student_id, subject_id, term_id)""",
    # Who did something in the journal, per month (seed 004 3.2.1), from event actors.
    "activity": """school_id uuid NOT NULL, month date NOT NULL, person_id uuid NOT NULL,
        action text NOT NULL, events integer NOT NULL,
        PRIMARY KEY (school_id, month, person_id, action)""",
}

INDEXES = (
    "CREATE INDEX people_school ON people (school_id)",
    "CREATE INDEX classes_school ON classes (school_id, academic_year_start)",
    "CREATE INDEX memberships_class ON memberships (class_id)",
    "CREATE INDEX memberships_person ON memberships (person_id)",
    "CREATE INDEX terms_school ON terms (school_id)",
    "CREATE INDEX lessons_classes ON lessons USING gin (class_ids)",
    "CREATE INDEX lessons_school_date ON lessons (school_id, date)",
    "CREATE INDEX marks_result ON marks (student_id, subject_id, term_id)",
    "CREATE INDEX marks_school_date ON marks (school_id, date)",
    "CREATE INDEX attendance_student ON attendance (student_id, date)",
    "CREATE INDEX attendance_school_date ON attendance (school_id, date)",
    "CREATE INDEX homework_school ON homework (school_id, assigned_on)",
    "CREATE INDEX subject_results_term ON subject_results (term_id, subject_id)",
    "CREATE INDEX subject_results_school ON subject_results (school_id)",
    "CREATE INDEX final_marks_period ON final_marks (period_id, kind)",
    "CREATE INDEX schools_municipality ON schools (municipality_id)",
)

# Above any school: municipalities group schools; grants say who may read what.
SHARED_TABLES = {
    "municipalities": """municipality_id uuid PRIMARY KEY, name text NOT NULL,
        oktmo text NOT NULL, event_at timestamptz NOT NULL""",
    "grants": """grant_id uuid PRIMARY KEY, subject text NOT NULL, person_id uuid,
        school_id uuid, role integer NOT NULL, scope_kind integer NOT NULL,
        scope_id uuid, revoked boolean NOT NULL, event_at timestamptz NOT NULL""",
    # Progress of each consumer: how many events it applied and the newest one's time.
    "projection_state": """consumer text PRIMARY KEY, events bigint NOT NULL,
        last_event_at timestamptz NOT NULL""",
}


def upgrade() -> None:
    create_platform_tables()
    for name, columns in {**TENANT_TABLES, **SHARED_TABLES}.items():
        op.execute(f"CREATE TABLE {name} ({columns})")
    for statement in INDEXES:
        op.execute(statement)
    op.execute("CREATE INDEX grants_subject ON grants (subject)")
    op.execute("CREATE INDEX grants_person ON grants (person_id)")
    for name in TENANT_TABLES:
        enable_tenant_rls(name)


def downgrade() -> None:
    for name in [*TENANT_TABLES, *SHARED_TABLES]:
        op.execute(f"DROP TABLE {name}")
    drop_platform_tables()
