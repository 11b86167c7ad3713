"""The demo data: a realistic directory, reloading changes nothing, every printed account signs in."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.common.demo import DEMO_PASSWORD, demo_load
from innopilot.directory.eligibility import eligible_filter
from innopilot.directory.mechanisms.checks import plan_problem
from innopilot.directory.mechanisms.selectors import missing_items
from innopilot.directory.models import (
    Enterprise,
    EnterpriseContact,
    ManagingUnit,
    Qualification,
    WorkMechanism,
)
from innopilot.directory.uscc import organization_code_warning, validate_uscc

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    models = (Enterprise, EnterpriseContact, Qualification, WorkMechanism, User, LogEntry)
    return tuple(model.objects.count() for model in models)


def test_loading_the_demo_twice_changes_nothing(reference_data):
    first = demo_load()
    loaded = counts()
    assert loaded[:5] == (417, loaded[1], loaded[2], 38, 11)
    assert demo_load() == first
    assert counts() == loaded


def test_demo_enterprises_have_valid_codes_and_records_in_every_unit(reference_data):
    demo_load(annual_data=False)
    enterprises = list(Enterprise.objects.select_related("industry"))
    assert len({e.managing_unit_id for e in enterprises}) == 41
    assert len({e.name for e in enterprises}) == len(enterprises)
    for enterprise in enterprises:
        assert validate_uscc(enterprise.uscc) == enterprise.uscc
        assert organization_code_warning(enterprise.uscc) is None
        assert enterprise.industry.code[:1] in "1234" or enterprise.industry.code in {
            "63",
            "64",
            "65",
            "73",
            "74",
            "75",
        }
        enterprise.full_clean(validate_unique=False)
    manufacturing = sum(e.industry.code < "44" for e in enterprises)
    assert manufacturing > len(enterprises) * 0.7


def test_every_demo_enterprise_has_contacts_with_valid_mobiles_and_emails(reference_data):
    demo_load(annual_data=False)
    per_enterprise = Enterprise.objects.annotate(n=Count("contacts")).values_list("n", flat=True)
    assert set(per_enterprise) == {1, 2}
    for contact in EnterpriseContact.objects.all():
        try:
            contact.full_clean(exclude=["enterprise"])
        except ValidationError as error:  # pragma: no cover - the message says which contact
            pytest.fail(f"{contact.name}: {error}")


def test_a_third_to_a_half_of_the_demo_is_eligible_and_every_unit_has_some(reference_data):
    demo_load(annual_data=False)
    eligible = Enterprise.objects.filter(eligible_filter(timezone.localdate())).distinct()
    share = eligible.count() / Enterprise.objects.count()
    assert 1 / 3 <= share <= 1 / 2
    units = ManagingUnit.objects.annotate(eligible=Count("enterprises", filter=Q(enterprises__in=eligible)))
    assert min(units.values_list("eligible", flat=True)) >= 1
    results = set(Qualification.objects.values_list("review_result", flat=True))
    assert results == {"", "passed", "failed", "pending"}
    expired = Qualification.objects.filter(valid_to__lt=timezone.localdate(), type__pilot_eligible=True)
    assert expired.exists()
    assert Qualification.objects.filter(type__level="provincial").exists()


def test_the_demo_enterprise_user_belongs_to_an_eligible_yubei_enterprise_with_contacts(reference_data):
    demo_load(annual_data=False)
    enterprise = User.objects.get(username="ent_demo").enterprise
    assert enterprise.managing_unit.code == "500112" and enterprise.contacts.exists()
    assert Enterprise.objects.filter(eligible_filter(timezone.localdate()), pk=enterprise.pk).exists()


def test_demo_mechanisms_leave_gaps_for_the_overview_and_plans_are_real_pdfs(reference_data):
    demo_load(annual_data=False)
    mechanisms = list(WorkMechanism.objects.select_related("managing_unit"))
    complete = [m for m in mechanisms if not missing_items(m)]
    assert 20 <= len(complete) < len(mechanisms) < 41
    yubei = next(m for m in mechanisms if m.managing_unit.code == "500112")
    assert yubei in complete
    with yubei.work_plan.open("rb") as plan:
        content = plan.read()
    assert plan_problem(yubei.work_plan_name, len(content), io.BytesIO(content), 20) is None
    assert content.rstrip().endswith(b"%%EOF")


def test_every_demo_record_is_in_the_audit_trail(reference_data):
    demo_load()
    for model in (Enterprise, EnterpriseContact, Qualification, WorkMechanism):
        logged = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
        assert logged.count() == model.objects.count(), model.__name__


def test_every_printed_demo_account_signs_in_and_sees_its_home(client, reference_data):
    for username in demo_load():
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.get(reverse("home")).status_code == 200, username
        client.logout()
