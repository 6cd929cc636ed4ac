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
}


def _spark_node(node: exp.Expression) -> exp.Expression:
    """One node rewritten for Spark: DuckDB's regexp_full_match is an anchored RLIKE there, and sign, which
    is a DOUBLE in Spark (it would turn an exact product into a float), an exact -1, 0 or 1."""
    if isinstance(node, exp.Sign):
        value = node.this
        return sqlglot.parse_one(
            f"CAST(CASE WHEN {value.sql('spark')} > 0 THEN 1 WHEN {value.sql('spark')} < 0 THEN -1 "
            f"WHEN {value.sql('spark')} = 0 THEN 0 END AS DECIMAL(1,0))",
            read="spark",
        )
    if isinstance(node, exp.RegexpFullMatch):
        pattern = node.expression
        assert isinstance(pattern, exp.Literal) and pattern.is_string, "patterns are literals"
        anchored = exp.Literal.string(f"^(?:{pattern.this})$")
        return exp.RegexpLike(this=node.this, expression=anchored)
    return node


@lru_cache(maxsize=64)
def to_spark(duckdb_sql: str) -> str:
    """The same query or expression in Spark SQL."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    return tree.transform(_spark_node).sql(dialect="spark")
