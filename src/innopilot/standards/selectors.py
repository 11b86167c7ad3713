"""Reads for the library pages: the loaded libraries, and one library as a clause tree to learn from.

Libraries are public knowledge for the pilot, so every signed-in user reads the same thing. A
library's page costs the same few queries whatever its size (clauses, questions, bands, versions).
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopilot.common.i18n import is_english
from innopilot.standards.models import Clause, Question, Section, StandardLibrary

CHOICE_LABELS = {"yes": gettext_lazy("yes"), "partly": gettext_lazy("partly"), "no": gettext_lazy("no")}


def _count(model, **outer) -> Coalesce:
    rows = (
        model.objects.filter(**{name: OuterRef(ref) for name, ref in outer.items()})
        .order_by()
        .values(*outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def libraries() -> list[StandardLibrary]:
    """Every loaded library, newest version first within each URN, with its size and whether it is
    the current (highest) version."""
    rows = list(
        StandardLibrary.objects.annotate(
            clause_count=_count(Clause, library="pk"), question_count=_count(Question, library="pk")
        ).order_by("urn", "-version")
    )
    seen = set()
    for library in rows:
        library.is_current = library.urn not in seen
        seen.add(library.urn)
    return rows


@dataclass
class QuestionView:
    question: Question
    levels: list[str] = field(default_factory=list)  # maturity: descriptors for 0–4
    unit: str = ""
    steps: list[tuple[float, int]] = field(default_factory=list)  # (threshold, percent of the weight)
    condition: str = ""  # "shown only when …"


@dataclass
class ClauseView:
    clause: Clause
    depth: int  # 0 for the top level (4, 5, 6, annexes)
    questions: list[QuestionView]


@dataclass
class SectionView:
    code: str
    label: str
    clauses: list[ClauseView]

    @property
    def question_count(self) -> int:
        return sum(len(row.questions) for row in self.clauses)


@dataclass
class LibraryTree:
    library: StandardLibrary
    sections: list[SectionView]
    bands: list
    versions: list[StandardLibrary]  # every loaded version of the same URN, newest first
    question_count: int
    description: str


def _pick(text: dict) -> str:
    return (text.get("en") or text.get("zh", "")) if is_english() else text.get("zh", "")


def _condition(question: Question, by_code: dict[str, Question]) -> str:
    if not question.condition:
        return ""
    source = by_code.get(question.condition["question"])
    values = question.condition["in"]
    if source is not None and source.kind == Question.Kind.MATURITY:
        answers = [_("level %(level)s") % {"level": value} for value in values]
    else:
        answers = [str(CHOICE_LABELS.get(value, value)) for value in values]
    return _("Shown only when %(question)s is answered %(answers)s.") % {
        "question": question.condition["question"],
        "answers": _(" or ").join(answers),
    }


def library_tree(library: StandardLibrary) -> LibraryTree:
    """The library's clauses in file order, grouped by section, each with its questions explained."""
    clauses = list(
        library.clauses.order_by("sort_order").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("sort_order"))
        )
    )
    by_code = {question.code: question for clause in clauses for question in clause.questions.all()}
    parents = {clause.pk: clause.parent_id for clause in clauses}

    def depth(clause: Clause) -> int:
        level, parent = 0, clause.parent_id
        while parent is not None:
            level, parent = level + 1, parents.get(parent)
        return level

    grouped: dict[str, list[ClauseView]] = {code: [] for code in Section.values}
    for clause in clauses:
        questions = [
            QuestionView(
                question=question,
                levels=[_pick(level) for level in question.levels],
                unit=_pick(question.unit) if question.unit else "",
                steps=[(threshold, round(share * 100)) for threshold, share in question.numeric_steps],
                condition=_condition(question, by_code),
            )
            for question in clause.questions.all()
        ]
        grouped.setdefault(clause.section, []).append(ClauseView(clause, depth(clause), questions))
    labels = dict(Section.choices)
    sections = [
        SectionView(code, str(labels.get(code, code)), rows) for code, rows in grouped.items() if rows
    ]
    versions = list(
        StandardLibrary.objects.filter(urn=library.urn).only("pk", "version", "urn", "published_on")
    )
    return LibraryTree(
        library=library,
        sections=sections,
        bands=list(library.grade_bands.order_by("level")),
        versions=versions,
        question_count=len(by_code),
        description=_pick({"zh": library.description_zh, "en": library.description_en}),
    )
