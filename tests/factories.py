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


def small_library(*, urn: str = "urn:innopilot:test:mini", version: int = 1):
    """A four-clause library (one per section) with one question of each kind and a conditional one,
    and the five grade bands: enough for workflow and page tests without the full ISO 56005 file."""
    from innopilot.standards.models import Clause, GradeBand, Question, Section, StandardLibrary

    library = StandardLibrary.objects.create(
        urn=urn,
        version=version,
        ref_id="TEST",
        name_zh="测试标准",
        name_en="Test standard",
        content_hash="0" * 64,
    )
    clauses = {}
    for order, (code, section) in enumerate(
        [
            ("4.1", Section.FRAMEWORK),
            ("5.1", Section.STRATEGY),
            ("6.2", Section.PROCESS),
            ("A", Section.TOOLS),
        ]
    ):
        clauses[code] = Clause.objects.create(
            library=library,
            code=code,
            section=section,
            title_zh=f"条款{code}",
            title_en=f"Clause {code}",
            guidance_zh=f"条款{code}的指引",
            next_steps_zh="建立制度\n定期评审",
            sort_order=order,
        )
    levels = [{"zh": f"等级{n}", "en": f"Level {n}"} for n in range(5)]
    specs = [
        ("Q4.1-1", "4.1", Question.Kind.MATURITY, {"levels": levels}),
        ("Q5.1-1", "5.1", Question.Kind.YES_PARTLY_NO, {"allows_not_applicable": True}),
        (
            "Q6.2-1",
            "6.2",
            Question.Kind.NUMERIC,
            {"numeric_steps": [[1, 0.25], [5, 0.5], [10, 1]], "unit": {"zh": "件", "en": "items"}},
        ),
        ("QA-1", "A", Question.Kind.YES_PARTLY_NO, {}),
        (
            "QA-2",
            "A",
            Question.Kind.MATURITY,
            {"levels": levels, "condition": {"question": "QA-1", "in": ["yes", "partly"]}},
        ),
    ]
    for order, (code, clause, kind, extra) in enumerate(specs):
        Question.objects.create(
            library=library,
            clause=clauses[clause],
            code=code,
            kind=kind,
            text_zh=f"问题{code}",
            text_en=f"Question {code}",
            evidence_prompt_zh="请上传相关制度文件",
            sort_order=order,
            **extra,
        )
    for level, (minimum, name) in enumerate(
        [(0, "初始级"), (20, "过程级"), (40, "项目级"), (60, "系统级"), (80, "生态级")], start=1
    ):
        GradeBand.objects.create(library=library, level=level, min_score=minimum, name_zh=name)
    return library
