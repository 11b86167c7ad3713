"""Time the PDF report of a 100-question assessment: ``.venv/bin/python -m benchmarks.assessment_report``.

Builds a fresh SQLite database in a temporary folder (or uses BENCH_DATABASE_URL) with a library
shaped like ISO 56005's (four parts, 22 clauses, BENCH_QUESTIONS questions of every kind), one
enterprise's submitted assessment of last year and of this year with every question answered
(comments and evidence files on a third of them), then renders the report BENCH_REPEAT times:
reading the results, drawing the charts, laying out and writing the PDF. The first rendering also
loads the fonts; the target (< 1.5 s) is for every rendering, so the slowest one is reported too.
"""

import io
import os
import statistics
import time

from benchmarks.database import fresh_django

QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "100"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
CLAUSES = {
    "framework": ("4", [f"4.{n}" for n in range(1, 8)]),
    "strategy": ("5", [f"5.{n}" for n in range(1, 4)]),
    "process": ("6", [f"6.{n}" for n in range(1, 7)]),
    "tools": ("annexes", list("ABCDEF")),
}


def build_library():
    from innopilot.standards.models import Clause, GradeBand, Question, StandardLibrary

    library = StandardLibrary.objects.create(
        urn="urn:innopilot:bench:report",
        version=1,
        ref_id="ISO 56005:2020",
        name_zh="ISO 56005 创新与知识产权管理能力初始测评（基准）",
        content_hash="0" * 64,
    )
    children = []
    order = 0
    for section, (top_code, codes) in CLAUSES.items():
        top = Clause.objects.create(
            library=library, code=top_code, section=section, title_zh=f"第{top_code}部分", sort_order=order
        )
        order += 1
        for code in codes:
            children.append(
                Clause.objects.create(
                    library=library,
                    parent=top,
                    code=code,
                    section=section,
                    title_zh=f"条款{code}：知识产权管理的组织环境与相关方需求",
                    guidance_zh="组织应识别影响知识产权管理的内外部因素，明确相关方的需求和期望，"
                    "并据此确定知识产权管理的范围和重点。",
                    next_steps_zh="梳理主要竞争对手和合作方的专利布局\n建立知识产权风险清单并每半年更新\n"
                    "将知识产权目标纳入年度经营计划",
                    sort_order=order,
                )
            )
            order += 1
    levels = [{"zh": f"第{n}级：制度、职责和记录逐步完善的描述", "en": f"Level {n}"} for n in range(5)]
    kinds = ["maturity", "yes_partly_no", "maturity", "numeric"]
    questions = []
    for index in range(QUESTIONS):
        kind = kinds[index % len(kinds)]
        questions.append(
            Question(
                library=library,
                clause=children[index % len(children)],
                code=f"Q{index:03d}",
                kind=kind,
                text_zh=f"第{index + 1}题：企业是否建立了与创新活动相适应的知识产权管理制度，"
                "并明确了职责分工和考核要求？",
                evidence_prompt_zh="请上传相关制度文件",
                levels=levels if kind == "maturity" else [],
                numeric_steps=[[1, 0.25], [5, 0.5], [10, 0.75], [20, 1]] if kind == "numeric" else [],
                unit={"zh": "件", "en": "items"} if kind == "numeric" else {},
                allows_not_applicable=index % 9 == 0,
                sort_order=index,
            )
        )
    Question.objects.bulk_create(questions)
    for level, (minimum, name) in enumerate(
        [(0, "初始级"), (20, "过程级"), (40, "项目级"), (60, "系统级"), (80, "生态级")], start=1
    ):
        GradeBand.objects.create(library=library, level=level, min_score=minimum, name_zh=name)
    return library


def submit(enterprise, library, year: int, shift: int):
    """An assessment with every question answered, scored by the engine and stored as submitted."""
    import datetime
    import hashlib
    from decimal import Decimal

    from django.utils import timezone

    from innopilot.assessments import scores
    from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence, Submission
    from innopilot.standards.models import Clause

    assessment = Assessment.objects.create(enterprise=enterprise, year=year, library=library)
    answers = []
    for index, question in enumerate(library.questions.order_by("sort_order")):
        values = {"comment": "已建立制度并按季度检查执行情况。" if index % 3 == 0 else ""}
        if question.kind == "maturity":
            values["level"] = (index + shift) % 5
        elif question.kind == "yes_partly_no":
            values["choice"] = ("yes", "partly", "no")[(index + shift) % 3]
        else:
            values["number"] = Decimal((index * 3 + shift) % 25)
        answers.append(Answer(assessment=assessment, question=question, **values))
    Answer.objects.bulk_create(answers)
    saved = list(assessment.answers.select_related("question"))
    Evidence.objects.bulk_create(
        Evidence(
            answer=answer,
            file=f"evidence/{assessment.pk}/{index}.pdf",
            original_name=f"知识产权管理制度汇编（{index}）.pdf",
            size=120_000,
            refers_to=datetime.date(year, 6, 30),
        )
        for index, answer in enumerate(saved)
        if index % 3 == 0
    )
    result = scores.assessment_score(assessment, saved)
    clauses = dict(Clause.objects.filter(library=library).values_list("code", "pk"))
    ClauseScore.objects.bulk_create(
        ClauseScore(assessment=assessment, clause_id=clauses[code], score=Decimal(str(value)))
        for code, value in result.clauses.items()
        if value is not None
    )
    now = timezone.now()
    Submission.objects.create(
        assessment=assessment,
        number=1,
        submitted_at=now,
        snapshot={"year": year},
        content_hash=hashlib.sha256(str(year).encode()).hexdigest(),
        score=Decimal(str(result.overall)),
        level=result.level,
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SUBMITTED,
        submitted_at=now,
        score=Decimal(str(result.overall)),
        level=result.level,
        section_scores=result.sections,
    )
    assessment.refresh_from_db()
    return assessment


def main() -> None:
    fresh_django("innopilot-bench-report-")
    from django.core.management import call_command
    from django.utils import translation
    from pypdf import PdfReader

    from innopilot.assessments.models import Assessment
    from innopilot.assessments.report import report_pdf
    from innopilot.assessments.results import assessment_results
    from innopilot.directory.models import Enterprise, ManagingUnit
    from innopilot.directory.reference import reference_load
    from tests.factories import valid_uscc

    call_command("migrate", verbosity=0)
    reference_load()
    translation.activate("zh-hans")
    library = build_library()
    enterprise = Enterprise.objects.create(
        uscc=valid_uscc("500105"),
        name="重庆江北基准智能装备有限公司",
        managing_unit=ManagingUnit.objects.get(code="500105"),
    )
    submit(enterprise, library, 2024, shift=0)
    current = submit(enterprise, library, 2025, shift=1)

    print(
        f"Innopilot PDF report benchmark: {library.questions.count()} questions, 22 clauses, with last year"
    )
    timings, size, pages = [], 0, 0
    for _ in range(REPEAT):
        assessment = Assessment.objects.select_related("enterprise__managing_unit", "library").get(
            pk=current.pk
        )
        started = time.perf_counter()
        content = report_pdf(assessment_results(assessment))
        timings.append(time.perf_counter() - started)
        size, pages = len(content), len(PdfReader(io.BytesIO(content)).pages)
    print(
        f"  report: first {timings[0] * 1000:6.0f} ms   median {statistics.median(timings) * 1000:6.0f} ms"
        f"   slowest {max(timings) * 1000:6.0f} ms"
        f"   ({REPEAT} renderings, {pages} pages, {size / 1024:.0f} KB)"
    )
    print(f"  target < 1500 ms: {'met' if max(timings) < 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
