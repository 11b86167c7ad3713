"""factory_boy factories for the models the tests need in bulk."""

import datetime
import random

import factory
from stdnum.cn import uscc as stdnum_uscc

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.common.demo import organization_code
from innopilot.directory.models import (
    Enterprise,
    EnterpriseContact,
    ManagingUnit,
    Qualification,
    QualificationType,
)
from innopilot.evaluations.models import EvaluationInstitution

_rng = random.Random(4754)


def valid_uscc(region_code: str = "500112") -> str:
    partial = "91" + region_code + organization_code(_rng)
    return partial + stdnum_uscc.calc_check_digit(partial)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.LazyFunction(valid_uscc)
    name = factory.Sequence(lambda n: f"重庆测试企业{n}有限公司")
    managing_unit = factory.LazyFunction(lambda: ManagingUnit.objects.get(code="500112"))


class QualificationFactory(factory.django.DjangoModelFactory):
    """A national IP advantage title recognised in 2021, valid to the end of 2024, unless told."""

    class Meta:
        model = Qualification

    enterprise = factory.SubFactory(EnterpriseFactory)
    type = factory.LazyFunction(lambda: QualificationType.objects.get(code="national_ip_advantage"))
    recognized_year = 2021
    valid_to = factory.LazyAttribute(lambda q: datetime.date(q.recognized_year + 3, 12, 31))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseContact

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"联系人{n}")
    position = "知识产权专员"
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    email = factory.Sequence(lambda n: f"contact{n}@example.cn")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationInstitution

    name = factory.Sequence(lambda n: f"评价机构{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    role = Role.CITY_IP
    password = factory.PostGenerationMethodCall("set_password", "Correct-Horse-9")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
