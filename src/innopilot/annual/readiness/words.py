"""Readiness results in words, in the reader's language: each rule's values, its threshold (generated
from the rule's condition or bands, so the words always match the data) and its result.

Works on the JSON form of the engine's results (``engine.as_json``), the same for results computed
now and results stored in ``ReadinessResult.details``; labels of indicators and ratios come from the
report's catalogue, names of qualification types from the directory.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innopilot.annual.models import Indicator, ReadinessResult
from innopilot.annual.spec import CatalogueSpec, IndicatorSpec, RatioSpec
from innopilot.annual.values import display
from innopilot.common.i18n import is_english

OUTCOME_LABELS = dict(ReadinessResult.Outcome.choices)
SIZE_LABELS = {
    "large": gettext_lazy("large"),
    "medium": gettext_lazy("medium"),
    "small": gettext_lazy("small"),
    "micro": gettext_lazy("micro"),
}
SYMBOLS = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "equals": "="}
PERCENT, YEARS = "percent", "years"


def localized(text: Mapping | None) -> str:
    if not text:
        return ""
    return (text.get("en") or text.get("zh", "")) if is_english() else text.get("zh", "")


@dataclass(frozen=True)
class Vocabulary:
    """What the words need besides the results: labels by code."""

    indicators: Mapping[str, IndicatorSpec] = field(default_factory=dict)
    ratios: Mapping[str, RatioSpec] = field(default_factory=dict)
    qualifications: Mapping[str, object] = field(default_factory=dict)  # QualificationType by code
    checks: Mapping[str, dict] = field(default_factory=dict)  # check code → its label {zh, en}


def vocabulary(specs: Iterable[CatalogueSpec], qualification_types: Iterable, ruleset_content: dict | None):
    """Labels from the catalogues (the later ones win), the qualification types and the ruleset."""
    indicators: dict[str, IndicatorSpec] = {}
    ratios: dict[str, RatioSpec] = {}
    for spec in specs:
        indicators.update(spec.by_code)
        ratios.update({ratio.code: ratio for ratio in spec.ratios})
    checks = {check["code"]: check["label"] for check in (ruleset_content or {}).get("checks", [])}
    return Vocabulary(indicators, ratios, {q.code: q for q in qualification_types}, checks)


# --- numbers and operands -----------------------------------------------------------------------------


def _plain(value) -> str:
    """A threshold as written: 1000, 2.5, 0.5 (no trailing zeros, no exponent)."""
    number = Decimal(str(value))
    text = f"{number.normalize():f}"
    return text


def _unit_of(source: Mapping, words: Vocabulary) -> str:
    if "ratio" in source or "quotient" in source:
        return PERCENT
    if "fact" in source:
        return YEARS
    codes = source.get("indicator") or []
    spec = words.indicators.get(codes[0]) if codes else None
    return spec.unit if spec else ""


def _with_unit(number: str, unit: str) -> str:
    if unit == PERCENT:
        return f"{number}%"
    if unit == Indicator.Unit.WAN_YUAN:
        return f"{number} {Indicator.Unit.WAN_YUAN.label}"
    if unit == YEARS:
        return _("%(number)s years") % {"number": number}
    return number


def _label_of(code: str, words: Vocabulary) -> str:
    spec = words.indicators.get(code)
    return spec.label if spec else code


def operand_label(source: Mapping, words: Vocabulary) -> str:
    if "qualification" in source:
        return _("Qualifications held today")
    if "check" in source:
        return localized(words.checks.get(source["check"])) or source["check"]
    if source.get("label"):
        text = localized(source["label"])
    elif "ratio" in source:
        ratio = words.ratios.get(source["ratio"])
        text = ratio.label if ratio else source["ratio"]
    elif "quotient" in source:
        quotient = source["quotient"]
        text = "{} ÷ {}".format(
            " + ".join(_label_of(c, words) for c in quotient["numerator"]),
            " + ".join(_label_of(c, words) for c in quotient["denominator"]),
        )
    elif "fact" in source:
        text = _("years since the enterprise was established")
    else:
        text = " + ".join(_label_of(code, words) for code in source.get("indicator", []))
    years = source.get("years", 1)
    if years > 1 and not source.get("label"):
        window = {
            "sum": _("total of the last %(years)s years"),
            "mean": _("average of the last %(years)s years"),
            "min": _("lowest of the last %(years)s years"),
            "max": _("highest of the last %(years)s years"),
        }.get(source.get("combine"), _("over the last %(years)s years"))
        text = f"{text}（{window % {'years': years}}）"
    return text


def value_text(used: Mapping, words: Vocabulary) -> str:
    """The value a rule used, as people read it, with what the reader should know about it."""
    source, value = used["source"], used["value"]
    if "qualification" in source:
        if not value:
            return _("none held")
        return "、".join(_qualification_name(code, words) for code in value.split(", "))
    if "check" in source:
        return str(OUTCOME_LABELS.get(value, value))
    if value is None:
        if "ratio" in source or "quotient" in source:
            return _("cannot be computed yet")
        return _("not reported")
    unit = _unit_of(source, words)
    codes = source.get("indicator") or []
    spec = words.indicators.get(codes[0]) if len(codes) == 1 and source.get("years", 1) == 1 else None
    if spec is not None and spec.unit != Indicator.Unit.WAN_YUAN:
        text = display(spec, Decimal(value) if spec.is_numeric else value)
    elif unit in (PERCENT, Indicator.Unit.WAN_YUAN):
        text = _with_unit(f"{Decimal(value):,.2f}", unit)
    else:
        text = _with_unit(_plain(value), unit)
    notes = []
    if used.get("zero_filled"):
        names = "、".join(_label_of(code, words) for code in used["zero_filled"])
        notes.append(_("not reported, counted as 0: %(fields)s") % {"fields": names})
    if used.get("missing_years") and used.get("years"):
        years = "、".join(str(year) for year in used["missing_years"])
        notes.append(_("no data for %(years)s") % {"years": years})
    return f"{text}（{'；'.join(notes)}）" if notes else text


def _qualification_name(code: str, words: Vocabulary) -> str:
    kind = words.qualifications.get(code)
    return kind.name if kind is not None else code


# --- conditions ---------------------------------------------------------------------------------------


def condition_words(condition: Mapping, words: Vocabulary, default: Mapping | None = None) -> str:
    """A condition in words; a comparison on the rule's own operand (``default``) omits its name."""
    if "all" in condition:
        return _(" and ").join(_part(c, words, default) for c in condition["all"])
    if "any" in condition:
        return _(" or ").join(_part(c, words, default) for c in condition["any"])
    if "cases" in condition:
        return "；".join(
            _("if %(when)s: %(then)s")
            % {
                "when": condition_words(case["when"], words, default),
                "then": condition_words(case["then"], words, default),
            }
            for case in condition["cases"]
        )
    if "qualification" in condition:
        names = _(" or ").join(_qualification_name(code, words) for code in condition["qualification"])
        return _("holds a valid %(types)s") % {"types": names}
    if "check" in condition:
        label = localized(words.checks.get(condition["check"])) or condition["check"]
        return _("“%(check)s” passes") % {"check": label}
    operand = condition.get("value") or default or {}
    subject = operand_label(operand, words) if "value" in condition or default is None else ""
    return _comparison(condition, operand, subject, words)


