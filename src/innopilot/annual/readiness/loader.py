"""Load a readiness ruleset file (YAML, format in ``schema.py``) into ``ReadinessRuleset``, all or nothing.

The rules of the standards loader: a loaded (urn, version) is read-only, loading the same content again
changes nothing, different content under a loaded version is refused, and a higher version loads
beside the old one. Results are computed with the latest version of the bundled ruleset's URN.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.annual.models import ReadinessRuleset
from innopilot.annual.readiness.schema import RulesetFile, ruleset_parse
from innopilot.common.audit import audited_as
from innopilot.common.errors import DomainError
from innopilot.directory.models import QualificationType
from innopilot.standards.loader import content_hash
from innopilot.standards.schema import LibraryFileError, Problem

BUNDLED = Path(__file__).resolve().parent.parent.parent / "data" / "annual" / "readiness-v1.yaml"
URN = "urn:innopilot:annual:readiness"


@dataclass(frozen=True)
class RulesetLoad:
    ruleset: ReadinessRuleset
    created: bool  # False: this exact content was loaded before, nothing changed
    checks: int = 0


def _read(path: Path) -> tuple[RulesetFile, dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError(_("%(path)s: file not found") % {"path": path}) from None
    except UnicodeDecodeError:
        raise DomainError(_("%(path)s: not a UTF-8 text file") % {"path": path}) from None
    ruleset, raw = ruleset_parse(text, source=str(path))
    _check_qualifications(ruleset, path)
    # Stored as validated: defaults filled in, aliases as written ("in", "all", "any").
    content = ruleset.model_dump(mode="json", by_alias=True, exclude_none=True)
    return ruleset, content, content_hash(raw)


def _check_qualifications(ruleset: RulesetFile, path: Path) -> None:
    """Qualification types named by the rules must exist in the directory's reference data."""
    named: set[str] = set()

    def collect(node) -> None:
        if isinstance(node, dict):
            named.update(node.get("qualification") or [])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(ruleset.model_dump(by_alias=True, exclude_none=True))
    unknown = sorted(named - set(QualificationType.objects.values_list("code", flat=True)))
    if unknown:
        message = _("unknown qualification types: %(codes)s") % {"codes": ", ".join(unknown)}
        raise LibraryFileError(str(path), [Problem(1, 1, message)])


def ruleset_load(*, path: str | Path, actor=None) -> RulesetLoad:
    """Validate the file and load it, or raise ``DomainError`` (``LibraryFileError``) changing nothing."""
    path = Path(path)
    ruleset, content, digest = _read(path)
    with transaction.atomic():
        versions = {r.version: r for r in ReadinessRuleset.objects.filter(urn=ruleset.urn)}
        same = versions.get(ruleset.version)
        if same is not None:
            if same.content_hash == digest:
                return RulesetLoad(ruleset=same, created=False)
            raise DomainError(
                _("%(path)s: %(urn)s version %(version)s: %(message)s")
                % {
                    "path": path,
                    "urn": ruleset.urn,
                    "version": ruleset.version,
                    "message": _(
                        "This version is already loaded with different content: raise the version number."
                    ),
                }
            )
        if versions and ruleset.version < max(versions):
            raise DomainError(
                _("%(path)s: version %(version)s is older than the loaded version %(latest)s")
                % {"path": path, "version": ruleset.version, "latest": max(versions)}
            )
        with audited_as(actor):
            created = ReadinessRuleset.objects.create(
                urn=ruleset.urn,
                version=ruleset.version,
                name_zh=ruleset.name.zh,
                name_en=ruleset.name.en,
                content=content,
                content_hash=digest,
                source_name=path.name,
            )
    return RulesetLoad(ruleset=created, created=True, checks=len(ruleset.checks))


def ruleset_load_bundled(*, actor=None) -> RulesetLoad:
    """Load the ruleset shipped with Innopilot (``data/annual/readiness-v1.yaml``); again: no change."""
    return ruleset_load(path=BUNDLED, actor=actor)


def latest_ruleset(urn: str = URN) -> ReadinessRuleset | None:
    """The highest loaded version of the ruleset, which new results use (None before any load)."""
    return ReadinessRuleset.objects.filter(urn=urn).order_by("-version").first()
