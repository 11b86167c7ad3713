"""The workflow's rules, service by service: start, answer, evidence, submit, return, resubmit."""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.utils import timezone

from innopilot.assessments import services
from innopilot.assessments.models import Answer, Assessment, ClauseScore, Evidence
from innopilot.common.demo import minimal_pdf
from innopilot.common.errors import DomainError
from innopilot.standards.models import Question, StandardLibrary
from tests.factories import small_library

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def library(db):
    return small_library()


@pytest.fixture
def user(personas):
    return personas["other_enterprise_user"]  # of the 江北 enterprise


@pytest.fixture
def assessment(user, library):
    return services.assessment_start(actor=user, year=THIS_YEAR, library=library)


def q(library, code):
    return Question.objects.get(library=library, code=code)


def answer_all(user, assessment, library, *, qa1="yes"):
    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q4.1-1"), value=3)
    services.answer_save(
        actor=user, assessment=assessment, question=q(library, "Q5.1-1"), not_applicable=True
    )
    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q6.2-1"), value=Decimal("6"))
    services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1"), value=qa1)
    if qa1 != "no":
        services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-2"), value=4)


def pdf_upload(name="制度.pdf"):
    return SimpleUploadedFile(name, minimal_pdf("IP policy"), content_type="application/pdf")


# --- Starting ------------------------------------------------------------------------------------


def test_an_enterprise_starts_this_years_assessment_pinned_to_the_library(user, library):
    assessment = services.assessment_start(actor=user, library=library)
    assert (assessment.year, assessment.library, assessment.status) == (THIS_YEAR, library, "draft")
    assert assessment.enterprise == user.enterprise and assessment.previous is None


def test_without_a_library_the_latest_version_of_the_bundled_one_is_used(user):
    small_library(urn=services.DEFAULT_LIBRARY_URN, version=98)
    newest = small_library(urn=services.DEFAULT_LIBRARY_URN, version=99)
    assert services.assessment_start(actor=user).library == newest


def test_starting_without_any_loaded_library_is_refused_with_a_message(user):
    StandardLibrary.objects.filter(urn=services.DEFAULT_LIBRARY_URN).delete()
    with pytest.raises(DomainError, match="尚未加载"):
        services.assessment_start(actor=user)


def test_an_enterprise_has_one_assessment_per_year(user, assessment, library):
    with pytest.raises(DomainError) as error:
        services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    assert error.value.field == "year"


def test_a_second_start_racing_past_the_check_is_refused_not_a_crash(user, assessment, library, monkeypatch):
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # both clicks passed the check
    with pytest.raises(DomainError) as error:
        services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    assert error.value.field == "year"


@pytest.mark.parametrize("year", [2019, THIS_YEAR + 1])
def test_a_year_before_2020_or_in_the_future_is_refused(user, library, year):
    with pytest.raises(DomainError):
        services.assessment_start(actor=user, year=year, library=library)


def test_officials_cannot_start_an_assessment(personas, library):
    with pytest.raises(DomainError):
        services.assessment_start(actor=personas["jiangbei_official"], library=library)


def test_a_later_year_starts_prefilled_from_the_most_recent_earlier_one(user, library):
    older = services.assessment_start(actor=user, year=THIS_YEAR - 2, library=library)
    services.answer_save(actor=user, assessment=older, question=q(library, "Q4.1-1"), value=1)
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    services.answer_save(
        actor=user, assessment=last, question=q(library, "Q4.1-1"), value=2, comment="已有制度"
    )
    services.answer_save(actor=user, assessment=last, question=q(library, "Q5.1-1"), not_applicable=True)

    this = services.assessment_start(actor=user, year=THIS_YEAR, library=library)

    assert this.previous == last
    answers = {a.question.code: a for a in this.answers.select_related("question")}
    assert set(answers) == {"Q4.1-1", "Q5.1-1"}
    assert answers["Q4.1-1"].level == 2 and answers["Q4.1-1"].comment == "已有制度"
    assert answers["Q5.1-1"].not_applicable
    assert all(a.prefilled for a in answers.values())
    entries = LogEntry.objects.get_for_objects(Answer.objects.filter(assessment=this)).filter(actor=user)
    assert entries.count() == 2 and "prefilled" in entries.first().additional_data["source"]


