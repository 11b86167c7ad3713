"""Assertions shared by many tests."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_queries_do_not_grow(client, url: str, add_rows: Callable[[int], None], *, more: int = 15) -> None:
    """The page's SQL query count is the same after ``add_rows(more)`` added rows to what it lists."""
    before = query_count(client, url)
    add_rows(more)
    after = query_count(client, url)
    assert after == before, f"{url}: {before} queries with fewer rows, {after} with {more} more"