def _part(condition: Mapping, words: Vocabulary, default: Mapping | None) -> str:
    text = condition_words(condition, words, default)
    nested = any(key in condition for key in ("all", "any", "cases"))
    return f"（{text}）" if nested else text


def _comparison(condition: Mapping, operand: Mapping, subject: str, words: Vocabulary) -> str:
    codes = operand.get("indicator") or []
    spec = words.indicators.get(codes[0]) if codes else None
    if "in" in condition:
        choices = _(" or ").join(spec.choice_label(v) if spec else v for v in condition["in"])
        if not subject:
            return choices
        return _("%(subject)s is %(choices)s") % {"subject": subject, "choices": choices}
    if "equals" in condition and isinstance(condition["equals"], bool):
        answer = _("yes") if condition["equals"] else _("no")
        return _("%(subject)s (%(answer)s)") % {"subject": subject, "answer": answer} if subject else answer
    op = next(name for name in SYMBOLS if name in condition)
    threshold = _with_unit(_plain(condition[op]), _unit_of(operand, words))
    return f"{subject} {SYMBOLS[op]} {threshold}".strip()


# --- views of results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandLine:
    text: str
    points: str
    matched: bool = False


@dataclass(frozen=True)
class RuleView:
    code: str
    label: str
    values: list[str]
    threshold: str  # words; empty when ``bands`` says it
    bands: list[BandLine]
    result: str
    outcome: str  # pass / fail / unknown / scored / not_scored: the page's colour
    self_declared: bool
    missing: bool
    note: str = ""
    to_verify: str = ""