def test_prefilling_copies_only_questions_that_exist_in_the_new_library_version(user, library):
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    services.answer_save(actor=user, assessment=last, question=q(library, "Q4.1-1"), value=2)
    services.answer_save(actor=user, assessment=last, question=q(library, "QA-1"), value="no")
    newer = small_library(urn=library.urn, version=2)
    Question.objects.filter(library=newer, code="QA-1").update(code="QA-9")
    this = services.assessment_start(actor=user, year=THIS_YEAR, library=newer)
    copied = list(this.answers.values_list("question__code", "question__library"))
    assert copied == [("Q4.1-1", newer.pk)]


def test_touching_a_prefilled_answer_confirms_it(user, library):
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    services.answer_save(actor=user, assessment=last, question=q(library, "Q4.1-1"), value=2)
    this = services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    answer = services.answer_save(actor=user, assessment=this, question=q(library, "Q4.1-1"), value=2)
    assert not answer.prefilled


# --- Answering -----------------------------------------------------------------------------------


def test_an_answer_is_saved_with_its_kinds_column_and_audited(user, assessment, library):
    answer = services.answer_save(
        actor=user, assessment=assessment, question=q(library, "Q6.2-1"), value="12.5", comment=" 去年 "
    )
    assert (answer.number, answer.level, answer.choice, answer.comment) == (
        Decimal("12.50"),
        None,
        "",
        "去年",
    )
    assert LogEntry.objects.get_for_object(answer).get().actor == user


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("Q4.1-1", 5, "0 到 4"),
        ("Q4.1-1", -1, "0 到 4"),
        ("Q5.1-1", "maybe", "是、部分或否"),
        ("Q6.2-1", "-3", "0 或以上"),
        ("Q6.2-1", "abc", "数字"),
    ],
)
def test_values_outside_the_questions_range_are_refused_in_chinese(
    user, assessment, library, code, value, message
):
    with pytest.raises(DomainError, match=message):
        services.answer_save(actor=user, assessment=assessment, question=q(library, code), value=value)
    assert not Answer.objects.exists()


def test_not_applicable_only_where_the_question_allows_it(user, assessment, library):
    with pytest.raises(DomainError, match="不适用"):
        services.answer_save(
            actor=user, assessment=assessment, question=q(library, "Q4.1-1"), not_applicable=True
        )
    answer = services.answer_save(
        actor=user, assessment=assessment, question=q(library, "Q5.1-1"), value="yes", not_applicable=True
    )
    assert answer.not_applicable and answer.choice == ""


def test_clearing_an_answer_without_comment_or_evidence_removes_it(user, assessment, library):
    services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1"), value="yes")
    assert services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1")) is None
    assert not Answer.objects.exists()


def test_a_question_of_another_library_is_refused(user, assessment):
    other = small_library(urn="urn:innopilot:test:other")
    with pytest.raises(DomainError):
        services.answer_save(actor=user, assessment=assessment, question=q(other, "QA-1"), value="yes")


def test_another_enterprise_and_officials_cannot_answer(personas, assessment, library):
    for name in ("enterprise_user", "jiangbei_official", "city_ip"):
        with pytest.raises(DomainError):
            services.answer_save(
                actor=personas[name], assessment=assessment, question=q(library, "QA-1"), value="yes"
            )


def test_a_hidden_questions_answer_is_kept_but_not_counted(user, assessment, library):
    answer_all(user, assessment, library, qa1="yes")
    services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1"), value="no")
    assert Answer.objects.filter(question__code="QA-2").exists()
    submission = services.assessment_submit(actor=user, assessment=assessment)
    assert "QA-2" not in [a["question"] for a in submission.snapshot["answers"]]


# --- Evidence ------------------------------------------------------------------------------------


