"""The planner spreads what remains evenly over the years left, earliest years first."""

from hypothesis import given
from hypothesis import strategies as st

from innopilot.pilots.planner import plan_unit, remaining_years, spread

years_lists = st.integers(min_value=2023, max_value=2030).flatmap(
    lambda first: st.integers(min_value=0, max_value=6).map(lambda n: list(range(first, first + n)))
)


@given(st.integers(min_value=0, max_value=100_000), years_lists)
def test_the_allocation_adds_up_to_what_remains_when_years_are_left(remaining, years):
    allocation = spread(remaining, years)
    assert [year for year, _ in allocation] == years
    if years:
        assert sum(count for _, count in allocation) == remaining


@given(st.integers(min_value=-50, max_value=100_000), years_lists)
def test_the_allocation_never_grows_from_one_year_to_the_next_and_is_never_negative(remaining, years):
    counts = [count for _, count in spread(remaining, years)]
    assert all(count >= 0 for count in counts)
    assert counts == sorted(counts, reverse=True)
    assert max(counts, default=0) - min(counts, default=0) <= 1


@given(years_lists)
def test_nothing_remaining_plans_zeros(years):
    assert spread(0, years) == [(year, 0) for year in years]


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000), years_lists)
def test_a_unit_plan_covers_the_rest_of_its_pool(target, confirmed, years):
    plan = plan_unit(target=target, confirmed=confirmed, years=years)
    assert plan.remaining == max(0, target - confirmed)
    assert plan.unplanned == (plan.remaining if not years else 0)


def test_twelve_over_two_years_is_six_and_six_and_thirteen_puts_the_odd_one_first():
    assert spread(12, [2025, 2026]) == [(2025, 6), (2026, 6)]
    assert spread(13, [2025, 2026]) == [(2025, 7), (2026, 6)]
    assert remaining_years(2026, 2025) == []
