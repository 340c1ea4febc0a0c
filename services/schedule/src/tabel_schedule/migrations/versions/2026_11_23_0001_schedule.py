"""Calendar, bells, places, curriculum, timetable, dated lessons, projections, feeds.

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
    "academic_years": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, start_year integer NOT NULL,
        name text NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL,
        time_zone text NOT NULL, UNIQUE (school_id, start_year)""",
    "terms": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        academic_year_id uuid NOT NULL REFERENCES academic_years (id) ON DELETE CASCADE,
        kind text NOT NULL, number integer NOT NULL, grade_levels integer[] NOT NULL,
        starts_on date NOT NULL, ends_on date NOT NULL, closed boolean NOT NULL DEFAULT false""",
    "holidays": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        academic_year_id uuid NOT NULL REFERENCES academic_years (id) ON DELETE CASCADE,
        name text NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL,
        grade_levels integer[] NOT NULL""",
    "bell_schedules": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, name text NOT NULL,
        shift integer NOT NULL, shortened boolean NOT NULL, periods jsonb NOT NULL""",
    "shortened_days": """
        school_id uuid NOT NULL, day date NOT NULL, shift integer NOT NULL,
        bell_schedule_id uuid NOT NULL REFERENCES bell_schedules (id) ON DELETE CASCADE,
        PRIMARY KEY (school_id, day, shift)""",
    "buildings": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, name text NOT NULL, address text NOT NULL""",
    "rooms": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        building_id uuid NOT NULL REFERENCES buildings (id), name text NOT NULL,
        capacity integer, UNIQUE (school_id, building_id, name)""",
    "subjects": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, name text NOT NULL,
        short_name text NOT NULL, UNIQUE (school_id, name)""",
    "teaching_assignments": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        academic_year_id uuid NOT NULL REFERENCES academic_years (id),
        teacher_id uuid NOT NULL, subject_id uuid NOT NULL REFERENCES subjects (id),
        class_id uuid NOT NULL, study_group_id uuid, weekly_hours numeric(5, 2) NOT NULL""",
    "timetable_entries": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        academic_year_id uuid NOT NULL REFERENCES academic_years (id),
        weekday integer NOT NULL, shift integer NOT NULL, period integer NOT NULL,
        starts time NOT NULL, ends time NOT NULL, weeks text NOT NULL,
        subject_id uuid NOT NULL REFERENCES subjects (id), teacher_id uuid NOT NULL,
        class_ids uuid[] NOT NULL, study_group_ids uuid[] NOT NULL, room_id uuid,
        teaching_assignment_id uuid, valid_from date NOT NULL, valid_to date NOT NULL""",
    "lessons": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, timetable_entry_id uuid,
        day date NOT NULL, period integer NOT NULL,
        starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
        subject_id uuid NOT NULL, teacher_id uuid NOT NULL, class_ids uuid[] NOT NULL,
        study_group_ids uuid[] NOT NULL, room_id uuid, term_id uuid,
        teaching_assignment_id uuid, status text NOT NULL DEFAULT 'scheduled',
        substitute_teacher_id uuid, changes text[] NOT NULL DEFAULT '{}',
        original_day date, original_period integer, note text NOT NULL DEFAULT ''""",
    "substitutions": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL,
        lesson_id uuid NOT NULL, kind text NOT NULL,
        before jsonb NOT NULL, after jsonb NOT NULL, reason text NOT NULL,
        made_at timestamptz NOT NULL DEFAULT now(), ended_at timestamptz""",
    "classes": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, name text NOT NULL,
        grade_level integer NOT NULL""",
    "study_groups": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, class_id uuid NOT NULL, name text NOT NULL""",
    "memberships": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, person_id uuid NOT NULL,
        class_id uuid, study_group_id uuid, starts_on date, ends_on date""",
    "lessons_with_entries": """
        lesson_id uuid PRIMARY KEY, school_id uuid NOT NULL,
        first_entry_at timestamptz NOT NULL DEFAULT now()""",
    "calendar_feeds": """
        id uuid PRIMARY KEY, school_id uuid NOT NULL, person_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz""",
}

INDEXES = [
    "CREATE INDEX terms_year ON terms (school_id, academic_year_id)",
    "CREATE INDEX entries_year ON timetable_entries (school_id, academic_year_id, weekday)",
    "CREATE INDEX lessons_day ON lessons (school_id, day)",
    "CREATE INDEX lessons_teacher ON lessons (school_id, teacher_id, day)",
    "CREATE INDEX lessons_substitute ON lessons (school_id, substitute_teacher_id, day)"
    " WHERE substitute_teacher_id IS NOT NULL",
    "CREATE INDEX lessons_room ON lessons (school_id, room_id, day)",
    "CREATE INDEX lessons_classes ON lessons USING gin (class_ids)",
    "CREATE INDEX lessons_groups ON lessons USING gin (study_group_ids)",
    "CREATE INDEX lessons_entry ON lessons (timetable_entry_id, day)",
    "CREATE INDEX substitutions_lesson ON substitutions (lesson_id)",
    "CREATE INDEX memberships_person ON memberships (school_id, person_id)",
    "CREATE INDEX memberships_class ON memberships (class_id)",
    "CREATE INDEX memberships_group ON memberships (study_group_id)",
    "CREATE INDEX assignments_year ON teaching_assignments (school_id, academic_year_id)",
]


def upgrade() -> None:
    create_platform_tables()
    for name, columns in TABLES.items():
        op.execute(f"CREATE TABLE {name} ({columns})")
        enable_tenant_rls(name)
    for statement in INDEXES:
        op.execute(statement)


def downgrade() -> None:
    for name in reversed(list(TABLES)):
        op.execute(f"DROP TABLE {name}")
    drop_platform_tables()
