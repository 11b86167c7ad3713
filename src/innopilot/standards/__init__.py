"""Standards as versioned data libraries (ISO 56005 first): clauses, questions, grade bands."""