def test_evidence_is_stored_under_a_random_name_with_its_hash(user, assessment, library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = pdf_upload()
    evidence = services.evidence_add(
        actor=user,
        assessment=assessment,
        question=q(library, "Q4.1-1"),
        file=upload,
        refers_to=datetime.date(2025, 6, 30),
    )
    assert evidence.original_name == "制度.pdf" and "制度" not in evidence.file.name
    assert evidence.sha256 == hashlib.sha256(minimal_pdf("IP policy")).hexdigest()
    assert evidence.answer.is_given is False  # an empty answer holds the file until answered


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "PDF"),
        ("renamed.pdf", b"<html>hello</html>", "改过扩展名"),
        ("fake.docx", b"PK\x03\x04not a zip", "改过扩展名"),
        ("empty.png", b"", "空"),
    ],
)
def test_evidence_of_a_wrong_type_or_content_is_refused(user, assessment, library, name, content, message):
    with pytest.raises(DomainError, match=message):
        services.evidence_add(
            actor=user,
            assessment=assessment,
            question=q(library, "Q4.1-1"),
            file=SimpleUploadedFile(name, content),
            refers_to=datetime.date(2025, 1, 1),
        )
    assert not Evidence.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(user, assessment, library, settings):
    settings.EVIDENCE_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    with pytest.raises(DomainError, match="1 MB"):
        services.evidence_add(
            actor=user,
            assessment=assessment,
            question=q(library, "Q4.1-1"),
            file=big,
            refers_to=datetime.date(2025, 1, 1),
        )


