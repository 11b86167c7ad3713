"""Readiness checks (达标参考): indicative, rule by rule. ``schema.py`` (the ruleset file), ``engine.py``
(pure evaluation), ``loader.py`` (versioned rulesets), ``results.py`` (a report's inputs and stored
results), ``words.py`` (results in words)."""

from innopilot.annual.readiness.results import refresh_for

__all__ = ["refresh_for"]
