"""The suggested priorities: a transparent score, each point explained in words."""

from decimal import Decimal

from django.utils import translation

from innopilot.pilots.priorities import Profile, priority, ranked


def test_a_demonstration_title_outranks_an_advantage_title_which_outranks_a_little_giant():
    scores = [
        priority(Profile(titles=frozenset({code}))).score
        for code in ("national_ip_demonstration", "national_ip_advantage", "national_little_giant")
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


def test_only_the_best_title_counts():
    both = Profile(titles=frozenset({"national_ip_demonstration", "national_little_giant"}))
    assert priority(both).score == priority(Profile(titles=frozenset({"national_ip_demonstration"}))).score


def test_each_strength_adds_points_and_words_in_chinese():
    profile = Profile(
        titles=frozenset({"national_ip_demonstration"}),
        has_ip_department=True,
        ip_staff_full_time=2,
        valid_invention_patents=23,
        rd_expense=Decimal("1500"),
        gbt29490_certified=True,
        willingness="yes",
    )
    with translation.override("zh-hans"):
        result = priority(profile)
    assert result.score == 30 + 10 + 10 + 20 + 10 + 10 + 15
    assert result.explanation.startswith("国家知识产权示范企业；设有知识产权管理部门")
    assert "有效发明专利 23 件" in result.explanation
    assert result.explanation.endswith("愿意参加")


def test_unknown_survey_answers_earn_nothing():
    assert priority(Profile(titles=frozenset())).score == 0
    assert priority(Profile(titles=frozenset())).reasons == ()


def test_an_enterprise_that_said_no_goes_below_one_that_did_not_answer():
    unwilling = priority(Profile(titles=frozenset({"national_ip_advantage"}), willingness="no"))
    silent = priority(Profile(titles=frozenset({"national_ip_advantage"})))
    assert unwilling.score < silent.score


def test_patents_count_one_point_each_up_to_twenty():
    assert priority(Profile(titles=frozenset(), valid_invention_patents=5)).score == 5
    assert priority(Profile(titles=frozenset(), valid_invention_patents=500)).score == 20


def test_ranking_puts_the_highest_score_first_and_breaks_ties_by_name():
    items = [
        ("乙公司", Profile(titles=frozenset({"national_ip_advantage"}))),
        ("甲公司", Profile(titles=frozenset({"national_ip_advantage"}))),
        ("丙公司", Profile(titles=frozenset({"national_ip_demonstration"}))),
    ]
    assert [name for name, _ in ranked(items, key_name=lambda n: n)] == [
        "丙公司",
        *sorted(["乙公司", "甲公司"]),
    ]