def test_the_date_the_evidence_refers_to_is_required_and_not_in_the_future(user, assessment, library):
    for refers_to in (None, timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(DomainError) as error:
            services.evidence_add(
                actor=user,
                assessment=assessment,
                question=q(library, "Q4.1-1"),
                file=pdf_upload(),
                refers_to=refers_to,
            )
        assert error.value.field == "refers_to"


def test_the_enterprise_deletes_evidence_while_open_but_not_after_submitting(
    user, assessment, library, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    first = services.evidence_add(
        actor=user,
        assessment=assessment,
        question=q(library, "Q4.1-1"),
        file=pdf_upload(),
        refers_to=datetime.date(2025, 1, 1),
    )
    path = first.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=user, evidence=first)
    assert not Evidence.objects.exists() and not (tmp_path / path).exists()

    second = services.evidence_add(
        actor=user,
        assessment=assessment,
        question=q(library, "Q4.1-1"),
        file=pdf_upload(),
        refers_to=datetime.date(2025, 1, 1),
    )
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    with pytest.raises(DomainError, match="已报送"):
        services.evidence_delete(actor=user, evidence=second)


# --- Submitting, returning, resubmitting ---------------------------------------------------------


def test_submitting_with_unanswered_shown_questions_is_refused_and_names_them(user, assessment, library):
    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q4.1-1"), value=3)
    services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1"), value="yes")
    with pytest.raises(DomainError) as error:
        services.assessment_submit(actor=user, assessment=assessment)
    assert "Q5.1-1" in error.value.message and "QA-2" in error.value.message
    assessment.refresh_from_db()
    assert assessment.status == "draft" and not assessment.submissions.exists()


def test_submitting_freezes_a_snapshot_with_the_hash_of_its_canonical_json(
    user, assessment, library, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer_all(user, assessment, library)
    evidence = services.evidence_add(
        actor=user,
        assessment=assessment,
        question=q(library, "Q4.1-1"),
        file=pdf_upload(),
        refers_to=datetime.date(2025, 1, 1),
    )

    submission = services.assessment_submit(actor=user, assessment=assessment)

    snapshot = submission.snapshot
    assert submission.content_hash == hashlib.sha256(services.canonical_json(snapshot)).hexdigest()
    assert snapshot["library"] == {"urn": library.urn, "version": 1}
    frozen = {a["question"]: a for a in snapshot["answers"]}
    assert frozen["Q4.1-1"]["value"] == 3
    assert frozen["Q4.1-1"]["evidence"] == [
        {"name": "制度.pdf", "sha256": evidence.sha256, "refers_to": "2025-01-01"}
    ]
    assert frozen["Q5.1-1"] == {
        "question": "Q5.1-1",
        "value": None,
        "not_applicable": True,
        "comment": "",
        "evidence": [],
    }
    # 4.1: 3/4 → 75; 6.2: 6 ≥ 5 → 50; A: yes 1 and level 4 → 100; 5.1 not applicable.
    assert snapshot["scores"]["clauses"] == {"4.1": 75.0, "5.1": None, "6.2": 50.0, "A": 100.0}
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.score == submission.score == Decimal("81.25")
    assert assessment.level == submission.level == 5
    assert assessment.section_scores == snapshot["scores"]["sections"]
    assert dict(ClauseScore.objects.values_list("clause__code", "score")) == {
        "4.1": Decimal("75.00"),
        "6.2": Decimal("50.00"),
        "A": Decimal("100.00"),
    }


def test_answers_are_read_only_after_submitting(user, assessment, library):
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    with pytest.raises(DomainError, match="已报送"):
        services.answer_save(actor=user, assessment=assessment, question=q(library, "QA-1"), value="no")
    with pytest.raises(DomainError):
        services.assessment_submit(actor=user, assessment=assessment)


def test_a_second_submit_of_a_stale_copy_is_refused(user, assessment, library):
    """Two clicks (or tabs) hold the same row; the lock re-reads its status, so only one submits."""
    answer_all(user, assessment, library)
    stale = Assessment.objects.get(pk=assessment.pk)
    services.assessment_submit(actor=user, assessment=assessment)
    with pytest.raises(DomainError):
        services.assessment_submit(actor=user, assessment=stale)
    assert assessment.submissions.count() == 1


def test_the_district_returns_with_a_required_comment_and_the_enterprise_resubmits(
    personas, user, assessment, library
):
    official = personas["jiangbei_official"]
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    with pytest.raises(DomainError) as error:
        services.assessment_return(actor=official, assessment=assessment, comment="  ")
    assert error.value.field == "comment"

    returned = services.assessment_return(actor=official, assessment=assessment, comment="请补充制度文件")
    assert (returned.number, returned.returned_by, returned.return_comment) == (1, official, "请补充制度文件")
    assessment.refresh_from_db()
    assert assessment.status == "returned"

    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q4.1-1"), value=4)
    second = services.assessment_submit(actor=user, assessment=assessment)
    assert second.number == 2 and second.snapshot["submission"] == 2
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.score == second.score
    assert ClauseScore.objects.get(clause__code="4.1").score == Decimal("100.00")
    assert ClauseScore.objects.count() == 3  # replaced, not added to


def test_only_the_managing_district_returns_and_only_a_submitted_assessment(
    personas, user, assessment, library
):
    with pytest.raises(DomainError, match="已报送"):
        services.assessment_return(actor=personas["jiangbei_official"], assessment=assessment, comment="x")
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    for name in ("yubei_official", "city_ip", "other_enterprise_user"):
        with pytest.raises(DomainError):
            services.assessment_return(actor=personas[name], assessment=assessment, comment="x")


def test_canonical_json_sorts_keys_without_whitespace():
    assert services.canonical_json({"b": 1, "a": ["中", None]}) == '{"a":["中",null],"b":1}'.encode()


def test_every_write_reaches_the_audit_trail(user, assessment, library, personas):
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    services.assessment_return(actor=personas["jiangbei_official"], assessment=assessment, comment="补充")
    actors = set(
        LogEntry.objects.filter(object_repr__contains=str(assessment.year)).values_list(
            "actor__username", flat=True
        )
    )
    assert {"ent_jiangbei", "jiangbei_ip"} <= actors


def test_the_sha256_helper_reads_in_chunks_and_rewinds():
    from innopilot.common.uploads import sha256_of

    stream = io.BytesIO(b"abc")
    assert sha256_of(stream) == hashlib.sha256(b"abc").hexdigest() and stream.tell() == 0
