"""The small test library the workflow tests build on is itself consistent."""

from innopilot.standards.models import Section
from tests.factories import small_library


def test_the_small_library_has_a_clause_in_every_section_and_five_grade_bands(db):
    library = small_library()
    assert {clause.section for clause in library.clauses.all()} == set(Section.values)
    assert library.questions.count() == 5
    assert list(library.grade_bands.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
