"""Demo assessments against the bundled ISO 56005 library, drawn from a fixed seed.

About a third of the eligible pool has assessed itself: last year's assessment submitted, and for
some the year before as well, so that results compare two years and the officials' overview has
clause averages to show. One assessment is back with the enterprise for correction and a few of this
year's are in progress. Answers follow each enterprise's capability — an IP department, full-time
staff, patents and GB/T 29490 certification make better answers likely — so scores spread over the
indicative levels 1–4. Everything is written in bulk, scored by the engine and audited.
"""

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from innopilot.accounts.models import User
from innopilot.accounts.roles import Role
from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission, evidence_path
from innopilot.assessments.scores import assessment_score
from innopilot.assessments.services import DEFAULT_LIBRARY_URN, answer_value, canonical_json, snapshot_of
from innopilot.common.audit import DEMO_SOURCE, audit_bulk_created
from innopilot.directory.eligibility import eligible_filter
from innopilot.directory.models import Enterprise
from innopilot.standards.models import Clause, Question, StandardLibrary

SEED = 56005 + 4
SHARE = 1 / 3
_COMMENTS = [
    "已形成制度文件，由知识产权部牵头执行。",
    "目前由研发中心兼管，尚未形成书面流程。",
    "已在年度经营计划中体现，执行情况每季度检查一次。",
    "正在与外部服务机构合作完善相关制度。",
    "部分项目已落实，其余项目计划明年推开。",
]
_EVIDENCE = ["知识产权管理制度汇编.pdf", "2025年度知识产权工作计划.pdf", "发明披露登记台账.pdf"]


@dataclass
class Plan:
    enterprise: Enterprise
    year: int
    capability: float  # 0–1: how well the enterprise manages IP that year
    status: str
    answered_share: float = 1.0  # drafts have answered part of the questions


def demo_assessments_load(*, ent_demo_enterprise: Enterprise | None = None) -> int:
    """Create the demo assessments that are missing; returns how many were created."""
    library = StandardLibrary.objects.filter(urn=DEFAULT_LIBRARY_URN).order_by("-version").first()
    if library is None:
        raise RuntimeError("Load the bundled standard libraries first: innopilot standards load --bundled")
    today = timezone.localdate()
    plans = _plans(today, ent_demo_enterprise)
    existing = set(Assessment.objects.values_list("enterprise_id", "year"))
    plans = [p for p in plans if (p.enterprise.pk, p.year) not in existing]
    if not plans:
        return 0
    questions = list(Question.objects.filter(library=library).select_related("clause").order_by("sort_order"))
    writer = _Writer(library, questions, random.Random(SEED + 1))
    for plan in plans:
        writer.add(plan)
    writer.save()
    return len(plans)


def _capability(enterprise: Enterprise, rng: random.Random) -> float:
    """Better-run companies answer better: a base from the survey, and a random spread."""
    base = 0.12
    base += 0.14 if enterprise.has_ip_department else 0
    base += min(enterprise.ip_staff_full_time or 0, 6) * 0.025
    base += min(enterprise.valid_invention_patents or 0, 120) / 120 * 0.12
    base += 0.1 if enterprise.gbt29490_certified else 0
    base += {"large": 0.06, "medium": 0.03}.get(enterprise.size_class, 0)
    return max(0.05, min(0.78, base + rng.uniform(-0.12, 0.12)))


