"""The library file's format (pydantic), the checks pydantic cannot express, and where each problem is.

``library_parse(text)`` returns the validated file or raises ``LibraryFileError`` listing every problem
with its line and column, first in the file first. Locations are found by walking the composed YAML
nodes along the problem's path, e.g. ``("clauses", 0, "children", 2, "questions", 1, "weight")``.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

import yaml
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from innopilot.common.errors import DomainError

Loc = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present: same marks, faster
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


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s, column %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class LibraryFileError(DomainError):
    """A library file that cannot be loaded: every problem, the first in the file first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = sorted(problems, key=lambda problem: (problem.line, problem.column))
        first = self.problems[0]
        message = f"{source}: {first}"
        if len(self.problems) > 1:
            message += _(" (%(count)s problems in all)") % {"count": len(self.problems)}
        super().__init__(message)


# --- messages ---------------------------------------------------------------------------------------


def _pydantic_message(error: dict) -> str:
    """pydantic's error in the reader's language; the common kinds have their own words."""
    kind, ctx = error["type"], error.get("ctx", {})
    field = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "")
    messages = {
        "missing": _("“%(field)s” is required") % {"field": field},
        "extra_forbidden": _("unknown field “%(field)s” (misspelt?)") % {"field": field},
        "string_type": _('must be text (put codes such as "4.1" in quotes)'),
        "string_too_short": _("must not be empty"),
        "string_too_long": _("at most %(max)s characters") % {"max": ctx.get("max_length")},
        "string_pattern_mismatch": _("does not have the expected form (%(pattern)s)")
        % {"pattern": ctx.get("pattern")},
        "literal_error": _("must be one of %(expected)s")
        % {"expected": str(ctx.get("expected", "")).replace(" or ", ", ")},
        "int_type": _("must be a whole number"),
        "int_parsing": _("must be a whole number"),
        "int_from_float": _("must be a whole number"),
        "float_type": _("must be a number"),
        "float_parsing": _("must be a number"),
        "decimal_type": _("must be a number"),
        "decimal_parsing": _("must be a number"),
        "decimal_max_places": _("at most %(places)s decimal places") % {"places": ctx.get("decimal_places")},
        "decimal_max_digits": _("too many digits"),
        "bool_type": _("must be true or false"),
        "bool_parsing": _("must be true or false"),
        "greater_than": _("must be greater than %(limit)s") % {"limit": ctx.get("gt")},
        "greater_than_equal": _("must be at least %(limit)s") % {"limit": ctx.get("ge")},
        "less_than_equal": _("must be at most %(limit)s") % {"limit": ctx.get("le")},
        "too_short": _("needs at least %(count)s item(s)") % {"count": ctx.get("min_length")},
        "too_long": _("has more than %(count)s items") % {"count": ctx.get("max_length")},
        "list_type": _("must be a list"),
        "tuple_type": _("must be a pair [threshold, fraction]"),
        "model_type": _("must be a mapping of fields (key: value)"),
        "model_attributes_type": _("must be a mapping of fields (key: value)"),
        "dict_type": _("must be a mapping of fields (key: value)"),
        "date_type": _("must be a date such as 2026-11-26"),
        "date_parsing": _("must be a date such as 2026-11-26"),
        "date_from_datetime_parsing": _("must be a date such as 2026-11-26"),
    }
    return messages.get(kind, error["msg"])


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


# --- locations ----------------------------------------------------------------------------------------


def _duplicate_keys(node: yaml.Node) -> Iterator[Problem]:
    """PyYAML keeps the last of two equal keys silently; an author means neither."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield _problem(key, _("“%(key)s” appears twice here") % {"key": key.value})
            seen.add(key.value)
            yield from _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


def _node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
    """The node a path points at: a mapping key's node for a field, as deep as the file goes."""
    node, found = root, root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                break
            found, node = pair
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node = node.value[part]
        else:
            break
    return found


def _problem(node: yaml.Node, message: str) -> Problem:
    return Problem(line=node.start_mark.line + 1, column=node.start_mark.column + 1, message=message)


def library_parse(text: str, *, source: str) -> tuple[LibraryFile, Any]:
    """The validated file and its raw data, or ``LibraryFileError`` with every problem's line."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        raw = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LibraryFileError(
            source, [Problem(line, column, _("not valid YAML: %(problem)s") % {"problem": problem})]
        ) from None
    finally:
        loader.dispose()
    if root is None:
        raise LibraryFileError(source, [Problem(1, 1, _("the file is empty"))])
    problems = list(_duplicate_keys(root))
    try:
        library = LibraryFile.model_validate(raw)
    except ValidationError as error:
        problems += [_problem(_node_at(root, e["loc"]), _pydantic_message(e)) for e in error.errors()]
        raise LibraryFileError(source, problems) from None
    problems += [_problem(_node_at(root, loc), message) for loc, message in _check(library)]
    if problems:
        raise LibraryFileError(source, problems)
    return library, raw
