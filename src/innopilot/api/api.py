"""The JSON API (OpenAPI at /api/openapi.json, documentation at /api/docs for signed-in users)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.security import django_auth

from innopilot.accounts import access
from innopilot.directory import eligibility
from innopilot.directory import selectors as directory_selectors
from innopilot.directory.export import contact_details

api = NinjaAPI(
    title="Innopilot API",
    version="1",
    auth=django_auth,
    docs_decorator=login_required,
    urls_namespace="api",
)


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    scope: str


class UnitOut(Schema):
    code: str
    name_zh: str
    name_en: str
    kind: str
    gbt2260: str
    enterprise_count: int


class QualificationOut(Schema):
    type: str
    type_name: str
    recognized_year: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class ContactOut(Schema):
    name: str
    position: str
    mobile: str
    email: str


class EnterpriseOut(Schema):
    uscc: str
    name: str
    managing_unit: str
    industry: str | None = Field(description="GB/T 4754 division code")
    size_class: str
    willingness: str
    eligible: bool = Field(description="In the eligible pool for the pilot today")
    eligibility_reasons: list[str]
    valid_qualifications: list[QualificationOut]
    contacts: list[ContactOut] = Field(
        description="Mobiles and e-mails masked in the list for roles that do not call enterprises"
    )


def _enterprise_out(enterprise, *, day: datetime.date, masked: bool) -> EnterpriseOut:
    qualifications = list(enterprise.qualifications.all())
    verdict = eligibility.assess(qualifications, day)
    contacts = []
    for contact in enterprise.contacts.all():
        mobile, email = contact_details(contact, masked=masked)
        contacts.append(ContactOut(name=contact.name, position=contact.position, mobile=mobile, email=email))
    return EnterpriseOut(
        uscc=enterprise.uscc,
        name=enterprise.name,
        managing_unit=enterprise.managing_unit.code,
        industry=enterprise.industry.code if enterprise.industry else None,
        size_class=enterprise.size_class,
        willingness=enterprise.willingness,
        eligible=verdict.eligible,
        eligibility_reasons=verdict.reasons,
        valid_qualifications=[
            QualificationOut(
                type=q.type.code,
                type_name=q.type.name,
                recognized_year=q.recognized_year,
                valid_from=q.valid_from,
                valid_to=q.valid_to,
            )
            for q in qualifications
            if eligibility.holds_on(q, day)
        ],
        contacts=contacts,
    )


@api.get("/me", response=MeOut, summary="The signed-in user and their scope")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        role_label=str(user.get_role_display()),
        scope=user.scope_label,
    )


@api.get("/units", response=list[UnitOut], summary="Managing units visible to the user")
def units(request):
    return list(directory_selectors.units_with_counts(request.user))


@api.get("/enterprises", response=list[EnterpriseOut], summary="Enterprises visible to the user")
def enterprises(request, q: str = "", unit: str = "", limit: int = 100, offset: int = 0):
    limit = max(1, min(limit, 500))
    day = timezone.localdate()
    filters = directory_selectors.EnterpriseFilters(query=q.strip(), unit_code=unit)
    rows = directory_selectors.enterprises_for_list(request.user, filters=filters, day=day)
    masked = not access.sees_contacts_unmasked_in_lists(request.user)
    return [_enterprise_out(e, day=day, masked=masked) for e in rows[offset : offset + limit]]


@api.get("/enterprises/{uscc}", response=EnterpriseOut, summary="One enterprise in the user's scope")
def enterprise(request, uscc: str):
    e = directory_selectors.enterprise_for_detail(request.user, uscc)
    return _enterprise_out(e, day=timezone.localdate(), masked=False)