def _plans(today: datetime.date, ent_demo: Enterprise | None) -> list[Plan]:
    rng = random.Random(SEED)
    last, before = today.year - 1, today.year - 2
    pool = list(
        Enterprise.objects.filter(eligible_filter(today))
        .distinct()
        .order_by("uscc")
        .select_related("managing_unit")
    )
    # A third of each unit's pool (at least one), so that every district's overview has content.
    by_unit: dict[int, list[Enterprise]] = {}
    for enterprise in pool:
        by_unit.setdefault(enterprise.managing_unit_id, []).append(enterprise)
    chosen, twice = [], {ent_demo}
    for members in by_unit.values():
        others = [e for e in members if e != ent_demo]
        count = max(1, round(len(members) * SHARE)) - (len(others) < len(members))
        sample = rng.sample(others, min(count, len(others)))
        chosen += [e for e in members if e == ent_demo] + sample
        twice.add(sample[0] if sample else None)  # every unit can compare two years somewhere
    chosen.sort(key=lambda e: e.uscc)
    plans: list[Plan] = []
    for enterprise in chosen:
        capability = _capability(enterprise, rng)
        own = enterprise == ent_demo
        if own:  # the demo user's company has made clear progress since the year before
            capability = max(capability, 0.55)
        if enterprise in twice or rng.random() < 0.4:
            # A year earlier, mostly somewhat weaker: the comparison shows progress (and some setbacks).
            earlier = max(0.05, capability - (0.15 if own else rng.uniform(-0.05, 0.18)))
            plans.append(Plan(enterprise, before, earlier, Assessment.Status.SUBMITTED))
        plans.append(Plan(enterprise, last, capability, Assessment.Status.SUBMITTED))
    # One of last year's is back with its enterprise for correction; a few of this year's are started.
    returned = next(p for p in plans if p.year == last and p.enterprise != ent_demo)
    returned.status = Assessment.Status.RETURNED
    starters = [p for p in plans if p.year == last and p.enterprise != ent_demo and p is not returned]
    for plan in rng.sample(starters, min(4, len(starters))):
        plans.append(
            Plan(
                plan.enterprise,
                today.year,
                plan.capability + 0.05,
                Assessment.Status.DRAFT,
                rng.uniform(0.2, 0.7),
            )
        )
    return plans


