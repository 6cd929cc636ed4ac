"""Expressions in rule packs: a whitelisted SQL subset, parsed with sqlglot, compiled to exact SQL or
evaluated in Python.

The subset: + - * /, comparisons, AND/OR/NOT, CASE, COALESCE, LEAST/GREATEST, IS [NOT] NULL, plain decimal
literals, TRUE/FALSE, string literals compared with an enum field, and names (canonical fields, earlier
derived values, or in outcome rules the pack's criteria). Anything else is rejected with a message naming
the pack, the criterion and the offending token.

Numbers are exact rationals. In SQL a number is a triple (numerator, denominator, zero-flag): the
denominator is kept apart so that a ratio is compared by cross-multiplication (DuckDB divides decimals in
floating point), and the flag says a denominator was exactly zero (decision D4: "not computable", which
makes a comparison false). Unknown inputs are SQL NULL and follow three-valued logic (decision D5). The
Python evaluator in this module implements the same semantics with `fractions.Fraction`, independently, for
the property test and the gap analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import Final

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from littlegiant.rules.schema import FIELDS_BY_NAME, FieldKind


class PackError(ValueError):
    """A rule pack that cannot be loaded; the message names the pack, the criterion and the problem.

    An expression's problem also carries a machine code and its parameters (`EXPRESSION_ERROR_CODES`), for a
    caller that words it in the reader's language (a policy's conditions); the message is the engine's English.
    """

    def __init__(self, message: str, *, code: str = "", params: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, object] = dict(params or {})


# What an expression's PackError codes mean; params always hold `token` (the offending part) when a node is
# at fault, and those named here.
EXPRESSION_ERROR_CODES: Final = {
    "empty": "the expression is empty",
    "cannot_parse": "cannot parse (params: text, detail)",
    "result_type": "the expression gives one type where another is needed (params: text, found, wanted)",
    "qualified_name": "a qualified name (table.column)",
    "unknown_field": "a name that is no field (params: name)",
    "not_plain_decimal": "a number that is not a plain decimal literal",
    "null_outside_is": "NULL outside IS NULL",
    "compare_types": "a comparison of two types (params: left, right)",
    "compare_booleans": "booleans compared with a comparison operator",
    "text_comparison": "text compared otherwise than with = or <>",
    "is_not_null": "IS with something else than NULL",
    "simple_case": "a simple CASE (CASE x WHEN ...)",
    "case_branch_types": "CASE branches of different types",
    "case_text": "a CASE giving text",
    "not_allowed": "a construct outside the subset (params: construct)",
    "wrong_type": "an operand of the wrong type (params: wanted, found)",
    "literal_without_enum": "a string literal compared with something else than an enum field",
    "not_a_choice": "a string literal that is not a choice of the enum field (params: literal, field)",
}


class ValueType(StrEnum):
    """The type of an expression."""

    NUMBER = "number"
    BOOLEAN = "boolean"
    TEXT = "text"


class _NotComputable:
    """A value whose denominator was exactly zero (decision D4)."""

    _instance: _NotComputable | None = None

    def __new__(cls) -> _NotComputable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_COMPUTABLE"


NOT_COMPUTABLE: Final = _NotComputable()

_COMPARISONS: dict[type, str] = {
    exp.GT: ">",
    exp.GTE: ">=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.EQ: "=",
    exp.NEQ: "<>",
}
_ARITHMETIC: dict[type, str] = {exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/"}


@dataclass(frozen=True)
class Expression:
    """A parsed, checked expression of a pack, with the names it reads."""

    text: str
    tree: exp.Expression
    type: ValueType
    names: frozenset[str]

    def has_division(self) -> bool:
        return any(isinstance(node, exp.Div) for node in self.tree.walk())

    # Built on first use and kept on the expression itself (packs live as long as the process): no cache keyed
    # by id() that could outlive its object.
    @cached_property
    def closure(self) -> Closure:
        return to_closure(self.tree)

    @cached_property
    def zero_parts(self) -> tuple[tuple[str, ...], tuple[Closure, ...]]:
        """The names it reads and its divisions, for the D4 note."""
        names = tuple(node.name for node in self.tree.walk() if isinstance(node, exp.Column))
        divisions = tuple(to_closure(node) for node in self.tree.walk() if isinstance(node, exp.Div))
        return names, divisions

    def evaluate(self, lookup: Callable[[str], PyValue]) -> PyValue:
        """Evaluate in Python: the reference semantics (`to_closure`)."""
        return self.closure(lookup)


def _field_type(kind: FieldKind) -> ValueType:
    if kind == FieldKind.BOOLEAN:
        return ValueType.BOOLEAN
    if kind in (FieldKind.TEXT, FieldKind.ENUM):
        return ValueType.TEXT
    return ValueType.NUMBER


def parse_expression(
    text: str, *, where: str, names: Mapping[str, ValueType], expect: ValueType | None = None
) -> Expression:
    """Parse and check one expression; `names` are the derived values (or criteria) visible besides fields."""
    if not isinstance(text, str) or not text.strip():
        raise PackError(f"{where}: expression is empty", code="empty")
    try:
        tree = sqlglot.parse_one(str(text), read="duckdb")
    except ParseError as error:
        detail = error.errors[0]["description"] if error.errors else str(error)
        raise PackError(
            f"{where}: cannot parse {text!r}: {detail}",
            code="cannot_parse",
            params={"text": text, "detail": detail},
        ) from None
    checker = _Checker(where, names)
    value_type = checker.check(tree)
    if expect is not None and value_type != expect:
        raise PackError(
            f"{where}: expression {text!r} gives a {value_type}, a {expect} is needed",
            code="result_type",
            params={"text": text, "found": str(value_type), "wanted": str(expect)},
        )
    return Expression(text=str(text), tree=tree, type=value_type, names=frozenset(checker.seen))


class _Checker:
    def __init__(self, where: str, names: Mapping[str, ValueType]) -> None:
        self.where = where
        self.names = names
        self.seen: set[str] = set()

    def fail(self, node: exp.Expression, problem: str, code: str, **params: object) -> PackError:
        token = node.sql(dialect="duckdb")
        return PackError(f"{self.where}: {problem}: {token!r}", code=code, params={"token": token, **params})

    def check(self, node: exp.Expression) -> ValueType:  # noqa: C901 - one branch per allowed construct
        if isinstance(node, exp.Paren):
            return self.check(node.this)
        if isinstance(node, exp.Column):
            if node.table or not isinstance(node.this, exp.Identifier):
                raise self.fail(node, "qualified names are not allowed", "qualified_name")
            name = node.name
            self.seen.add(name)
            if name in self.names:
                return self.names[name]
            if name in FIELDS_BY_NAME:
                return _field_type(FIELDS_BY_NAME[name].kind)
            raise self.fail(node, f"unknown field {name!r}", "unknown_field", name=name)
        if isinstance(node, exp.Literal):
            if node.is_string:
                return ValueType.TEXT
            token = node.this
            if not _is_plain_decimal(token):
                raise self.fail(
                    node, f"only plain decimal literals are allowed, not {token!r}", "not_plain_decimal"
                )
            return ValueType.NUMBER
        if isinstance(node, exp.Boolean):
            return ValueType.BOOLEAN
        if isinstance(node, exp.Null):
            raise self.fail(node, "NULL is only allowed in IS NULL", "null_outside_is")
        if type(node) in _ARITHMETIC:
            self.expect(node.this, ValueType.NUMBER)
            self.expect(node.expression, ValueType.NUMBER)
            return ValueType.NUMBER
        if isinstance(node, exp.Neg):
            self.expect(node.this, ValueType.NUMBER)
            return ValueType.NUMBER
        if type(node) in _COMPARISONS:
            left, right = self.check(node.this), self.check(node.expression)
            if left != right:
                raise self.fail(
                    node,
                    f"cannot compare a {left} with a {right}",
                    "compare_types",
                    left=str(left),
                    right=str(right),
                )
            if left == ValueType.BOOLEAN:
                raise self.fail(
                    node, "compare booleans with AND/OR/NOT, not with a comparison", "compare_booleans"
                )
            if left == ValueType.TEXT:
                if not isinstance(node, exp.EQ | exp.NEQ):
                    raise self.fail(node, "text can only be compared with = or <>", "text_comparison")
                self.check_choice(node.this, node.expression)
                self.check_choice(node.expression, node.this)
            return ValueType.BOOLEAN
        if isinstance(node, exp.And | exp.Or):
            self.expect(node.this, ValueType.BOOLEAN)
            self.expect(node.expression, ValueType.BOOLEAN)
            return ValueType.BOOLEAN
        if isinstance(node, exp.Not):
            self.expect(node.this, ValueType.BOOLEAN)
            return ValueType.BOOLEAN
        if isinstance(node, exp.Is):
            if not isinstance(node.expression, exp.Null):
                raise self.fail(node, "IS is only allowed as IS NULL / IS NOT NULL", "is_not_null")
            self.check(node.this)
            return ValueType.BOOLEAN
        if isinstance(node, exp.Case):
            if node.this is not None:
                raise self.fail(node, "only searched CASE (CASE WHEN ...) is allowed", "simple_case")
            result: ValueType | None = None
            branches = [branch.args["true"] for branch in node.args["ifs"]]
            if node.args.get("default") is not None:
                branches.append(node.args["default"])
            for branch in node.args["ifs"]:
                self.expect(branch.this, ValueType.BOOLEAN)
            for value in branches:
                value_type = self.check(value)
                if result is not None and value_type != result:
                    raise self.fail(node, "all CASE branches must have the same type", "case_branch_types")
                result = value_type
            if result == ValueType.TEXT:
                raise self.fail(node, "CASE must give a number or a boolean", "case_text")
            assert result is not None
            return result
        if isinstance(node, exp.Coalesce | exp.Least | exp.Greatest):
            arguments = [node.this, *node.expressions]
            for argument in arguments:
                self.expect(argument, ValueType.NUMBER)
            return ValueType.NUMBER
        token = node.sql(dialect="duckdb") if isinstance(node, exp.Expression) else str(node)
        construct = type(node).__name__.upper()
        raise PackError(
            f"{self.where}: {construct} is not allowed: {token!r}",
            code="not_allowed",
            params={"token": token, "construct": construct},
        )

    def expect(self, node: exp.Expression, wanted: ValueType) -> None:
        found = self.check(node)
        if found != wanted:
            raise self.fail(
                node,
                f"a {wanted} is needed here, not a {found}",
                "wrong_type",
                wanted=str(wanted),
                found=str(found),
            )

    def check_choice(self, literal: exp.Expression, other: exp.Expression) -> None:
        """A string literal compared with an enum field must be one of its choices."""
        if not (isinstance(literal, exp.Literal) and literal.is_string):
            return
        if not isinstance(other, exp.Column) or other.name not in FIELDS_BY_NAME:
            raise self.fail(
                literal, "a string literal can only be compared with an enum field", "literal_without_enum"
            )
        field = FIELDS_BY_NAME[other.name]
        if field.kind != FieldKind.ENUM or literal.this not in field.choices:
            raise self.fail(
                literal,
                f"{literal.this!r} is not one of the choices of {field.name}",
                "not_a_choice",
                literal=literal.this,
                field=field.name,
            )


def _is_plain_decimal(token: str) -> bool:
    body = token[1:] if token.startswith("-") else token
    if not body or body.count(".") > 1:
        return False
    return body.replace(".", "", 1).isdigit()


# ----------------------------------------------------------------------------------------------------
# Compilation to SQL


# The width of a DECIMAL in SQL, (precision, scale), or None where it is not known. DuckDB keeps a decimal of
# at most 18 digits in a 64-bit integer and multiplies two of them in 64 bits even when the product's declared
# width exceeds 18 (it checks for overflow and fails, it does not widen), so the compiler tracks every width and
# widens an operand itself where the declared product could exceed 18 digits. Widths are upper bounds.
Width = tuple[int, int] | None
INT64_DIGITS = 18
MAX_DIGITS = 38
UNIT_WIDTH: Width = (1, 0)  # the literal 1 (a missing denominator), and NULL


@dataclass(frozen=True)
class SqlNumber:
    """A rational number in SQL: numerator, denominator (None = 1, always positive), zero-denominator flag,
    and the widths of the numerator and the denominator."""

    num: str
    den: str | None = None
    zero: str | None = None  # SQL boolean that is never NULL; None means "never"
    num_width: Width = None
    den_width: Width = UNIT_WIDTH


def _or(*flags: str | None) -> str | None:
    present = [flag for flag in flags if flag]
    if not present:
        return None
    return present[0] if len(present) == 1 else "(" + " OR ".join(present) + ")"


def literal_width(token: str) -> tuple[int, int]:
    """The width `decimal_literal` gives a literal: its integral digits without leading zeros and its places
    (0.55 is a DECIMAL(2,2)), so that a rate times an amount of 16 digits stays within 18."""
    integral, _, places = token.lstrip("-").partition(".")
    scale = len(places)
    return min(MAX_DIGITS, max(len(integral.lstrip("0")) + scale, 1)), scale


def sum_width(a: Width, b: Width) -> Width:
    """The width of a + b or a - b: the larger integral part, the larger scale, one digit of carry."""
    if a is None or b is None:
        return None
    scale = max(a[1], b[1])
    return min(MAX_DIGITS, max(a[0] - a[1], b[0] - b[1]) + scale + 1), scale


def common_width(*widths: Width) -> Width:
    """The width of a CASE over values of these widths."""
    if any(w is None for w in widths):
        return None
    known = [w for w in widths if w is not None]
    scale = max(w[1] for w in known)
    return min(MAX_DIGITS, max(w[0] - w[1] for w in known) + scale), scale


def times(a: str, a_width: Width, b: str, b_width: Width) -> tuple[str, Width]:
    """SQL for a * b and its width. Where the product's declared width exceeds 18 digits, `a` is first cast
    to a 128-bit decimal, so that DuckDB computes the product exactly in 128 bits instead of failing on an
    overflow of 64; where it stays within 18 digits the product is exact in 64 bits."""
    if a_width is not None and b_width is not None and a_width[0] + b_width[0] <= INT64_DIGITS:
        return f"({a} * {b})", (a_width[0] + b_width[0], a_width[1] + b_width[1])
    if a_width is None:
        # Of unknown width: a product with a DECIMAL(19,0) one is at least 19 digits wide, in any case.
        return f"(({a} * CAST(1 AS DECIMAL(19,0))) * {b})", None
    wide = max(INT64_DIGITS + 1, a_width[0])
    width = None if b_width is None else (min(MAX_DIGITS, wide + b_width[0]), a_width[1] + b_width[1])
    return f"(CAST({a} AS DECIMAL({wide},{a_width[1]})) * {b})", width


def _times(value: str, value_width: Width, factor: str | None, factor_width: Width) -> tuple[str, Width]:
    return (value, value_width) if factor is None else times(value, value_width, factor, factor_width)


def _mul(a: str | None, a_width: Width, b: str | None, b_width: Width) -> tuple[str | None, Width]:
    if a is None:
        return b, b_width
    if b is None:
        return a, a_width
    return times(a, a_width, b, b_width)


def _scaled(x: SqlNumber, y: SqlNumber) -> tuple[str, Width]:
    """x's numerator times y's denominator: x over a common denominator."""
    return _times(x.num, x.num_width, y.den, y.den_width)


class SqlCompiler:
    """Turns checked expressions into DuckDB SQL; `resolve` maps a name to its SQL (number or column)."""

    def __init__(self, resolve: Callable[[str], SqlNumber | str]) -> None:
        self.resolve = resolve

    def number(self, node: exp.Expression) -> SqlNumber:  # noqa: C901 - one branch per construct
        if isinstance(node, exp.Paren):
            return self.number(node.this)
        if isinstance(node, exp.Column):
            resolved = self.resolve(node.name)
            assert isinstance(resolved, SqlNumber)
            return resolved
        if isinstance(node, exp.Literal):
            return SqlNumber(decimal_literal(node.this), num_width=literal_width(node.this))
        if isinstance(node, exp.Neg):
            value = self.number(node.this)
            return SqlNumber(f"(-{value.num})", value.den, value.zero, value.num_width, value.den_width)
        if isinstance(node, exp.Add | exp.Sub):
            a, b = self.number(node.this), self.number(node.expression)
            op = "+" if isinstance(node, exp.Add) else "-"
            if a.den is None and b.den is None:
                return SqlNumber(
                    f"({a.num} {op} {b.num})", None, _or(a.zero, b.zero), sum_width(a.num_width, b.num_width)
                )
            (left, left_width), (right, right_width) = _scaled(a, b), _scaled(b, a)
            den, den_width = _mul(a.den, a.den_width, b.den, b.den_width)
            return SqlNumber(
                f"({left} {op} {right})",
                den,
                _or(a.zero, b.zero),
                sum_width(left_width, right_width),
                den_width,
            )
        if isinstance(node, exp.Mul):
            a, b = self.number(node.this), self.number(node.expression)
            num, num_width = times(a.num, a.num_width, b.num, b.num_width)
            den, den_width = _mul(a.den, a.den_width, b.den, b.den_width)
            return SqlNumber(num, den, _or(a.zero, b.zero), num_width, den_width)
        if isinstance(node, exp.Div):
            a, b = self.number(node.this), self.number(node.expression)
            scaled, scaled_width = _scaled(a, b)
            # A product with a sign never grows: it stays in the width of `scaled`, in 64 bits if that is.
            num = f"(CASE WHEN {b.num} = 0 THEN NULL ELSE {scaled} * SIGN({b.num}) END)"
            den, den_width = _times(f"ABS({b.num})", b.num_width, a.den, a.den_width)
            return SqlNumber(
                num, den, _or(f"COALESCE({b.num} = 0, FALSE)", a.zero, b.zero), scaled_width, den_width
            )
        if isinstance(node, exp.Case):
            ifs = node.args["ifs"]
            default = node.args.get("default")
            conditions = [self.boolean(branch.this) for branch in ifs]
            values = [self.number(branch.args["true"]) for branch in ifs]
            fallback = (
                self.number(default) if default is not None else SqlNumber("NULL", num_width=UNIT_WIDTH)
            )

            def pick(part: Callable[[SqlNumber], str]) -> str:
                whens = " ".join(f"WHEN {c} THEN {part(v)}" for c, v in zip(conditions, values, strict=True))
                return f"(CASE {whens} ELSE {part(fallback)} END)"

            every = [*values, fallback]
            any_den = any(v.den for v in every)
            any_zero = any(v.zero for v in every)
            return SqlNumber(
                pick(lambda v: v.num),
                pick(lambda v: v.den or "1") if any_den else None,
                pick(lambda v: v.zero or "FALSE") if any_zero else None,
                common_width(*(v.num_width for v in every)),
                common_width(*(v.den_width for v in every)),
            )
        if isinstance(node, exp.Coalesce):
            arguments = [self.number(a) for a in [node.this, *node.expressions]]
            num = "(CASE " + " ".join(f"WHEN {a.num} IS NOT NULL THEN {a.num}" for a in arguments) + " END)"
            den = None
            if any(a.den for a in arguments):
                den = (
                    "(CASE "
                    + " ".join(f"WHEN {a.num} IS NOT NULL THEN {a.den or '1'}" for a in arguments)
                    + " END)"
                )
            zero = None
            if arguments[-1].zero:
                known = " OR ".join(f"{a.num} IS NOT NULL" for a in arguments)
                zero = f"(CASE WHEN {known} THEN FALSE ELSE {arguments[-1].zero} END)"
            return SqlNumber(
                num,
                den,
                zero,
                common_width(*(a.num_width for a in arguments)),
                common_width(*(a.den_width for a in arguments)),
            )
        if isinstance(node, exp.Least | exp.Greatest):
            arguments = [self.number(a) for a in [node.this, *node.expressions]]
            keep_first = "<=" if isinstance(node, exp.Least) else ">="
            result = arguments[0]
            for other in arguments[1:]:
                result = self._pick_extreme(result, other, keep_first)
            return result
        raise AssertionError(f"not a number: {node!r}")

    def _pick_extreme(self, a: SqlNumber, b: SqlNumber, keep_first: str) -> SqlNumber:
        unknown = f"{a.num} IS NULL OR {b.num} IS NULL"
        first = f"{_scaled(a, b)[0]} {keep_first} {_scaled(b, a)[0]}"
        num = f"(CASE WHEN {unknown} THEN NULL WHEN {first} THEN {a.num} ELSE {b.num} END)"
        den = None
        if a.den or b.den:
            den = f"(CASE WHEN {unknown} THEN NULL WHEN {first} THEN {a.den or '1'} ELSE {b.den or '1'} END)"
        return SqlNumber(
            num,
            den,
            _or(a.zero, b.zero),
            common_width(a.num_width, b.num_width),
            common_width(a.den_width, b.den_width),
        )

    def boolean(self, node: exp.Expression) -> str:  # noqa: C901
        if isinstance(node, exp.Paren):
            return self.boolean(node.this)
        if isinstance(node, exp.Column):
            resolved = self.resolve(node.name)
            assert isinstance(resolved, str)
            return resolved
        if isinstance(node, exp.Boolean):
            return "TRUE" if node.this else "FALSE"
        if isinstance(node, exp.And):
            return f"({self.boolean(node.this)} AND {self.boolean(node.expression)})"
        if isinstance(node, exp.Or):
            return f"({self.boolean(node.this)} OR {self.boolean(node.expression)})"
        if isinstance(node, exp.Not):
            return f"(NOT {self.boolean(node.this)})"
        if isinstance(node, exp.Is):
            inner = node.this
            while isinstance(inner, exp.Paren):
                inner = inner.this
            return f"({self.any_value(inner)} IS NULL)"
        if isinstance(node, exp.Case):
            whens = " ".join(
                f"WHEN {self.boolean(b.this)} THEN {self.boolean(b.args['true'])}" for b in node.args["ifs"]
            )
            default = node.args.get("default")
            return f"(CASE {whens} ELSE {self.boolean(default) if default is not None else 'NULL'} END)"
        if type(node) in _COMPARISONS:
            op = _COMPARISONS[type(node)]
            if _is_text(node.this) or _is_text(node.expression):
                return f"({self.text(node.this)} {op} {self.text(node.expression)})"
            a, b = self.number(node.this), self.number(node.expression)
            comparison = f"({_scaled(a, b)[0]} {op} {_scaled(b, a)[0]})"
            zero = _or(a.zero, b.zero)
            return f"(CASE WHEN {zero} THEN FALSE ELSE {comparison} END)" if zero else comparison
        raise AssertionError(f"not a boolean: {node!r}")

    def text(self, node: exp.Expression) -> str:
        if isinstance(node, exp.Literal) and node.is_string:
            return "'" + node.this.replace("'", "''") + "'"
        if isinstance(node, exp.Paren):
            return self.text(node.this)
        resolved = self.resolve(node.name)
        assert isinstance(resolved, str)
        return resolved

    def any_value(self, node: exp.Expression) -> str:
        if isinstance(node, exp.Column):
            resolved = self.resolve(node.name)
            return resolved.num if isinstance(resolved, SqlNumber) else resolved
        if _is_text(node):
            return self.text(node)
        try:
            return self.number(node).num
        except AssertionError:
            return self.boolean(node)


def _is_text(node: exp.Expression) -> bool:
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Literal):
        return bool(node.is_string)
    if isinstance(node, exp.Column) and node.name in FIELDS_BY_NAME:
        return FIELDS_BY_NAME[node.name].kind in (FieldKind.TEXT, FieldKind.ENUM)
    return False


def decimal_literal(token: str) -> str:
    # An explicit DECIMAL keeps literals exact and stops DuckDB from reading them as DOUBLE.
    precision, scale = literal_width(token)
    return f"CAST('{token}' AS DECIMAL({precision},{scale}))"


# ----------------------------------------------------------------------------------------------------
# Evaluation in Python (the reference evaluator)

PyValue = Fraction | bool | str | _NotComputable | None


Closure = Callable[[Callable[[str], PyValue]], PyValue]


def to_closure(node: exp.Expression) -> Closure:
    """The reference semantics of an expression (exact rationals, Kleene logic for unknowns, D4's "not
    computable"), as nested Python closures: one per node, built once per expression."""
    if isinstance(node, exp.Paren):
        return to_closure(node.this)
    if isinstance(node, exp.Column):
        name = node.name
        return lambda lookup: lookup(name)
    if isinstance(node, exp.Literal):
        constant: PyValue = node.this if node.is_string else Fraction(Decimal(node.this))
        return lambda lookup: constant
    if isinstance(node, exp.Boolean):
        flag = bool(node.this)
        return lambda lookup: flag
    if isinstance(node, exp.And | exp.Or):
        first, second = to_closure(node.this), to_closure(node.expression)
        decisive = isinstance(node, exp.Or)

        def junction(lookup: Callable[[str], PyValue]) -> PyValue:
            a = first(lookup)
            if a is decisive:
                return decisive
            b = second(lookup)
            if b is decisive:
                return decisive
            return None if a is None or b is None else not decisive

        return junction
    if isinstance(node, exp.Case):
        branches = [(to_closure(b.this), to_closure(b.args["true"])) for b in node.args["ifs"]]
        default = node.args.get("default")
        otherwise = to_closure(default) if default is not None else (lambda lookup: None)

        def case(lookup: Callable[[str], PyValue]) -> PyValue:
            for condition, value in branches:
                if condition(lookup) is True:
                    return value(lookup)
            return otherwise(lookup)

        return case
    if isinstance(node, exp.Coalesce):
        arguments = [to_closure(argument) for argument in (node.this, *node.expressions)]

        def coalesce(lookup: Callable[[str], PyValue]) -> PyValue:
            # The first argument that is known and computable; else the last one's unknown or D4.
            last: PyValue = None
            for argument in arguments:
                last = argument(lookup)
                if last is not None and last is not NOT_COMPUTABLE:
                    return last
            return last

        return coalesce
    if isinstance(node, exp.Least | exp.Greatest):
        arguments = [to_closure(argument) for argument in (node.this, *node.expressions)]
        pick = min if isinstance(node, exp.Least) else max

        def extreme(lookup: Callable[[str], PyValue]) -> PyValue:
            # Unlike SQL's, unknown if any argument is (decision D5).
            values = [argument(lookup) for argument in arguments]
            if any(v is NOT_COMPUTABLE for v in values):
                return NOT_COMPUTABLE
            if any(v is None for v in values):
                return None
            return pick(v for v in values if isinstance(v, Fraction))

        return extreme
    if not (
        isinstance(node, exp.Neg | exp.Not | exp.Is)
        or type(node) in _ARITHMETIC
        or type(node) in _COMPARISONS
    ):
        raise AssertionError(f"unexpected node {node!r}")
    if isinstance(node, exp.Neg):
        inner = to_closure(node.this)

        def negate(lookup: Callable[[str], PyValue]) -> PyValue:
            value = inner(lookup)
            return -value if isinstance(value, Fraction) else value

        return negate
    if isinstance(node, exp.Not):
        inner = to_closure(node.this)

        def invert(lookup: Callable[[str], PyValue]) -> PyValue:
            value = inner(lookup)
            return None if value is None else not value

        return invert
    if isinstance(node, exp.Is):
        inner = to_closure(node.this)
        return lambda lookup: (lambda v: v is None or v is NOT_COMPUTABLE)(inner(lookup))
    left, right = to_closure(node.this), to_closure(node.expression)
    if type(node) in _ARITHMETIC:
        is_div = isinstance(node, exp.Div)
        operation = {
            exp.Add: lambda a, b: a + b,
            exp.Sub: lambda a, b: a - b,
            exp.Mul: lambda a, b: a * b,
            exp.Div: lambda a, b: a / b,
        }[type(node)]

        def arithmetic(lookup: Callable[[str], PyValue]) -> PyValue:
            a, b = left(lookup), right(lookup)
            if is_div and type(b) is Fraction and b.numerator == 0:
                return NOT_COMPUTABLE
            if a is NOT_COMPUTABLE or b is NOT_COMPUTABLE:
                return NOT_COMPUTABLE
            if a is None or b is None:
                return None
            return operation(a, b)

        return arithmetic
    compare = {
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        "=": lambda a, b: a == b,
        "<>": lambda a, b: a != b,
    }[_COMPARISONS[type(node)]]

    def comparison(lookup: Callable[[str], PyValue]) -> PyValue:
        a, b = left(lookup), right(lookup)
        if a is NOT_COMPUTABLE or b is NOT_COMPUTABLE:
            return False
        if a is None or b is None:
            return None
        if type(a) is Fraction and type(b) is Fraction:
            # Cross-multiplied integers (denominators are positive): Fraction's own comparison goes through
            # the numbers.Rational ABC check on every call.
            return compare(a.numerator * b.denominator, b.numerator * a.denominator)  # type: ignore[union-attr]
        return compare(a, b)

    return comparison


def zero_denominator(expression: Expression, lookup: Callable[[str], PyValue]) -> bool:
    """Whether any division or derived value read by this expression is not computable (D4), for the note."""
    names, divisions = expression.zero_parts
    if any(lookup(name) is NOT_COMPUTABLE for name in names):
        return True
    return any(division(lookup) is NOT_COMPUTABLE for division in divisions)
