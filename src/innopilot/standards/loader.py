"""Load a standard library file (YAML, format in ``schema.py``) into the database, all or nothing.

A loaded (urn, version) is read-only: loading the same content again changes nothing, different
content under a loaded version is refused, and a higher version loads beside the old one (every
assessment stays pinned to the version it started with). The content hash is taken over the parsed
data, so comments and layout are not content.
"""

from dataclasses import dataclass
from pathlib import Path

from auditlog.models import LogEntry
from django.db import transaction

from innopilot.common.audit import audited_as
from innopilot.common.datafiles import loaded_version, read_data_file
from innopilot.standards.models import Clause, GradeBand, Question, StandardLibrary
from innopilot.standards.schema import LibraryFile, library_parse

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data" / "standards"


@dataclass(frozen=True)
class LibraryLoad:
    library: StandardLibrary
    created: bool  # False: this exact content was loaded before, nothing changed
    clauses: int = 0
    questions: int = 0


def _read(path: Path) -> tuple[LibraryFile, str]:
    return read_data_file(path, library_parse)


def standards_load(*, path: str | Path, actor=None) -> LibraryLoad:
    """Validate the file and load it in one transaction, or raise ``DomainError`` changing nothing."""
    path = Path(path)
    data, digest = _read(path)
    return _load(data, digest=digest, path=path, actor=actor)


def _load(data: LibraryFile, *, digest: str, path: Path, actor) -> LibraryLoad:
    with transaction.atomic():
        same = loaded_version(StandardLibrary, urn=data.urn, version=data.version, digest=digest, path=path)
        if same is not None:
            return LibraryLoad(library=same, created=False)
        with audited_as(actor):
            return _write(data, digest=digest, source_name=path.name)


def _write(data: LibraryFile, *, digest: str, source_name: str) -> LibraryLoad:
    library = StandardLibrary.objects.create(
        urn=data.urn,
        version=data.version,
        ref_id=data.ref_id,
        name_zh=data.name.zh,
        name_en=data.name.en,
        description_zh=data.description.zh if data.description else "",
        description_en=data.description.en if data.description else "",
        published_on=data.published_on,
        content_hash=digest,
        source_name=source_name,
    )
    GradeBand.objects.bulk_create(
        GradeBand(
            library=library,
            level=band.level,
            min_score=band.min_score,
            name_zh=band.name.zh,
            name_en=band.name.en,
            description_zh=band.description.zh if band.description else "",
            description_en=band.description.en if band.description else "",
        )
        for band in data.grade_bands
    )
    # Parents first: one bulk insert per depth, so each child knows its parent's primary key.
    objects: dict[str, Clause] = {}
    by_depth: dict[int, list[tuple[Clause, str | None]]] = {}
    for order, (schema, parent, section, loc) in enumerate(data.walk()):
        clause = Clause(
            library=library,
            code=schema.code,
            section=section,
            title_zh=schema.title.zh,
            title_en=schema.title.en,
            guidance_zh=schema.guidance.zh if schema.guidance else "",
            guidance_en=schema.guidance.en if schema.guidance else "",
            next_steps_zh="\n".join(schema.next_steps.zh) if schema.next_steps else "",
            next_steps_en="\n".join(schema.next_steps.en) if schema.next_steps else "",
            sort_order=order,
        )
        objects[schema.code] = clause
        by_depth.setdefault(loc.count("children"), []).append((clause, parent.code if parent else None))
    for depth in sorted(by_depth):
        for clause, parent_code in by_depth[depth]:
            clause.parent = objects[parent_code] if parent_code else None
        Clause.objects.bulk_create([clause for clause, _parent in by_depth[depth]])
    questions = [
        Question(
            library=library,
            clause=objects[clause.code],
            code=question.code,
            kind=question.kind,
            text_zh=question.text.zh,
            text_en=question.text.en,
            help_zh=question.help.zh if question.help else "",
            help_en=question.help.en if question.help else "",
            evidence_prompt_zh=question.evidence.zh,
            evidence_prompt_en=question.evidence.en,
            weight=question.weight,
            allows_not_applicable=question.not_applicable,
            levels=[level.model_dump() for level in question.levels or []],
            unit=question.unit.model_dump() if question.unit else {},
            numeric_steps=[list(step) for step in question.steps or []],
            condition=(
                {"question": question.condition.question, "in": question.condition.values}
                if question.condition
                else {}
            ),
            sort_order=order,
        )
        for order, (clause, question) in enumerate(
            (clause, question)
            for clause, _parent, _section, _loc in data.walk()
            for question in clause.questions
        )
    ]
    Question.objects.bulk_create(questions)
    # Clauses, questions and bands are written in bulk, past auditlog's signals: the library's own
    # entry says what came with it.
    LogEntry.objects.get_for_object(library).filter(action=LogEntry.Action.CREATE).update(
        additional_data={
            "source": source_name,
            "content_hash": digest,
            "clauses": len(objects),
            "questions": len(questions),
            "grade_bands": len(data.grade_bands),
        }
    )
    return LibraryLoad(library=library, created=True, clauses=len(objects), questions=len(questions))


def bundled_files() -> list[Path]:
    return sorted(BUNDLED_DIR.glob("*.yaml"))


def standards_load_bundled(*, actor=None) -> list[LibraryLoad]:
    """Load every library shipped under data/standards/ (a second run changes nothing), all or nothing.

    Files are loaded in version order so that a newer file never blocks an older one on a fresh database.
    """
    parsed = sorted(((path, *_read(path)) for path in bundled_files()), key=lambda item: item[1].version)
    with transaction.atomic():
        return [_load(data, digest=digest, path=path, actor=actor) for path, data, digest in parsed]
