"""Answer sets for the digital-level tests: every scored item at its lowest option unless overridden."""

from __future__ import annotations

LOWEST: dict[str, object] = {
    "q1": ["A"],
    "q2": "0",
    "q3": "0",
    "q4": ["A"],
    "q5": "A",
    "q6": ["A"],
    "q7": ["A"],
    "q8": "A",
    "q9": ["A"],
    "q10": ["A"],
    "q11": "0",
    "q12": "A",
    "q13": "A",
    "q14": "A",
    "q15": "A",
}
ALL_LINKS = ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O"]


def answers(**overrides: object) -> dict[str, object]:
    """A complete answer set scoring 0, with the given items changed (None leaves an item unknown)."""
    result = {**LOWEST, **overrides}
    return {key: value for key, value in result.items() if value is not None}


# Exactly 20 points: Q5 全覆盖 (10) + Q4 all 14 links (10).
TWENTY = {"q5": "E", "q4": ALL_LINKS}
# Exactly 40: the above + Q1 all four (8) + Q2 and Q3 in (60%,100%] (6 + 6).
FORTY = {**TWENTY, "q1": ["B", "C", "D", "E"], "q2": "100", "q3": "100"}
# Exactly 60: the above + Q6 and Q7 all four (5 + 5) + Q12 降低 (7) + Q14 增加 (3).
SIXTY = {**FORTY, "q6": ["B", "C", "D", "E"], "q7": ["B", "C", "D", "E"], "q12": "C", "q14": "C"}
# Exactly 80: the above + Q9 all four (7.5) + Q13 持平 (3.5) + Q15 持平 (1.5) + Q11 in (60%,100%] (7.5).
EIGHTY = {**SIXTY, "q9": ["B", "C", "D", "E"], "q13": "B", "q15": "B", "q11": "70"}
