"""The compiler's SQL in Spark's dialect: sqlglot transpiles DuckDB's SQL, and this thin layer rewrites the
few functions Spark spells otherwise.

The compiled query never divides and only multiplies, compares and adds DECIMALs, so its meaning carries over
unchanged provided Spark keeps every digit: `SPARK_SQL_CONF` turns off Spark's precision loss on decimal
products (which would otherwise round a product of two DECIMAL(38,s) to 6 places) and keeps ANSI mode, under
which an overflow is an error, as in DuckDB, instead of a silent NULL. SQL NULLs follow the same Kleene logic in
both engines.
"""

from __future__ import annotations

from functools import lru_cache

import sqlglot
from sqlglot import exp

# Runtime SQL settings every session that runs compiled packs must have (local, cluster or Spark Connect).
SPARK_SQL_CONF: dict[str, str] = {
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.session.timeZone": "UTC",
    # Whole-stage code generation on (Spark's default): it fuses the narrow stages (the scan, the typed
    # columns and the one-pass input checks, 86 columns) and cut a warm 30,000-enterprise run of the four
    # 2022 packs from 25.9 to 14.4 JVM CPU s, with the same output. The wide projections of the compiled packs
    # (over spark.sql.codegen.maxFields, 100 columns) are never fused, so their hundreds of CASE columns do
    # not meet Janino's method limit; a stage that did would fall back to per-operator code
    # (spark.sql.codegen.fallback). bench/README.md, sixth session.
    "spark.sql.codegen.wholeStage": "true",
}


_COMPARISONS = (exp.GT, exp.GTE, exp.LT, exp.LTE, exp.EQ, exp.NEQ)


def _is_text(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and node.is_string


def _exact_comparison(node: exp.Expression) -> exp.Expression:
    """A numeric comparison as a comparison of the difference with zero.

    Spark compares two decimals in a common type that keeps integral digits before decimal places, so a
    DECIMAL(38,6) against a DECIMAL(38,0) is rounded to whole numbers first (1.5 >= 2 is true there). A
    difference keeps every decimal place (or fails on overflow, under ANSI mode) and compares exactly with
    zero. In the compiled packs, text comparisons (codes, enums, outcomes) always have a text literal on one
    side and are left alone.
    """
    if isinstance(node, _COMPARISONS) and not (_is_text(node.left) or _is_text(node.right)):
        difference = exp.Sub(
            this=exp.paren(node.left, copy=False), expression=exp.paren(node.right, copy=False)
        )
        return node.__class__(this=exp.paren(difference, copy=False), expression=exp.Literal.number(0))
    return node


def _spark_node(node: exp.Expression) -> exp.Expression:
    """One node rewritten for Spark: DuckDB's regexp_full_match is an anchored RLIKE there, and sign, which
    is a DOUBLE in Spark (it would turn an exact product into a float), an exact -1, 0 or 1."""
    if isinstance(node, exp.Sign):
        value = node.this.sql("spark")
        return sqlglot.parse_one(
            f"CAST(CASE WHEN {value} > 0 THEN 1 WHEN {value} < 0 THEN -1 WHEN {value} = 0 THEN 0 END "
            "AS DECIMAL(1,0))",
            read="spark",
        )
    if isinstance(node, exp.RegexpFullMatch):
        pattern = node.expression
        assert isinstance(pattern, exp.Literal) and pattern.is_string, "patterns are literals"
        anchored = exp.Literal.string(f"^(?:{pattern.this})$")
        return exp.RegexpLike(this=node.this, expression=anchored)
    return node


@lru_cache(maxsize=64)
def to_spark(duckdb_sql: str, *, exact_comparisons: bool = False) -> str:
    """The same query or expression in Spark SQL. `exact_comparisons` (for the compiled packs, whose only
    comparisons without a text literal are between numbers) compares differences with zero."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb").transform(_spark_node, copy=False)
    if exact_comparisons:
        tree = tree.transform(_exact_comparison, copy=False)
    return tree.sql(dialect="spark")
