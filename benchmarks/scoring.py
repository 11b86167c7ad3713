"""Time the scoring engine on a 100-question assessment: ``python -m benchmarks.scoring``.

The library is built in memory like the ISO 56005 one (clauses under four sections, nested
sub-clauses, the three kinds of question, conditions, not-applicable answers); no database is
involved, since the engine is pure Python. The issue's bound is 5 ms for the median.
"""

import os
import random
import statistics
import sys
import time

from innopilot.assessments.scoring import AnswerSpec, QuestionSpec, score

QUESTIONS = int(os.environ.get("BENCH_SCORING_QUESTIONS", "100"))
RUNS = int(os.environ.get("BENCH_SCORING_RUNS", "2000"))
BOUND_MS = 5.0
BANDS = [(1, 0.0), (2, 20.0), (3, 40.0), (4, 60.0), (5, 80.0)]
CLAUSES = [
    ("4", "framework", ["4.1", "4.2", "4.3.1", "4.3.2", "4.4.1", "4.4.2", "4.5.1", "4.5.2", "4.6", "4.7"]),
    ("5", "strategy", ["5.1", "5.2", "5.3"]),
    ("6", "process", ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6"]),
    ("annexes", "tools", ["A", "B", "C", "D", "E", "F"]),
]


def build(count: int, rng: random.Random) -> tuple[list[QuestionSpec], dict[str, AnswerSpec]]:
    leaves = [(top, section, code) for top, section, codes in CLAUSES for code in codes]
    questions, answers = [], {}
    for index in range(count):
        top, section, clause = leaves[index % len(leaves)]
        ancestors = (clause.rsplit(".", 1)[0], top) if clause.count(".") == 2 else (top,)
        kind = ("maturity", "yes_partly_no", "numeric")[index % 3]
        earlier = [q for q in questions[-5:] if q.kind == "yes_partly_no"]
        condition = (earlier[0].code, frozenset({"yes", "partly"})) if earlier and index % 10 == 0 else None
        question = QuestionSpec(
            code=f"Q{index}",
            clause=clause,
            section=section,
            kind=kind,
            weight=rng.choice([1.0, 2.0, 3.0]),
            allows_not_applicable=index % 7 == 0,
            steps=((1, 0.25), (5, 0.5), (10, 0.75), (20, 1.0)) if kind == "numeric" else (),
            condition=condition,
            ancestors=ancestors,
        )
        questions.append(question)
        if question.allows_not_applicable and rng.random() < 0.5:
            answers[question.code] = AnswerSpec(not_applicable=True)
        elif kind == "maturity":
            answers[question.code] = AnswerSpec(rng.randint(0, 4))
        elif kind == "yes_partly_no":
            answers[question.code] = AnswerSpec(rng.choice(["yes", "partly", "no"]))
        else:
            answers[question.code] = AnswerSpec(rng.randint(0, 30))
    return questions, answers


def main() -> None:
    questions, answers = build(QUESTIONS, random.Random(56005))
    result = score(questions, answers, BANDS)  # warm up
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        score(questions, answers, BANDS)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1] if len(timings) >= 20 else timings[-1]
    print(
        f"scoring {QUESTIONS} questions ({len(result.shown)} shown, {len(result.clauses)} clauses), "
        f"{RUNS} runs: median {median:.3f} ms, 95th percentile {p95:.3f} ms (bound {BOUND_MS} ms); "
        f"overall {result.overall}, level {result.level}"
    )
    if median >= BOUND_MS:
        sys.exit(f"median {median:.3f} ms is over the {BOUND_MS} ms bound")


if __name__ == "__main__":
    main()
