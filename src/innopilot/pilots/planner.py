"""The coverage planner's arithmetic: how many enterprises each remaining campaign year must confirm
so that a unit's whole pool has been in a batch by the final year.

Pure Python on purpose (no Django): the rule is easy to state and property-tested with hypothesis.
The remainder is spread evenly and the odd enterprises go to the earliest years, so no year asks for
more than the one before it and nothing piles up in the final year.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    target: int  # enterprises to cover in all (the pool, with pilots whose title has since lapsed)
    confirmed: int  # already confirmed in some campaign
    allocation: tuple[tuple[int, int], ...]  # (year, enterprises to confirm that year)

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.confirmed)

    @property
    def unplanned(self) -> int:
        """Enterprises no year is left for (the final year has passed)."""
        return self.remaining - sum(count for _, count in self.allocation)


def spread(remaining: int, years: list[int]) -> list[tuple[int, int]]:
    """``remaining`` split over ``years``: equal shares, one more for each early year while the
    division leaves a remainder (ceil first). Never negative; zero remaining gives zeros."""
    if not years:
        return []
    remaining = max(0, remaining)
    base, extra = divmod(remaining, len(years))
    return [(year, base + (1 if index < extra else 0)) for index, year in enumerate(years)]


def remaining_years(first_year: int, final_year: int) -> list[int]:
    """The campaign years still to come, ``first_year`` to ``final_year`` inclusive."""
    return list(range(first_year, final_year + 1))


def plan_unit(*, target: int, confirmed: int, years: list[int]) -> Plan:
    remaining = max(0, target - confirmed)
    return Plan(target=target, confirmed=confirmed, allocation=tuple(spread(remaining, years)))