@dataclass(frozen=True)
class GroupView:
    code: str
    label: str
    outcome: str
    outcome_label: str
    rules: list[RuleView]
    direct_passes: list[RuleView]
    direct_pass: bool
    points: str = ""
    has_minimum: bool = True  # a score group without a minimum has no outcome of its own
    to_verify: str = ""


@dataclass(frozen=True)
class CheckView:
    code: str
    label: str
    kind: str
    outcome: str
    outcome_label: str
    summary: str
    description: str
    basis: str
    to_verify: str
    groups: list[GroupView]
    rules: list[RuleView]  # score rules and size measures
    direct_passes: list[RuleView]
    direct_pass: bool
    self_declared: bool
    missing: bool


def _of(points, most) -> str:
    return _("%(points)s of %(max)s") % {
        "points": _plain(points) if points is not None else "?",
        "max": _plain(most),
    }


def _rule_result(rule: Mapping) -> str:
    outcome = rule["outcome"]
    if outcome == "not_scored":
        return _("not scored (0 of %(max)s)") % {"max": _plain(rule["max_points"])}
    if rule.get("max_points") is not None:
        if rule["points"] is None:
            return _("%(low)s–%(high)s of %(max)s (inputs missing)") % {
                "low": _plain(rule["low"]),
                "high": _plain(rule["high"]),
                "max": _plain(rule["max_points"]),
            }
        return _of(rule["points"], rule["max_points"])
    return {"pass": _("met"), "fail": _("not met"), "unknown": _("not enough data")}[outcome]


def _is_the_rules_own(source: Mapping, rule: Mapping) -> bool:
    """The operand a rule is about: a size measure, a point rule's ``value``, a plain comparison's."""
    if rule.get("limits"):
        return True
    if rule.get("scoring"):
        return source == rule.get("value")
    return source == (rule.get("condition") or {}).get("value")


def rule_view(rule: Mapping, words: Vocabulary) -> RuleView:
    inputs = rule.get("inputs") or []
    label = localized(rule.get("label"))
    if not label and inputs:
        label = operand_label(inputs[0]["source"], words)
    values = [f"{operand_label(used['source'], words)}：{value_text(used, words)}" for used in inputs]
    if len(inputs) == 1 and _is_the_rules_own(inputs[0]["source"], rule):
        values = [value_text(inputs[0], words)]  # the rule's label names it
    bands: list[BandLine] = []
    threshold = localized(rule.get("threshold"))
    if rule.get("limits"):
        unit = _unit_of(inputs[0]["source"], words)
        limits = {size: _with_unit(_plain(limit), unit) for size, limit in rule["limits"].items()}
        threshold = _("large ≥ %(large)s, medium ≥ %(medium)s, small ≥ %(small)s") % limits
    elif rule.get("scoring"):
        matched = set(rule.get("matched") or [])
        default = rule.get("value")
        for index, band in enumerate(rule["bands"]):
            text = condition_words(band, words, default)
            bands.append(BandLine(text, _plain(band["points"]), index in matched))
        if rule["scoring"] == "bands":
            fell_through = rule["points"] is not None and not matched
            bands.append(BandLine(_("otherwise"), _plain(rule["otherwise"]), fell_through))
        else:
            most = {"max": _plain(rule["max_points"])}
            threshold = _("points of each item that holds, at most %(max)s") % most
    elif not threshold and rule.get("condition"):
        threshold = condition_words(rule["condition"], words)
    return RuleView(
        code=rule["code"],
        label=label,
        values=values,
        threshold=threshold,
        bands=bands,
        result=_rule_result(rule),
        outcome=rule["outcome"],
        self_declared=bool(rule.get("self_declared")),
        missing=any(used["value"] is None for used in inputs),
        note=localized(rule.get("note")),
        to_verify=localized(rule.get("to_verify")),
    )


