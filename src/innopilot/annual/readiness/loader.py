"""Load a readiness ruleset file (YAML, format in ``schema.py``) into ``ReadinessRuleset``, all or nothing.

The rules of the standards loader: a loaded (urn, version) is read-only, loading the same content again
changes nothing, different content under a loaded version is refused, and a higher version loads
beside the old one. Results are computed with the latest version of the bundled ruleset's URN.
"""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.db import transaction

from innopilot.annual.models import ReadinessRuleset
from innopilot.annual.readiness.schema import RulesetFile, ruleset_parse
from innopilot.common.audit import audited_as
from innopilot.common.datafiles import loaded_version, read_data_file
from innopilot.directory.models import QualificationType

BUNDLED = Path(__file__).resolve().parent.parent.parent / "data" / "annual" / "readiness-v1.yaml"
URN = "urn:innopilot:annual:readiness"


@dataclass(frozen=True)
class RulesetLoad:
    ruleset: ReadinessRuleset
    created: bool  # False: this exact content was loaded before, nothing changed
    checks: int = 0


def ruleset_load(*, path: str | Path, actor=None) -> RulesetLoad:
    """Validate the file and load it, or raise ``DomainError`` (``RulesetFileError``) changing nothing.
    Qualification types the rules name must exist in the directory's reference data."""
    path = Path(path)
    known = set(QualificationType.objects.values_list("code", flat=True))
    ruleset, digest = read_data_file(path, partial(ruleset_parse, qualifications=known))
    with transaction.atomic():
        same = loaded_version(
            ReadinessRuleset, urn=ruleset.urn, version=ruleset.version, digest=digest, path=path
        )
        if same is not None:
            return RulesetLoad(ruleset=same, created=False)
        with audited_as(actor):
            created = ReadinessRuleset.objects.create(
                urn=ruleset.urn,
                version=ruleset.version,
                name_zh=ruleset.name.zh,
                name_en=ruleset.name.en,
                content=_content(ruleset),
                content_hash=digest,
                source_name=path.name,
            )
    return RulesetLoad(ruleset=created, created=True, checks=len(ruleset.checks))


def _content(ruleset: RulesetFile) -> dict:
    """Stored as validated: defaults filled in, the file's words ("in", "all", "any") kept."""
    return ruleset.model_dump(mode="json", by_alias=True, exclude_none=True)


def ruleset_load_bundled(*, actor=None) -> RulesetLoad:
    """Load the ruleset shipped with Innopilot (``data/annual/readiness-v1.yaml``); again: no change."""
    return ruleset_load(path=BUNDLED, actor=actor)


def latest_ruleset(urn: str = URN) -> ReadinessRuleset | None:
    """The highest loaded version of the ruleset, which new results use (None before any load)."""
    return ReadinessRuleset.objects.filter(urn=urn).order_by("-version").first()
