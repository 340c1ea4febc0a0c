"""Request and response bodies of the people, consent and guardianship endpoints."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field

from tabel_roster.domain.people import Consent, Person, PersonalData, PersonKind, Relation

Name = Annotated[str, Field(max_length=100)]


class ConsentWrite(BaseModel):
    given_by: str = Field(min_length=3, max_length=300, description="ФИО давшего согласие")
    given_by_person_id: UUID | None = None
    document_ref: str = Field(default="", max_length=200)


class PersonalDataWrite(BaseModel):
    birth_date: date | None = None
    sex: int | None = Field(default=None, ge=0, le=2, description="1 male, 2 female")
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    snils: str | None = Field(default=None, max_length=14)
    document: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=500)

    def personal_data(self) -> PersonalData:
        values = self.model_dump(include=set(PersonalData.__dataclass_fields__))
        values["sex"] = values["sex"] or 0
        return PersonalData(**values)


class PersonCreate(PersonalDataWrite):
    last_name: Name
    first_name: Name
    middle_name: Name = ""
    kinds: list[PersonKind] = Field(min_length=1)
    positions: list[str] = Field(default_factory=list)
    consent: ConsentWrite | None = None


class PersonUpdate(PersonalDataWrite):
    last_name: Name | None = None
    first_name: Name | None = None
    middle_name: Name | None = None
    kinds: list[PersonKind] | None = None
    positions: list[str] | None = None


class ConsentCreate(ConsentWrite):
    status: Consent


class ConsentRead(ConsentCreate):
    scope: list[str]
    recorded_by: str
    recorded_at: datetime


class PersonRead(BaseModel):
    id: UUID
    last_name: str
    first_name: str
    middle_name: str
    full_name: str
    kinds: list[PersonKind]
    positions: list[str]
    consent: Consent
    # Absent for callers without the right to personal data (and always without consent).
    personal_data: dict[str, Any] | None = None

    @classmethod
    def of(cls, p: Person, *, with_personal_data: bool) -> PersonRead:
        data = {k: v for k, v in vars(p.data).items() if v not in (None, 0)}
        return cls(
            id=p.id,
            last_name=p.last_name,
            first_name=p.first_name,
            middle_name=p.middle_name,
            full_name=p.full_name,
            kinds=p.kinds,
            positions=p.positions,
            consent=p.consent,
            personal_data=data if with_personal_data else None,
        )


class ChangeRead(BaseModel):
    action: str
    fields: list[str]
    actor_subject: str
    actor_person_id: UUID | None
    at: datetime


class GuardianshipCreate(BaseModel):
    guardian_id: UUID
    student_id: UUID
    relation: Relation


class GuardianshipRead(GuardianshipCreate):
    id: UUID
