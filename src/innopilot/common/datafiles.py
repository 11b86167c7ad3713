"""Versioned YAML data files (standard libraries, indicator catalogues): reading, validation with
pydantic, the line and column of every problem, and the content hash that tells versions apart.

``parse_data_file`` returns the validated file and its raw data, or raises ``DataFileError`` (or the
caller's subclass) listing every problem with its line and column, first in the file first. A
problem's location is found by walking the composed YAML nodes along its path, e.g.
``("groups", 2, "indicators", 1, "min")``; checks that pydantic cannot express yield (path, message).
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.utils.translation import gettext as _
from pydantic import BaseModel, ValidationError

from innopilot.common.errors import DomainError

Loc = tuple[str | int, ...]
Check = Iterable[tuple[Loc, str]]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present: same marks, faster
Schema = TypeVar("Schema", bound=BaseModel)


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


class DataFileError(DomainError):
    """A data file that cannot be loaded: every problem, the first in the file first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = sorted(problems, key=lambda problem: (problem.line, problem.column))
        first = self.problems[0]
        message = f"{source}: {first}"
        if len(self.problems) > 1:
            message += _(" (%(count)s problems in all)") % {"count": len(self.problems)}
        super().__init__(message)


def pydantic_message(error: dict) -> str:
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


def duplicate_keys(node: yaml.Node) -> Iterator[Problem]:
    """PyYAML keeps the last of two equal keys silently; an author means neither."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield problem_at(key, _("“%(key)s” appears twice here") % {"key": key.value})
            seen.add(key.value)
            yield from duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from duplicate_keys(item)


def node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
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


def problem_at(node: yaml.Node, message: str) -> Problem:
    return Problem(line=node.start_mark.line + 1, column=node.start_mark.column + 1, message=message)


def parse_data_file(
    text: str,
    *,
    source: str,
    schema: type[Schema],
    check: Callable[[Schema], Check],
    error: type[DataFileError] = DataFileError,
) -> tuple[Schema, Any]:
    """The file validated by ``schema`` and ``check``, and its raw data; or ``error`` with every
    problem's line and column (YAML syntax, duplicate keys, pydantic's errors, then the checks')."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        raw = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as yaml_error:
        mark = getattr(yaml_error, "problem_mark", None) or getattr(yaml_error, "context_mark", None)
        problem = getattr(yaml_error, "problem", None) or str(yaml_error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise error(
            source, [Problem(line, column, _("not valid YAML: %(problem)s") % {"problem": problem})]
        ) from None
    finally:
        loader.dispose()
    if root is None:
        raise error(source, [Problem(1, 1, _("the file is empty"))])
    problems = list(duplicate_keys(root))
    try:
        data = schema.model_validate(raw)
    except ValidationError as validation:
        problems += [problem_at(node_at(root, e["loc"]), pydantic_message(e)) for e in validation.errors()]
        raise error(source, problems) from None
    problems += [problem_at(node_at(root, loc), message) for loc, message in check(data)]
    if problems:
        raise error(source, problems)
    return data, raw


def content_hash(raw) -> str:
    """SHA-256 of the parsed data: comments and layout are not content."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_data_file(path: Path, parse: Callable[..., tuple[Schema, Any]]) -> tuple[Schema, str]:
    """The file at ``path`` validated by ``parse(text, source=…)``, and its content hash."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError(_("%(path)s: file not found") % {"path": path}) from None
    except UnicodeDecodeError:
        raise DomainError(_("%(path)s: not a UTF-8 text file") % {"path": path}) from None
    data, raw = parse(text, source=str(path))
    return data, content_hash(raw)


def loaded_version(model, *, urn: str, version: int, digest: str, path: Path):
    """The rule every versioned data file follows (standard libraries, indicator catalogues,
    readiness rulesets): the row already loaded with this exact content (load nothing), or None when
    this version is new and may load; a loaded version with other content, or a version older than the
    latest, is refused with ``DomainError``. Call inside the loading transaction."""
    versions = {row.version: row for row in model.objects.filter(urn=urn)}
    same = versions.get(version)
    if same is not None:
        if same.content_hash == digest:
            return same
        raise DomainError(
            _("%(path)s: %(urn)s version %(version)s: %(message)s")
            % {
                "path": path,
                "urn": urn,
                "version": version,
                "message": _(
                    "This version is already loaded with different content: raise the version number."
                ),
            }
        )
    if versions and version < max(versions):
        raise DomainError(
            _("%(path)s: version %(version)s is older than the loaded version %(latest)s")
            % {"path": path, "version": version, "latest": max(versions)}
        )
    return None