def _summary(check: Mapping) -> str:
    if check["kind"] == "size_class":
        if not check.get("sector"):
            return _("No size limits for the enterprise's industry (or no industry recorded).")
        sector = localized(check["sector"]["label"])
        if check.get("size_class"):
            size = SIZE_LABELS[check["size_class"]]
            return _("%(sector)s: %(size)s enterprise") % {"sector": sector, "size": size}
        return _("%(sector)s: size class not known yet") % {"sector": sector}
    if check["kind"] == "score":
        if check["score"] is not None:
            text = _("%(score)s of %(max)s points; %(pass)s pass") % {
                "score": _plain(check["score"]),
                "max": _plain(check["max_score"]),
                "pass": _plain(check["pass_total"]),
            }
        else:
            text = _("%(low)s–%(high)s of %(max)s points while inputs are missing; %(pass)s pass") % {
                "low": _plain(check["low"]),
                "high": _plain(check["high"]),
                "max": _plain(check["max_score"]),
                "pass": _plain(check["pass_total"]),
            }
        return text + (_("; passes directly") if check.get("direct_pass") else "")
    if check.get("direct_pass"):
        return _("Passes directly")
    if check["failed"]:
        return _("%(count)s condition(s) not met") % {"count": check["failed"]}
    if check["outcome"] == "pass":
        return _("Every condition met")
    unknown = sum(group.get("unknown", 0) for group in check.get("groups") or [])
    return _("%(count)s condition(s) not known yet") % {"count": unknown}


def check_view(check: Mapping, words: Vocabulary) -> CheckView:
    groups = []
    for group in check.get("groups") or []:
        points, minimum = "", bool(group.get("minimum") and Decimal(group["minimum"]))
        if group.get("max_points") is not None:
            scored = Decimal(group["max_points"]) > 0
            points = _of(group["points"], group["max_points"]) if scored else _("not scored")
            if minimum:
                points += _(" (at least %(minimum)s)") % {"minimum": _plain(group["minimum"])}
        groups.append(
            GroupView(
                code=group["code"],
                label=localized(group["label"]),
                outcome=group["outcome"],
                outcome_label=str(OUTCOME_LABELS.get(group["outcome"], group["outcome"])),
                rules=[rule_view(rule, words) for rule in group.get("rules") or []],
                direct_passes=[rule_view(rule, words) for rule in group.get("direct_passes") or []],
                direct_pass=bool(group.get("direct_pass")),
                points=points,
                has_minimum=minimum or group.get("max_points") is None,
                to_verify=localized(group.get("to_verify")),
            )
        )
    rules = [rule_view(rule, words) for rule in check.get("rules") or []]
    direct = [rule_view(rule, words) for rule in check.get("direct_passes") or []]
    every = rules + direct + [r for g in groups for r in (*g.rules, *g.direct_passes)]
    sector_note = localized((check.get("sector") or {}).get("to_verify"))
    return CheckView(
        code=check["code"],
        label=localized(check["label"]),
        kind=check["kind"],
        outcome=check["outcome"],
        outcome_label=str(OUTCOME_LABELS.get(check["outcome"], check["outcome"])),
        summary=_summary(check),
        description=localized(check.get("description")),
        basis=localized(check.get("basis")),
        to_verify=" ".join(text for text in (localized(check.get("to_verify")), sector_note) if text),
        groups=groups,
        rules=rules,
        direct_passes=direct,
        direct_pass=bool(check.get("direct_pass")),
        self_declared=any(rule.self_declared for rule in every),
        missing=any(rule.missing and rule.outcome in ("unknown",) for rule in every),
    )


def flat_rules(view: CheckView) -> list[RuleView]:
    """Every rule of a check in page order (for the export's columns)."""
    rules = list(view.rules)
    for group in view.groups:
        rules += [*group.rules, *group.direct_passes]
    return rules + list(view.direct_passes)
