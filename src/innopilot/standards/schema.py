"""The library file's format (pydantic) and the checks pydantic cannot express.

``library_parse(text)`` returns the validated file or raises ``LibraryFileError`` listing every problem
with its line and column, first in the file first (``common.datafiles`` finds the locations, e.g. of
``("clauses", 0, "children", 2, "questions", 1, "weight")``).
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from innopilot.common.datafiles import DataFileError, Loc, parse_data_file

LEVELS = 5  # maturity 0–4 and grade levels 1–5: five each
CONDITION_VALUES = {
    "maturity": [str(level) for level in range(LEVELS)],
    "yes_partly_no": ["yes", "partly", "no"],
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _text(max_length: int | None = None):
    return Annotated[str, Field(min_length=1, max_length=max_length)]


class Text(_Strict):
    zh: _text()
    en: str = ""


class ShortText(_Strict):
    zh: _text(200)
    en: Annotated[str, Field(max_length=200)] = ""


class BandName(_Strict):
    zh: _text(50)
    en: Annotated[str, Field(max_length=100)] = ""


class Lines(_Strict):
    zh: list[_text()] = Field(min_length=1)
    en: list[_text()] = []


class GradeBandSchema(_Strict):
    level: int
    min_score: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
    name: BandName
    description: Text | None = None


class ConditionSchema(_Strict):
    question: _text(32)
    values: list[str] = Field(alias="in", min_length=1)

    @field_validator("values", mode="before")
    @classmethod
    def _as_words(cls, values: Any) -> Any:
        # YAML 1.1 reads an unquoted yes/no as true/false and 3 as a number: take them as written.
        if not isinstance(values, list):
            return values
        words = {True: "yes", False: "no"}
        return [words[v] if isinstance(v, bool) else str(v) if isinstance(v, int) else v for v in values]


class QuestionSchema(_Strict):
    code: _text(32)
    kind: Literal["maturity", "yes_partly_no", "numeric"]
    text: Text
    help: Text | None = None
    evidence: Text
    weight: Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)] = Decimal(1)
    not_applicable: bool = False
    levels: list[Text] | None = None
    unit: ShortText | None = None
    steps: list[tuple[Annotated[float, Field(ge=0)], Annotated[float, Field(ge=0, le=1)]]] | None = None
    condition: ConditionSchema | None = None


class ClauseSchema(_Strict):
    code: _text(16)
    section: Literal["framework", "strategy", "process", "tools"] | None = None
    title: ShortText
    guidance: Text | None = None
    next_steps: Lines | None = None
    questions: list[QuestionSchema] = []
    children: list["ClauseSchema"] = []


class LibraryFile(_Strict):
    urn: Annotated[str, Field(pattern=r"^urn:[a-z0-9][a-z0-9-]*:\S+$", max_length=200)]
    version: Annotated[int, Field(ge=1)]
    ref_id: _text(100)
    name: ShortText
    description: Text | None = None
    published_on: datetime.date | None = None
    grade_bands: list[GradeBandSchema]
    clauses: list[ClauseSchema] = Field(min_length=1)

    def walk(self) -> Iterator[tuple[ClauseSchema, ClauseSchema | None, str, Loc]]:
        """Every clause in file order with its parent, its (inherited) section and its path."""

        def visit(clauses, parent, section, path):
            for index, clause in enumerate(clauses):
                loc = (*path, index)
                own = clause.section if parent is None else section
                yield clause, parent, own, loc
                yield from visit(clause.children, clause, own, (*loc, "children"))

        yield from visit(self.clauses, None, None, ("clauses",))


class LibraryFileError(DataFileError):
    """A library file that cannot be loaded: every problem, the first in the file first."""


# --- checks pydantic cannot express -----------------------------------------------------------------


def _check(library: LibraryFile) -> Iterator[tuple[Loc, str]]:
    yield from _check_bands(library.grade_bands)
    clause_seen: dict[str, Loc] = {}
    question_kinds: dict[str, str] = {}
    for clause, parent, section, loc in library.walk():
        if clause.code in clause_seen:
            yield (*loc, "code"), _("clause code %(code)s appears twice") % {"code": clause.code}
        clause_seen.setdefault(clause.code, loc)
        if parent is None and clause.section is None:
            yield loc, _("a top-level clause needs a “section”")
        if parent is not None and clause.section not in (None, section):
            yield (*loc, "section"), _("the section is set on the top-level clause and inherited")
        if parent is None and clause.questions:
            yield (*loc, "questions"), _("questions belong to the clauses below the top level")
        for index, question in enumerate(clause.questions):
            qloc = (*loc, "questions", index)
            if question.code in question_kinds:
                yield (*qloc, "code"), _("question code %(code)s appears twice") % {"code": question.code}
            yield from _check_question(question, qloc, question_kinds)
            question_kinds.setdefault(question.code, question.kind)


def _check_bands(bands: list[GradeBandSchema]) -> Iterator[tuple[Loc, str]]:
    if len(bands) != LEVELS:
        yield ("grade_bands",), _("exactly five grade bands are needed, levels 1 to 5")
        return
    for index, band in enumerate(bands):
        if band.level != index + 1:
            yield ("grade_bands", index, "level"), _("the bands' levels must be 1, 2, 3, 4, 5 in order")
        if index == 0 and band.min_score != 0:
            yield ("grade_bands", 0, "min_score"), _("the first band must start at 0")
        if index and band.min_score <= bands[index - 1].min_score:
            yield ("grade_bands", index, "min_score"), _("lowest scores must rise from band to band")


def _check_question(question: QuestionSchema, loc: Loc, earlier: dict[str, str]) -> Iterator[tuple[Loc, str]]:
    if question.kind == "maturity":
        if question.levels is None or len(question.levels) != LEVELS:
            where = (*loc, "levels") if question.levels is not None else loc
            yield where, _("a maturity question needs exactly five level descriptors, for 0 to 4")
    elif question.levels is not None:
        yield (*loc, "levels"), _("only maturity questions have level descriptors")
    if question.kind == "numeric":
        yield from _check_steps(question, loc)
    else:
        for name in ("steps", "unit"):
            if getattr(question, name) is not None:
                yield (*loc, name), _("only numeric questions have “%(field)s”") % {"field": name}
    condition = question.condition
    if condition is not None:
        kind = earlier.get(condition.question)
        if kind is None:
            yield (
                (*loc, "condition", "question"),
                _("the condition must name an earlier question, not %(code)s") % {"code": condition.question},
            )
        elif kind not in CONDITION_VALUES:
            yield (*loc, "condition", "question"), _("a condition cannot depend on a numeric question")
        else:
            for index, value in enumerate(condition.values):
                if value not in CONDITION_VALUES[kind]:
                    yield (
                        (*loc, "condition", "in", index),
                        _("“%(value)s” is not an answer of %(code)s (one of %(allowed)s)")
                        % {
                            "value": value,
                            "code": condition.question,
                            "allowed": ", ".join(CONDITION_VALUES[kind]),
                        },
                    )


def _check_steps(question: QuestionSchema, loc: Loc) -> Iterator[tuple[Loc, str]]:
    steps = question.steps
    if not steps:
        yield (
            (*loc, "steps") if steps is not None else loc,
            _("a numeric question needs scoring steps [[threshold, fraction], …]"),
        )
        return
    for index in range(1, len(steps)):
        (threshold, share), (before, before_share) = steps[index], steps[index - 1]
        if threshold <= before or share < before_share:
            yield (*loc, "steps", index), _("steps must rise: thresholds strictly, fractions never fall")
    if steps[-1][1] != 1:
        yield (*loc, "steps", len(steps) - 1), _("the last step's fraction must be 1")


def library_parse(text: str, *, source: str) -> tuple[LibraryFile, Any]:
    """The validated file and its raw data, or ``LibraryFileError`` with every problem's line."""
    return parse_data_file(text, source=source, schema=LibraryFile, check=_check, error=LibraryFileError)
