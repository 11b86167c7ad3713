"""Load an indicator catalogue file (YAML, format in ``schema.py``) into the database, all or nothing.

A loaded (urn, version) is read-only: loading the same content again changes nothing, different
content under a loaded version is refused, and a higher version loads beside the old one. A new
version may add or retire indicators; every report keeps the catalogue it started with (its foreign
key), so its values keep their indicators. The content hash is taken over the parsed data, so
comments and layout are not content.
"""

from dataclasses import dataclass
from pathlib import Path

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from innopilot.annual.catalogue.schema import (
    CatalogueFile,
    catalogue_parse,
    stored_cross_rules,
    stored_plausibility,
    stored_ratios,
)
from innopilot.annual.models import Indicator, IndicatorCatalogue, IndicatorGroup
from innopilot.common.audit import audited_as
from innopilot.common.datafiles import loaded_version, read_data_file
from innopilot.common.errors import DomainError

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "data" / "annual"
BUNDLED_PATTERN = "indicators-v*.yaml"
DEFAULT_CATALOGUE_URN = "urn:innopilot:annual:indicators"


@dataclass(frozen=True)
class CatalogueLoad:
    catalogue: IndicatorCatalogue
    created: bool  # False: this exact content was loaded before, nothing changed
    groups: int = 0
    indicators: int = 0


def _read(path: Path) -> tuple[CatalogueFile, str]:
    return read_data_file(path, catalogue_parse)


def catalogue_load(*, path: str | Path, actor=None) -> CatalogueLoad:
    """Validate the file and load it in one transaction, or raise ``DomainError`` changing nothing."""
    path = Path(path)
    data, digest = _read(path)
    return _load(data, digest=digest, path=path, actor=actor)


def _load(data: CatalogueFile, *, digest: str, path: Path, actor) -> CatalogueLoad:
    with transaction.atomic():
        same = loaded_version(
            IndicatorCatalogue, urn=data.urn, version=data.version, digest=digest, path=path
        )
        if same is not None:
            return CatalogueLoad(catalogue=same, created=False)
        with audited_as(actor):
            return _write(data, digest=digest, source_name=path.name)


def _write(data: CatalogueFile, *, digest: str, source_name: str) -> CatalogueLoad:
    catalogue = IndicatorCatalogue.objects.create(
        urn=data.urn,
        version=data.version,
        name_zh=data.name.zh,
        name_en=data.name.en,
        description_zh=data.description.zh if data.description else "",
        description_en=data.description.en if data.description else "",
        published_on=data.published_on,
        cross_rules=stored_cross_rules(data),
        ratios=stored_ratios(data),
        plausibility=stored_plausibility(data),
        content_hash=digest,
        source_name=source_name,
    )
    groups = IndicatorGroup.objects.bulk_create(
        IndicatorGroup(
            catalogue=catalogue,
            code=group.code,
            name_zh=group.name.zh,
            name_en=group.name.en,
            sort_order=order,
        )
        for order, group in enumerate(data.groups)
    )
    group_of = {group.code: group for group in groups}
    indicators = Indicator.objects.bulk_create(
        Indicator(
            catalogue=catalogue,
            group=group_of[group.code],
            code=indicator.code,
            label_zh=indicator.label.zh,
            label_en=indicator.label.en,
            unit=indicator.unit,
            required=indicator.required,
            min_value=indicator.min,
            max_value=indicator.max,
            decimal_places=indicator.places,
            help_zh=indicator.help.zh,
            help_en=indicator.help.en,
            choices=[choice.model_dump() for choice in indicator.choices or []],
            downstream=dict(indicator.downstream),
            is_key=indicator.is_key,
            checks_plausibility=indicator.checks_plausibility,
            self_declared=indicator.self_declared,
            sort_order=order,
        )
        for order, (group, indicator, _loc) in enumerate(data.indicators())
    )
    # Groups and indicators are written in bulk, past auditlog's signals: the catalogue's own entry
    # says what came with it.
    LogEntry.objects.get_for_object(catalogue).filter(action=LogEntry.Action.CREATE).update(
        additional_data={
            "source": source_name,
            "content_hash": digest,
            "groups": len(groups),
            "indicators": len(indicators),
            "indicator_codes": [indicator.code for indicator in indicators],
            "cross_rules": len(data.cross_rules),
            "ratios": len(data.ratios),
        }
    )
    return CatalogueLoad(catalogue=catalogue, created=True, groups=len(groups), indicators=len(indicators))


def bundled_files() -> list[Path]:
    return sorted(BUNDLED_DIR.glob(BUNDLED_PATTERN))


def catalogue_load_bundled(*, actor=None) -> list[CatalogueLoad]:
    """Load every catalogue shipped under data/annual/ (a second run changes nothing), all or nothing,
    in version order so that a newer file never blocks an older one on a fresh database."""
    parsed = sorted(((path, *_read(path)) for path in bundled_files()), key=lambda item: item[1].version)
    with transaction.atomic():
        return [_load(data, digest=digest, path=path, actor=actor) for path, data, digest in parsed]


def latest_catalogue(urn: str = DEFAULT_CATALOGUE_URN) -> IndicatorCatalogue:
    """The highest loaded version of a catalogue (what a newly opened reporting year uses)."""
    catalogue = IndicatorCatalogue.objects.filter(urn=urn).order_by("-version").first()
    if catalogue is None:
        raise DomainError(
            _("No indicator catalogue %(urn)s is loaded (innopilot annual catalogue load --bundled).")
            % {"urn": urn}
        )
    return catalogue
