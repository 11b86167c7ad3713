"""The workflow's pages: htmx fragments, the no-JavaScript fallback, evidence downloads, submit and
return, history, comparison, and query counts that do not grow."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from innopilot.assessments import services
from innopilot.assessments.models import Answer, Assessment, Evidence
from innopilot.common.demo import minimal_pdf
from innopilot.standards.models import Question
from tests.conftest import login
from tests.factories import EnterpriseFactory, small_library
from tests.helpers import assert_queries_do_not_grow, query_count

THIS_YEAR = timezone.localdate().year
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def library(db):
    return small_library()


@pytest.fixture
def user(personas):
    return personas["other_enterprise_user"]


@pytest.fixture
def assessment(user, library):
    return services.assessment_start(actor=user, year=THIS_YEAR, library=library)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def q(library, code):
    return Question.objects.get(library=library, code=code)


def answer_url(assessment, code):
    return reverse("assessment_answer", args=[assessment.pk, code])


def answer_all(user, assessment, library):
    for code, value in (("Q4.1-1", 2), ("Q5.1-1", "yes"), ("Q6.2-1", 3), ("QA-1", "no")):
        services.answer_save(actor=user, assessment=assessment, question=q(library, code), value=value)


# --- My assessments ------------------------------------------------------------------------------


def test_my_assessments_lists_years_with_status_score_and_level(client, user, library):
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    answer_all(user, last, library)
    services.assessment_submit(actor=user, assessment=last)
    services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    response = login(client, user).get(reverse("assessment_list"))
    html = response.content.decode()
    assert f'id="assessment-{THIS_YEAR - 1}"' in html and "已提交" in html and "填写中" in html
    assert "43.75" in html and "3 · 项目级" in html  # (50 + 100 + 25 + 0) / 4


def test_starting_from_the_list_defaults_to_this_year_and_opens_the_answering_page(client, user):
    library = small_library(urn=services.DEFAULT_LIBRARY_URN, version=99)  # newer than the bundled one
    response = login(client, user).post(reverse("assessment_start"), {"year": THIS_YEAR})
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "assessment_detail", args=[assessment.pk]
    )
    assert assessment.library == library and assessment.year == THIS_YEAR


def test_starting_a_year_twice_is_refused_with_400(client, user, assessment):
    response = login(client, user).post(reverse("assessment_start"), {"year": THIS_YEAR})
    assert response.status_code == 400 and Assessment.objects.count() == 1


def test_the_home_page_links_an_enterprise_to_its_assessments(client, user):
    html = login(client, user).get(reverse("home")).content.decode()
    assert reverse("assessment_list") in html


def test_the_list_keeps_its_query_count_as_years_grow(client, user, library):
    login(client, user)
    years = iter(range(THIS_YEAR - 1, 2019, -1))

    def add(count):
        for _ in range(count):
            services.assessment_start(actor=user, year=next(years), library=library)

    services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    assert_queries_do_not_grow(client, reverse("assessment_list"), add, more=3)


# --- Answering -----------------------------------------------------------------------------------


def test_the_answering_page_shows_sections_clauses_guidance_and_inputs_per_kind(client, user, assessment):
    html = login(client, user).get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "知识产权管理架构" in html and "条款4.1的指引" in html  # section label and clause guidance
    assert 'id="q-Q4_1-1-level-4"' in html and "等级4" in html  # five radios with descriptors
    assert 'id="q-Q5_1-1-na"' in html and 'id="q-Q4_1-1-na"' not in html  # N/A only where allowed
    assert 'id="q-Q6_2-1-number"' in html and "件" in html  # numeric with its unit
    assert 'id="q-QA-2" class="question question-hidden"' in html  # conditional, hidden for now
    assert 'id="assessment-progress"' in html and 'id="progress-total">0 / 4<' in html


def test_an_htmx_answer_returns_its_fragment_and_the_progress_out_of_band(client, user, assessment):
    response = login(client, user).post(answer_url(assessment, "Q4.1-1"), {"value": "3"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="q-Q4_1-1"') and 'data-answered="true"' in html
    assert 'id="assessment-progress" class="card" hx-swap-oob="true"' in html and "1 / 4" in html
    assert Answer.objects.get().level == 3


def test_answering_the_condition_shows_the_dependent_question_and_hides_it_again(client, user, assessment):
    login(client, user)
    html = client.post(answer_url(assessment, "QA-1"), {"value": "yes"}, **HTMX).content.decode()
    assert '<div id="q-QA-2" class="question border-top' in html and 'hx-swap-oob="true"' in html
    assert "1 / 5" in html
    client.post(answer_url(assessment, "QA-2"), {"value": "4"}, **HTMX)
    html = client.post(answer_url(assessment, "QA-1"), {"value": "no"}, **HTMX).content.decode()
    assert 'id="q-QA-2" class="question question-hidden" data-code="QA-2" hidden hx-swap-oob="true"' in html
    assert Answer.objects.filter(question__code="QA-2").exists()  # kept, only excluded


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("Q6.2-1", {"value": "-1"}, "请输入 0 或以上的数字。"),
        ("Q6.2-1", {"value": "abc"}, "请输入数字。"),
        ("Q4.1-1", {"value": "7"}, "请选择 0 到 4 之间的等级。"),
        ("Q4.1-1", {"value": "2", "not_applicable": "on"}, "本题不可选择“不适用”。"),
    ],
)
def test_invalid_answers_show_a_chinese_message_inline_with_422(
    client, user, assessment, code, data, message
):
    response = login(client, user).post(answer_url(assessment, code), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 422 and message in html and "question-errors" in html
    assert not Answer.objects.exists()


def test_without_javascript_an_answer_posts_and_returns_to_the_question(client, user, assessment):
    response = login(client, user).post(
        answer_url(assessment, "Q5.1-1"), {"value": "partly", "comment": "部分"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#q-Q5_1-1")
    assert Answer.objects.get().choice == "partly"


def test_without_javascript_an_invalid_answer_shows_the_whole_page_with_400(client, user, assessment):
    response = login(client, user).post(answer_url(assessment, "Q6.2-1"), {"value": "-5"})
    html = response.content.decode()
    assert response.status_code == 400 and "<html" in html and "请输入 0 或以上的数字。" in html
    assert 'value="-5"' in html  # what was typed is shown again


def test_a_prefilled_answer_is_marked_until_confirmed(client, user, library):
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    services.answer_save(actor=user, assessment=last, question=q(library, "Q4.1-1"), value=2)
    this = services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    html = login(client, user).get(reverse("assessment_detail", args=[this.pk])).content.decode()
    assert "已沿用上年，请核对" in html and "确认无误" in html
    html = client.post(answer_url(this, "Q4.1-1"), {"value": "2"}, **HTMX).content.decode()
    assert "prefilled-badge" not in html


def test_an_unknown_question_code_is_404(client, user, assessment):
    assert login(client, user).post(answer_url(assessment, "Q9.9-9"), {"value": "1"}).status_code == 404


def test_the_answering_page_keeps_its_query_count_as_answers_and_evidence_grow(
    client, user, assessment, library, media
):
    login(client, user)
    url = reverse("assessment_detail", args=[assessment.pk])
    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q4.1-1"), value=1)
    query_count(client, url)  # the library's scoring specs are built once per process
    codes = iter(["Q5.1-1", "Q6.2-1", "QA-1", "Q4.1-1", "Q5.1-1", "Q6.2-1"])

    def add(count):
        for _ in range(count):
            code = next(codes)
            services.evidence_add(
                actor=user,
                assessment=assessment,
                question=q(library, code),
                file=SimpleUploadedFile(f"{code}.pdf", minimal_pdf(code)),
                refers_to=datetime.date(2025, 1, 1),
            )

    assert_queries_do_not_grow(client, url, add, more=6)


def test_the_answering_page_keeps_its_query_count_for_a_larger_library(client, user, assessment, personas):
    login(client, user)
    query_count(client, reverse("assessment_detail", args=[assessment.pk]))  # builds the library's specs
    services.answer_save(
        actor=user, assessment=assessment, question=assessment.library.questions.first(), value=1
    )
    small = query_count(client, reverse("assessment_detail", args=[assessment.pk]))
    bigger = small_library(urn="urn:innopilot:test:bigger")
    for index, clause in enumerate(bigger.clauses.all()):
        for extra in range(3):
            Question.objects.create(
                library=bigger,
                clause=clause,
                code=f"X{index}-{extra}",
                kind="yes_partly_no",
                text_zh="附加题",
                sort_order=10 + index * 3 + extra,
            )
    other = Assessment.objects.create(enterprise=user.enterprise, year=THIS_YEAR - 1, library=bigger)
    for question in bigger.questions.all()[:8]:
        Answer.objects.create(
            assessment=other,
            question=question,
            choice="yes" if question.kind == "yes_partly_no" else "",
            level=2 if question.kind == "maturity" else None,
            number=1 if question.kind == "numeric" else None,
        )
    query_count(client, reverse("assessment_detail", args=[other.pk]))
    assert query_count(client, reverse("assessment_detail", args=[other.pk])) == small


# --- Evidence ------------------------------------------------------------------------------------


def test_evidence_uploads_with_htmx_and_downloads_for_the_enterprise_and_its_district(
    client, user, assessment, personas, media
):
    login(client, user)
    upload = SimpleUploadedFile("专利管理制度.pdf", minimal_pdf("policy"))
    url = reverse("assessment_evidence_upload", args=[assessment.pk, "Q4.1-1"])
    response = client.post(url, {"file": upload, "refers_to": "2025-03-01", "description": "2025版"}, **HTMX)
    assert response.status_code == 200 and "专利管理制度.pdf" in response.content.decode()
    evidence = Evidence.objects.get()
    download = reverse("assessment_evidence", args=[assessment.pk, evidence.pk])
    for persona in ("other_enterprise_user", "jiangbei_official", "city_ip"):
        response = login(client, personas[persona]).get(download)
        assert response.status_code == 200 and b"".join(response.streaming_content) == minimal_pdf("policy")
    for persona in ("enterprise_user", "yubei_official"):
        assert login(client, personas[persona]).get(download).status_code == 404


def test_another_enterprises_guessed_evidence_id_is_404_even_under_its_own_assessment(
    client, personas, library, media
):
    yubei_user = personas["enterprise_user"]
    own = services.assessment_start(actor=yubei_user, year=THIS_YEAR, library=library)
    jiangbei = services.assessment_start(
        actor=personas["other_enterprise_user"], year=THIS_YEAR, library=library
    )
    secret = services.evidence_add(
        actor=personas["other_enterprise_user"],
        assessment=jiangbei,
        question=q(library, "QA-1"),
        file=SimpleUploadedFile("机密.pdf", minimal_pdf("secret")),
        refers_to=datetime.date(2025, 1, 1),
    )
    login(client, yubei_user)
    assert client.get(reverse("assessment_evidence", args=[own.pk, secret.pk])).status_code == 404
    assert client.get(reverse("assessment_evidence", args=[jiangbei.pk, secret.pk])).status_code == 404
    assert client.post(reverse("assessment_evidence_delete", args=[own.pk, secret.pk])).status_code == 404


def test_a_refused_evidence_upload_says_why_and_stores_nothing(client, user, assessment, media):
    login(client, user)
    url = reverse("assessment_evidence_upload", args=[assessment.pk, "Q4.1-1"])
    fake = SimpleUploadedFile("报告.pdf", b"<script>alert(1)</script>")
    response = client.post(url, {"file": fake, "refers_to": "2025-03-01"}, **HTMX)
    assert response.status_code == 422 and "改过扩展名" in response.content.decode()
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", minimal_pdf("a")), "refers_to": future})
    assert response.status_code == 400 and "材料所属日期不能晚于今天" in response.content.decode()
    assert not Evidence.objects.exists()


def test_without_javascript_an_evidence_upload_returns_to_its_question(client, user, assessment, media):
    url = reverse("assessment_evidence_upload", args=[assessment.pk, "QA-1"])
    upload = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    response = login(client, user).post(url, {"file": upload, "refers_to": "2025-03-01"})
    assert response.status_code == 302 and response["Location"].endswith("#q-QA-1")
    assert Evidence.objects.get().original_name == "scan.png"


def test_the_enterprise_removes_evidence_while_open(client, user, assessment, library, media):
    evidence = services.evidence_add(
        actor=user,
        assessment=assessment,
        question=q(library, "Q4.1-1"),
        file=SimpleUploadedFile("a.pdf", minimal_pdf("a")),
        refers_to=datetime.date(2025, 1, 1),
    )
    response = login(client, user).post(
        reverse("assessment_evidence_delete", args=[assessment.pk, evidence.pk]), **HTMX
    )
    assert response.status_code == 200 and not Evidence.objects.exists()


# --- Submit, return, history, compare --------------------------------------------------------------


def test_submitting_with_gaps_lists_the_unanswered_questions(client, user, assessment, library):
    services.answer_save(actor=user, assessment=assessment, question=q(library, "Q4.1-1"), value=2)
    response = login(client, user).post(reverse("assessment_submit", args=[assessment.pk]))
    html = response.content.decode()
    assert response.status_code == 400 and 'id="submit-error"' in html
    assert "问题Q5.1-1" in html and "问题Q6.2-1" in html and "问题QA-1" in html


def test_submit_return_and_resubmit_through_the_pages(client, user, assessment, library, personas):
    answer_all(user, assessment, library)
    login(client, user)
    response = client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "assessment_history", args=[assessment.pk]
    )
    detail = reverse("assessment_detail", args=[assessment.pk])
    html = client.get(detail).content.decode()
    assert 'id="submitted-note"' in html and "answer-form" not in html  # read-only now
    assert client.post(answer_url(assessment, "QA-1"), {"value": "yes"}).status_code == 403

    official = personas["jiangbei_official"]
    login(client, official)
    html = client.get(detail).content.decode()
    assert 'id="return-form"' in html and "answer-readonly" in html
    assert client.post(reverse("assessment_return", args=[assessment.pk]), {"comment": ""}).status_code == 400
    response = client.post(reverse("assessment_return", args=[assessment.pk]), {"comment": "请补充专利数据"})
    assert response.status_code == 302

    login(client, user)
    html = client.get(detail).content.decode()
    assert 'id="return-comment"' in html and "请补充专利数据" in html and "answer-form" in html
    client.post(answer_url(assessment, "Q6.2-1"), {"value": "12"})
    client.post(reverse("assessment_submit", args=[assessment.pk]))
    history = client.get(reverse("assessment_history", args=[assessment.pk])).content.decode()
    assert history.count('data-kind="submitted"') == 2 and history.count('data-kind="returned"') == 1
    assert assessment.submissions.get(number=2).content_hash[:12] in history


def test_city_officials_read_but_cannot_return(client, user, assessment, library, personas):
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    login(client, personas["city_ip"])
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "answer-readonly" in html and 'id="return-form"' not in html
    assert (
        client.post(reverse("assessment_return", args=[assessment.pk]), {"comment": "x"}).status_code == 403
    )


def test_the_comparison_highlights_changed_clauses_and_answers(client, user, library):
    last = services.assessment_start(actor=user, year=THIS_YEAR - 1, library=library)
    answer_all(user, last, library)
    this = services.assessment_start(actor=user, year=THIS_YEAR, library=library)
    services.answer_save(actor=user, assessment=this, question=q(library, "Q4.1-1"), value=4)
    html = login(client, user).get(reverse("assessment_compare", args=[this.pk])).content.decode()
    assert 'data-code="4.1" data-changed="true"' in html and "+50.0" in html
    assert 'data-code="Q4.1-1" data-changed="true"' in html
    assert 'data-code="Q5.1-1" data-changed="false"' in html


def test_the_comparison_without_an_earlier_year_says_so(client, user, assessment):
    html = login(client, user).get(reverse("assessment_compare", args=[assessment.pk])).content.decode()
    assert 'id="no-earlier"' in html


def test_an_enterprise_never_opens_another_enterprises_assessment(client, personas, library):
    other = EnterpriseFactory()
    assessment = Assessment.objects.create(enterprise=other, year=THIS_YEAR, library=library)
    login(client, personas["other_enterprise_user"])
    for name in ("assessment_detail", "assessment_history", "assessment_compare"):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 404


def test_the_bundled_iso_56005_library_renders_every_question_on_the_answering_page(client, user):
    assessment = services.assessment_start(actor=user, year=THIS_YEAR)
    assert assessment.library.urn == services.DEFAULT_LIBRARY_URN
    html = login(client, user).get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    questions = assessment.library.questions.count()
    assert html.count('class="question ') == questions >= 60
    shown = html.count('class="question border-top')
    assert f'id="progress-total">0 / {shown}<' in html


def test_the_answering_page_and_history_read_in_english(client, user, assessment, library):
    answer_all(user, assessment, library)
    services.assessment_submit(actor=user, assessment=assessment)
    login(client, user).cookies["django_language"] = "en"
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "Question Q4.1-1" in html and "Level 2" in html and "IP management framework" in html
    history = client.get(reverse("assessment_history", args=[assessment.pk])).content.decode()
    assert "Submission no. 1" in history and "项目级" in history  # a band without an English name