class _Writer:
    """Collects the rows of many assessments and writes each model in one bulk insert."""

    def __init__(self, library: StandardLibrary, questions: list[Question], rng: random.Random):
        self.library, self.questions, self.rng = library, questions, rng
        self.clause_ids = dict(Clause.objects.filter(library=library).values_list("code", "pk"))
        self.users = {u.enterprise_id: u for u in User.objects.filter(role=Role.ENTERPRISE).order_by("pk")}
        self.officials = {
            u.managing_unit_id: u for u in User.objects.filter(role=Role.DISTRICT_IP).order_by("pk")
        }
        self.items: list[tuple[Plan, Assessment, list[Answer]]] = []

    def add(self, plan: Plan) -> None:
        assessment = Assessment(
            enterprise=plan.enterprise,
            year=plan.year,
            library=self.library,
            status=plan.status,
            created_by=self.users.get(plan.enterprise.pk),
        )
        self.items.append((plan, assessment, self._answers(plan, assessment)))

    def _answers(self, plan: Plan, assessment: Assessment) -> list[Answer]:
        rng, given = self.rng, {}
        bias = {
            section: rng.uniform(-0.15, 0.15) for section in ("framework", "strategy", "process", "tools")
        }
        answers = []
        for question in self.questions:
            condition = question.condition
            if condition and str(given.get(condition["question"])) not in {str(v) for v in condition["in"]}:
                continue  # not shown: its condition is not met
            if rng.random() > plan.answered_share:
                continue
            answer = Answer(assessment=assessment, question=question, updated_by=assessment.created_by)
            target = max(0.0, min(1.0, plan.capability + bias[question.clause.section] + rng.gauss(0, 0.15)))
            if question.allows_not_applicable and rng.random() < 0.08:
                answer.not_applicable = True
            elif question.kind == Question.Kind.MATURITY:
                answer.level = round(target * 4)
            elif question.kind == Question.Kind.YES_PARTLY_NO:
                answer.choice = "yes" if target > 0.62 else "partly" if target > 0.3 else "no"
            else:
                steps = question.numeric_steps or [[1, 1]]
                reached = [threshold for threshold, share in steps if share <= target + 0.1]
                answer.number = round(reached[-1] * rng.uniform(1, 1.4), 0) if reached else 0
            if rng.random() < 0.15:
                answer.comment = rng.choice(_COMMENTS)
            given[question.code] = None if answer.not_applicable else answer_value(answer)
            answers.append(answer)
        return answers

    def save(self) -> None:
        assessments = [assessment for _, assessment, _ in self.items]
        Assessment.objects.bulk_create(assessments)
        # Each year's assessment starts from the one before, as the workflow's prefill does.
        by_year = {(a.enterprise_id, a.year): a for a in assessments}
        for assessment in assessments:
            assessment.previous = by_year.get((assessment.enterprise_id, assessment.year - 1))
        answers = [answer for _, _, rows in self.items for answer in rows]
        for _plan, assessment, rows in self.items:
            for answer in rows:
                answer.assessment = assessment
        Answer.objects.bulk_create(answers, batch_size=1000)
        evidence = self._evidence()
        submissions, clause_scores = [], []
        for plan, assessment, rows in self.items:
            if plan.status == Assessment.Status.DRAFT:
                continue
            submission, scores = self._submit(plan, assessment, rows, evidence)
            submissions.append(submission)
            clause_scores += scores
        Assessment.objects.bulk_update(
            assessments,
            ["status", "previous", "submitted_at", "score", "level", "section_scores"],
            batch_size=500,
        )
        Submission.objects.bulk_create(submissions)
        ClauseScore.objects.bulk_create(clause_scores, batch_size=1000)
        audit_bulk_created(assessments, answers, evidence, submissions, source=DEMO_SOURCE)

    def _evidence(self) -> list[Evidence]:
        """Evidence files (real PDFs) on the demo user's latest submitted assessment."""
        mine = [
            (plan, rows)
            for plan, _, rows in self.items
            if plan.enterprise.pk in self.users and plan.status == Assessment.Status.SUBMITTED
        ]
        if not mine:
            return []
        plan, rows = max(mine, key=lambda item: item[0].year)
        # Imported here: common.demo calls this module at the end of demo_load.
        from innopilot.common.demo import minimal_pdf

        files = []
        for name, answer in zip(_EVIDENCE, [a for a in rows if not a.not_applicable][:3], strict=False):
            content = minimal_pdf(f"Evidence {answer.question.code}")
            file = Evidence(
                answer=answer,
                original_name=name,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                refers_to=datetime.date(plan.year, 6, 30),
                uploaded_by=self.users[plan.enterprise.pk],
            )
            file.file = default_storage.save(evidence_path(file, name), ContentFile(content))
            files.append(file)
        Evidence.objects.bulk_create(files)
        return files

    def _submit(self, plan, assessment, rows, evidence) -> tuple[Submission, list[ClauseScore]]:
        result = assessment_score(assessment, rows)
        rng = self.rng
        when = timezone.make_aware(
            datetime.datetime(plan.year, rng.randint(4, 10), rng.randint(1, 28), rng.randint(9, 17))
        )
        files = {}
        for file in evidence:
            files.setdefault(file.answer.question.code, []).append(file)
        snapshot = snapshot_of(assessment, rows, result, 1, evidence_by_question=files)
        score = round(result.overall, 2)
        assessment.status = plan.status
        assessment.submitted_at, assessment.score, assessment.level = when, score, result.level
        assessment.section_scores = snapshot["scores"]["sections"]
        submission = Submission(
            assessment=assessment,
            number=1,
            submitted_by=self.users.get(plan.enterprise.pk),
            submitted_at=when,
            snapshot=snapshot,
            content_hash=hashlib.sha256(canonical_json(snapshot)).hexdigest(),
            score=score,
            level=result.level,
        )
        if plan.status == Assessment.Status.RETURNED:
            submission.returned_at = when + datetime.timedelta(days=6)
            submission.returned_by = self.officials.get(plan.enterprise.managing_unit_id)
            submission.return_comment = "请补充知识产权管理制度的发布文件，并核实近一年发明披露数量。"
        clause_scores = [
            ClauseScore(assessment=assessment, clause_id=self.clause_ids[code], score=round(value, 2))
            for code, value in result.clauses.items()
            if value is not None
        ]
        return submission, clause_scores
