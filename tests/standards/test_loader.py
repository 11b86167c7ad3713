"""Loading a library file: all or nothing, errors by line, read-only once loaded, versions side by side."""

from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from innopilot.common.errors import DomainError
from innopilot.standards import loader
from innopilot.standards.loader import standards_load, standards_load_bundled
from innopilot.standards.models import Clause, Question, StandardLibrary
from innopilot.standards.schema import LibraryFileError

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "sample-v1.yaml"
URN = "urn:innopilot:library:sample"


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def write(tmp_path, text: str, name: str = "library.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(old: str, new: str, *, count: int = 1) -> str:
    text = sample_text()
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the fragment's n-th occurrence."""
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    return text.count("\n", 0, index) + 1


def refused(tmp_path, text: str) -> LibraryFileError:
    before = (StandardLibrary.objects.count(), Clause.objects.count(), Question.objects.count())
    with pytest.raises(LibraryFileError) as caught:
        standards_load(path=write(tmp_path, text))
    assert (StandardLibrary.objects.count(), Clause.objects.count(), Question.objects.count()) == before
    return caught.value


def test_a_valid_file_loads_its_clause_tree_questions_and_grade_bands():
    result = standards_load(path=SAMPLE)
    library = result.library
    assert result.created and (result.clauses, result.questions) == (6, 4)
    assert (library.urn, library.version, library.ref_id) == (URN, 1, "ISO 56005:2020")
    assert (library.name_zh, library.source_name, len(library.content_hash)) == (
        "示例测评题库",
        "sample-v1.yaml",
        64,
    )
    clauses = {clause.code: clause for clause in library.clauses.select_related("parent")}
    assert list(clauses) == ["4", "4.1", "4.3", "4.3.1", "6", "6.3"]
    assert clauses["4.3.1"].parent.code == "4.3" and clauses["4.3"].parent.code == "4"
    assert clauses["4.3.1"].section == "framework" and clauses["6.3"].section == "process"
    assert clauses["4.1"].next_steps_zh == "每年开展一次环境分析\n建立知识产权资产清单"
    questions = {question.code: question for question in library.questions.all()}
    assert list(questions) == ["Q4.1-1", "Q4.3.1-1", "Q6.3-1", "Q6.3-2"]
    assert questions["Q4.1-1"].weight == 2 and len(questions["Q4.1-1"].levels) == 5
    assert questions["Q4.1-1"].levels[4] == {"zh": "持续改进", "en": "Measured and improved"}
    assert questions["Q4.3.1-1"].allows_not_applicable
    numeric = questions["Q6.3-2"]
    assert numeric.weight == Decimal("1.5") and numeric.unit == {"zh": "件", "en": "disclosures"}
    assert numeric.numeric_steps == [[1, 0.25], [5, 0.5], [10, 0.75], [20, 1]]
    # Unquoted yes in YAML reads as a boolean: the loader keeps the answer's name.
    assert numeric.condition == {"question": "Q6.3-1", "in": ["yes", "partly"]}
    assert numeric.evidence_prompt_zh == "发明披露登记表"
    assert list(library.grade_bands.values_list("level", "min_score")) == [
        (1, 0),
        (2, 20),
        (3, 40),
        (4, 60),
        (5, 80),
    ]


def test_loading_a_library_is_audited_with_what_came_with_it():
    library = standards_load(path=SAMPLE).library
    entry = LogEntry.objects.get_for_object(library).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.additional_data == {
        "source": "sample-v1.yaml",
        "content_hash": library.content_hash,
        "clauses": 6,
        "questions": 4,
        "grade_bands": 5,
    }


def test_the_same_file_loaded_again_changes_nothing_and_says_so(tmp_path):
    first = standards_load(path=SAMPLE)
    # Comments and layout are not content.
    again = standards_load(path=write(tmp_path, "# reformatted\n" + sample_text()))
    assert not again.created and again.library == first.library
    assert (
        StandardLibrary.objects.filter(urn=URN).count() == 1
        and Question.objects.filter(library=first.library).count() == 4
    )


def test_different_content_under_a_loaded_version_is_refused(tmp_path):
    standards_load(path=SAMPLE)
    with translation.override("zh-hans"), pytest.raises(DomainError) as caught:
        standards_load(path=write(tmp_path, edited("理解组织及其环境", "理解组织的环境")))
    assert "版本已存在且内容不同：请提高版本号" in caught.value.message
    assert Clause.objects.get(library__urn=URN, code="4.1").title_zh == "理解组织及其环境"


def test_a_higher_version_loads_beside_the_old_one(tmp_path):
    old = standards_load(path=SAMPLE).library
    text = edited("version: 1", "version: 2").replace("理解组织及其环境", "理解环境")
    new = standards_load(path=write(tmp_path, text))
    assert new.created and new.library.version == 2
    assert list(StandardLibrary.objects.filter(urn=URN).values_list("version", flat=True)) == [2, 1]
    assert Clause.objects.get(library=old, code="4.1").title_zh == "理解组织及其环境"
    assert Clause.objects.get(library=new.library, code="4.1").title_zh == "理解环境"


def test_a_version_older_than_a_loaded_one_is_refused(tmp_path):
    standards_load(path=write(tmp_path, edited("version: 1", "version: 2")))
    with pytest.raises(DomainError, match="1"):
        standards_load(path=SAMPLE)
    assert list(StandardLibrary.objects.filter(urn=URN).values_list("version", flat=True)) == [2]


BROKEN = [
    pytest.param(
        "            weight: 2\n", "            weight: 2: 3\n", "weight: 2: 3", "YAML", id="yaml-syntax"
    ),
    pytest.param("kind: numeric", "kind: number", "kind: number", "numeric", id="unknown-kind"),
    pytest.param(
        "            weight: 2\n", "            wieght: 2\n", "wieght", "wieght", id="misspelt-field"
    ),
    pytest.param(
        "            evidence: {zh: 发明披露制度, en: Disclosure procedure}\n",
        "",
        "- code: Q6.3-1",
        "evidence",
        id="missing-field",
    ),
    pytest.param("code: Q6.3-2", "code: Q6.3-1", "code: Q6.3-1", "Q6.3-1", id="duplicate-question", marks=()),
    pytest.param(
        "{question: Q6.3-1,", "{question: Q6.3-9,", "question: Q6.3-9", "Q6.3-9", id="condition-unknown"
    ),
    pytest.param("in: [yes, partly]", "in: [yes, maybe]", "in: [yes, maybe]", "maybe", id="condition-value"),
    pytest.param(
        "              - {zh: 持续改进, en: Measured and improved}\n",
        "",
        "            levels:",
        "",
        id="four-levels",
    ),
    pytest.param("[20, 1]]", "[20, 0.9]]", "[20, 0.9]", "1", id="last-step-below-1"),
    pytest.param("[10, 0.75], [20", "[30, 0.75], [20", "[20, 1]", "", id="steps-not-ascending"),
    pytest.param("min_score: 60", "min_score: 30", "min_score: 30", "", id="bands-not-ascending"),
    pytest.param("min_score: 0,", "min_score: 5,", "min_score: 5", "0", id="first-band-not-0"),
    pytest.param('  - code: "6"\n', '  - code: "4"\n', '- code: "4"\n', "4", id="duplicate-clause"),
    pytest.param(
        "    section: process\n",
        "    section: process\n    section: tools\n",
        "section: tools",
        "",
        id="duplicate-key",
    ),
    pytest.param("version: 1", "version: one", "version: one", "", id="version-not-a-number"),
]


@pytest.mark.parametrize(("old", "new", "at", "mentions"), BROKEN)
def test_a_broken_file_is_refused_with_the_line_of_its_first_error_and_nothing_is_loaded(
    tmp_path, old, new, at, mentions
):
    text = edited(old, new)
    # Where the fragment appears twice (a duplicate), the second is the error.
    occurrence = 2 if text.count(at) > 1 else 1
    error = refused(tmp_path, text)
    assert error.problems[0].line == line_of(text, at, occurrence), error.message
    assert mentions in error.message
    with translation.override("zh-hans"):
        assert f"第{line_of(text, at, occurrence)}行" in str(error.problems[0])


def test_a_condition_on_a_later_question_is_refused_at_the_condition():
    text = edited("{question: Q6.3-1, in: [yes, partly]}", "{question: Q6.3-1, in: [yes]}")
    text = text.replace(
        "            evidence: {zh: 发明披露制度, en: Disclosure procedure}\n",
        "            evidence: {zh: 发明披露制度, en: Disclosure procedure}\n"
        "            condition: {question: Q6.3-2, in: [yes]}\n",
    )
    with pytest.raises(LibraryFileError) as caught:
        loader.library_parse(text, source="x.yaml")
    lines = [problem.line for problem in caught.value.problems]
    assert line_of(text, "{question: Q6.3-2") in lines


def test_a_problem_names_its_file_line_and_column_and_counts_the_rest(tmp_path):
    text = edited("kind: numeric", "kind: number").replace("weight: 2", "weight: -2")
    error = refused(tmp_path, text)
    assert [problem.line for problem in error.problems] == sorted(
        [line_of(text, "weight: -2"), line_of(text, "kind: number")]
    )
    assert error.problems[0].column == 13
    with translation.override("zh-hans"):
        assert str(error.problems[0]).startswith(f"第{error.problems[0].line}行第13列：")


def test_the_command_loads_a_file_and_says_when_nothing_changed(capsys):
    call_command("standards", "load", str(SAMPLE))
    call_command("standards", "load", str(SAMPLE))
    out = capsys.readouterr().out
    assert "6" in out and "4" in out
    assert StandardLibrary.objects.filter(urn=URN).count() == 1
    assert out.count(URN) == 2


def test_the_command_exits_1_naming_every_problem_and_loads_nothing(tmp_path, capsys):
    path = write(tmp_path, edited("kind: numeric", "kind: number"))
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command("standards", "load", str(path))
    assert caught.value.returncode == 1
    assert f"{path}: 第{line_of(path.read_text(), 'kind: number')}行" in capsys.readouterr().err
    assert not StandardLibrary.objects.filter(urn=URN).exists()


def test_the_command_refuses_a_missing_file_with_exit_code_1(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("standards", "load", str(tmp_path / "none.yaml"))
    assert caught.value.returncode == 1


def test_the_bundled_libraries_load_all_or_nothing_and_a_second_run_changes_nothing(tmp_path, monkeypatch):
    write(tmp_path, sample_text(), "a-v1.yaml")
    write(tmp_path, edited("version: 1", "version: 2"), "a-v2.yaml")
    monkeypatch.setattr(loader, "BUNDLED_DIR", tmp_path)
    assert [load.created for load in standards_load_bundled()] == [True, True]
    assert [load.created for load in standards_load_bundled()] == [False, False]
    write(tmp_path, edited("version: 1", "version: 3").replace("kind: numeric", "kind: x"), "a-v3.yaml")
    with pytest.raises(LibraryFileError):
        standards_load_bundled()
    assert StandardLibrary.objects.filter(urn=URN).count() == 2
