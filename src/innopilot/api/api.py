"""The JSON API (OpenAPI at /api/openapi.json, documentation at /api/docs for signed-in users)."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from innopilot.accounts import access
from innopilot.directory import selectors as directory_selectors

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


class EnterpriseOut(Schema):
    uscc: str
    name: str
    managing_unit: str


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
    rows = directory_selectors.enterprises_for_list(request.user, query=q, unit_code=unit)
    return [
        EnterpriseOut(uscc=e.uscc, name=e.name, managing_unit=e.managing_unit.code)
        for e in rows[offset : offset + limit]
    ]


@api.get("/enterprises/{uscc}", response=EnterpriseOut, summary="One enterprise in the user's scope")
def enterprise(request, uscc: str):
    e = access.get_enterprise_for(request.user, uscc)
    return EnterpriseOut(uscc=e.uscc, name=e.name, managing_unit=e.managing_unit.code)
