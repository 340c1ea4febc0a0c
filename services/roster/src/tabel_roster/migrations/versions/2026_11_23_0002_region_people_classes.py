"""Municipalities, school settings and primary domains; people with consent and a personal-data
log; guardianships; classes, study groups, memberships and enrolment movements.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

from tabel_platform.db.rls import disable_tenant_rls, enable_tenant_rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "persons",
    "consents",
    "personal_data_log",
    "staff_positions",
    "guardianships",
    "classes",
    "class_teacher_history",
    "study_groups",
    "memberships",
    "enrolment_movements",
    "import_keys",
)

STATEMENTS = (
    # Above the schools: the region's municipalities (no tenant, no RLS).
    """CREATE TABLE municipalities (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        oktmo text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "ALTER TABLE schools ADD COLUMN grading_scale integer NOT NULL DEFAULT 1",
    "ALTER TABLE schools ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()",
    "CREATE INDEX schools_municipality ON schools (municipality_id)",
    "CREATE UNIQUE INDEX school_domains_one_primary ON school_domains (school_id) "
    "WHERE is_primary = 1",
    """CREATE TABLE persons (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        last_name text NOT NULL,
        first_name text NOT NULL,
        middle_name text NOT NULL DEFAULT '',
        kinds text[] NOT NULL,
        consent integer NOT NULL DEFAULT 0,
        birth_date date,
        sex integer NOT NULL DEFAULT 0,
        email text,
        phone text,
        snils text,
        document text,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (consent = 1 OR (birth_date IS NULL AND sex = 0 AND email IS NULL AND phone IS NULL
               AND snils IS NULL AND document IS NULL AND address IS NULL))
    )""",
    "CREATE INDEX persons_school_name ON persons (school_id, last_name, first_name)",
    """CREATE TABLE consents (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        status integer NOT NULL,
        given_by text NOT NULL,
        given_by_person_id uuid,
        scope text[] NOT NULL,
        document_ref text NOT NULL DEFAULT '',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX consents_person ON consents (school_id, person_id, recorded_at)",
    """CREATE TABLE personal_data_log (
        id bigserial PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        action text NOT NULL,
        fields text[] NOT NULL,
        actor_subject text NOT NULL,
        actor_person_id uuid,
        at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX personal_data_log_person ON personal_data_log (school_id, person_id, at)",
    """CREATE TABLE staff_positions (
        school_id uuid NOT NULL REFERENCES schools (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        position text NOT NULL,
        PRIMARY KEY (person_id, position)
    )""",
    """CREATE TABLE guardianships (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        guardian_id uuid NOT NULL REFERENCES persons (id),
        student_id uuid NOT NULL REFERENCES persons (id),
        relation integer NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removal_reason text NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX guardianships_active ON guardianships (guardian_id, student_id) "
    "WHERE removed_at IS NULL",
    "CREATE INDEX guardianships_student ON guardianships (school_id, student_id)",
    """CREATE TABLE classes (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        academic_year_start integer NOT NULL,
        grade_level integer NOT NULL CHECK (grade_level BETWEEN 1 AND 11),
        letter text NOT NULL,
        class_teacher_id uuid REFERENCES persons (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, academic_year_start, grade_level, letter)
    )""",
    """CREATE TABLE class_teacher_history (
        id bigserial PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        class_id uuid NOT NULL REFERENCES classes (id),
        teacher_id uuid REFERENCES persons (id),
        starts_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
    )""",
    """CREATE TABLE study_groups (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        class_id uuid REFERENCES classes (id),
        academic_year_start integer NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, academic_year_start, name)
    )""",
    """CREATE TABLE memberships (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        class_id uuid REFERENCES classes (id),
        study_group_id uuid REFERENCES study_groups (id),
        starts_on date NOT NULL,
        ends_on date,
        CHECK ((class_id IS NULL) <> (study_group_id IS NULL)),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )""",
    "CREATE INDEX memberships_class ON memberships (school_id, class_id, starts_on)",
    "CREATE INDEX memberships_group ON memberships (school_id, study_group_id, starts_on)",
    "CREATE INDEX memberships_person ON memberships (school_id, person_id, starts_on)",
    """CREATE TABLE enrolment_movements (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        student_id uuid NOT NULL REFERENCES persons (id),
        kind integer NOT NULL,
        from_class_id uuid REFERENCES classes (id),
        to_class_id uuid REFERENCES classes (id),
        effective_on date NOT NULL,
        order_number text NOT NULL DEFAULT '',
        reason text NOT NULL DEFAULT '',
        counterpart_school text NOT NULL DEFAULT '',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX enrolment_movements_student ON enrolment_movements (school_id, student_id)",
    # What an import row with a given key became, so a second run of the same file is a no-op.
    """CREATE TABLE import_keys (
        school_id uuid NOT NULL REFERENCES schools (id),
        entity text NOT NULL,
        key text NOT NULL,
        entity_id uuid NOT NULL,
        PRIMARY KEY (school_id, entity, key)
    )""",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
    for table in TENANT_TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    for table in reversed(TENANT_TABLES):
        disable_tenant_rls(table)
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP INDEX school_domains_one_primary")
    op.execute("DROP INDEX schools_municipality")
    op.execute("ALTER TABLE schools DROP COLUMN updated_at")
    op.execute("ALTER TABLE schools DROP COLUMN grading_scale")
    op.execute("DROP TABLE municipalities")
