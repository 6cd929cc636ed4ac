"""Full-text search over patent listings, in Chinese and English, with the database's own full-text index.

Why in the database: the index must be current in every web process the moment a listing is saved, on SQLite
and PostgreSQL alike, so it is written in the same transaction as the listing.

- Tokens: jieba's `cut_for_search` for Chinese (it also yields the shorter words inside long ones: 锂电池 →
  锂电, 电池, 锂电池); English words lower-cased with a plain plural "s" removed; IPC classes as "ipc" tokens
  at three levels (H01M, H01M10, H01M10/0525), so a query for a subclass finds every group in it.
- The tokens of a listing are stored space-joined in `PatentListing.search_document`, each reduced to letters,
  digits and CJK characters so that the database's own word splitter ('simple' on PostgreSQL, unicode61 on
  SQLite) keeps each one whole and never stems it.
- PostgreSQL: `to_tsvector('simple', search_document)` in a narrow table of its own with a GIN index, kept by
  triggers (migration 0007), matched with `@@` and ranked with `ts_rank_cd`. SQLite: an FTS5 table kept beside
  the listing table (migration 0005), ranked with `bm25()`.
- Listings with every query word come first, then those with only some: ranking the first set alone keeps
  the work small when a common word matches a large share of the listings.
- Fields: the title is written three times, IPC classes twice, the abstract and the brief once, so the
  rankers count a title word more.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from littlegiant.techtransfer.models import PatentListing

FIELD_BOOST = {"title": 3, "ipc": 2, "abstract": 1, "brief": 1}
MAX_TOKEN = 64
FTS_TABLE = "techtransfer_listing_fts"  # SQLite only, created by migration 0005

_STOP = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "其",
        "之",
        "在",
        "于",
        "为",
        "是",
        "将",
        "对",
        "由",
        "以",
        "并",
        "该",
        "中",
        "等",
        "一",
        "种",
        "个",
        "所",
        "可",
        "用",
        "使",
        "被",
        "而",
        "且",
        "也",
        "通过",
        "进行",
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
    ]
)
_NOT_LEXEME = re.compile(r"[^0-9a-z\u3400-\u9fff]")
_WORD = re.compile(r"[0-9a-z][0-9a-z\-+.]*[0-9a-z+]|[0-9a-z]", re.ASCII)
_CJK = re.compile(r"[\u3400-\u9fff]")
_IPC = re.compile(r"^([A-H]\d{2}[A-Z])(\d{1,4})?(?:/(\d{1,6}))?$")


@cache
def _jieba():
    """jieba, with its dictionary loaded once per process (about a second), quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _english(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def text_tokens(text: str) -> list[str]:
    """The search tokens of a text: jieba words for Chinese, lower-cased words for English, stop words left
    out."""
    tokens: list[str] = []
    for piece in _jieba().cut_for_search(text.lower()):
        piece = piece.strip()
        if not piece or piece in _STOP:
            continue
        if _CJK.search(piece):
            tokens.append(piece[:MAX_TOKEN])
        elif _WORD.fullmatch(piece):
            tokens.append(_english(piece)[:MAX_TOKEN])
    return tokens


def ipc_tokens(code: str) -> list[str]:
    """An IPC class at its three levels: subclass, main group, full group ("H01M", "H01M10",
    "H01M10/0525")."""
    match = _IPC.match(code.upper())
    if not match:
        return [f"ipc:{code.lower()}"[:MAX_TOKEN]]
    subclass, group, subgroup = match.groups()
    tokens = [f"ipc:{subclass.lower()}"]
    if group:
        tokens.append(f"ipc:{subclass.lower()}{group}")
        if subgroup:
            tokens.append(f"ipc:{subclass.lower()}{group}/{subgroup}")
    return tokens


def lexeme(token: str) -> str:
    """A token as the database's word splitter keeps it whole: letters, digits and CJK characters only
    ("ipc:h01m10/0525" → "ipch01m10x0525", "solid-state" → "solidstate")."""
    return _NOT_LEXEME.sub("", token.replace(":", "").replace("/", "x"))


def listing_document(listing: PatentListing) -> str:
    """The search document of a listing: its lexemes, space-joined, each field repeated by its boost."""
    parts: list[str] = []
    fields = {
        "title": listing.title,
        "abstract": listing.abstract,
        "brief": f"{listing.problem}\n{listing.benefit}\n{listing.applications}",
    }
    for name, text in fields.items():
        words = [lexeme(token) for token in text_tokens(text)]
        parts.extend(" ".join(word for word in words if word) for _ in range(FIELD_BOOST[name]))
    codes = [lexeme(token) for code in listing.ipc_codes.split() for token in ipc_tokens(code)]
    parts.extend(" ".join(codes) for _ in range(FIELD_BOOST["ipc"]))
    return " ".join(part for part in parts if part)


def index_listings(listings: Sequence[PatentListing]) -> None:
    """Bring the search documents of these listings up to date, in the caller's transaction (or one of its
    own)."""
    if not listings:
        return
    documents = [(listing_document(listing), listing.pk) for listing in listings]
    for listing, (document, _) in zip(listings, documents, strict=True):
        listing.search_document = document
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE techtransfer_patentlisting SET search_document = %s WHERE id = %s", documents
        )
        if connection.vendor == "sqlite":
            ids = [(pk,) for _, pk in documents]
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, search_document) VALUES (%s, %s)",
                [(pk, document) for document, pk in documents],
            )


def query_tokens(query: str) -> list[str]:
    """The distinct tokens of a query; words shaped like IPC classes become IPC tokens."""
    tokens: list[str] = []
    for word in query.split():
        if _IPC.match(word.upper()):
            tokens.extend(ipc_tokens(word)[-1:])
        else:
            tokens.extend(text_tokens(word))
    return list(dict.fromkeys(tokens))


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Narrowing a search: IPC class prefix, related industry division, institution, region, licence terms."""

    ipc: str = ""
    industry: str = ""
    institution: int | None = None
    region_path: str = ""
    royalty_basis: str = ""
    exclusive: bool | None = None

    def condition(self, prefix: str = "") -> Q:
        condition = Q()
        if self.ipc:
            condition &= Q(**{f"{prefix}ipc_codes__contains": self.ipc.upper().replace(" ", "")})
        if self.industry:
            condition &= Q(**{f"{prefix}industries": self.industry})
        if self.institution:
            condition &= Q(**{f"{prefix}institution_id": self.institution})
        if self.region_path:
            condition &= Q(**{f"{prefix}institution__region__path__startswith": self.region_path})
        if self.royalty_basis:
            condition &= Q(**{f"{prefix}royalty_basis": self.royalty_basis})
        if self.exclusive is not None:
            condition &= Q(**{f"{prefix}exclusive": self.exclusive})
        return condition


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked listing with its score and highlighted title and abstract snippet."""

    listing: PatentListing
    score: float
    title: SafeString
    snippet: SafeString
    missing: tuple[str, ...] = ()  # query words this listing lacks (it ranks after those with every word)


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[SearchHit]
    has_next: bool
    tokens: list[str]


def query_words(query: str) -> list[tuple[str, list[str]]]:
    """The words of a query, each with the lexemes any one of which matches it ("锂电池 正极材料" →
    [("锂电池", [锂电, 电池, 锂电池]), ("正极", [正极]), ("材料", [材料])])."""
    words: list[tuple[str, list[str]]] = []
    seen: list[list[str]] = []
    for word in query.split():
        if _IPC.match(word.upper()):
            words.append((word.upper(), [lexeme(ipc_tokens(word)[-1])]))
            continue
        for main in _jieba().cut(word):
            group = [item for item in dict.fromkeys(lexeme(t) for t in text_tokens(main)) if item]
            if group and group not in seen:
                seen.append(group)
                words.append((main.strip(), group))
    return words


def query_groups(query: str) -> list[list[str]]:
    """The lexemes of a query grouped by the word they come from: a listing must match one lexeme of every group
    to match all the words."""
    return [group for _, group in query_words(query)]


def missing_words(document: str, words: Sequence[tuple[str, list[str]]]) -> tuple[str, ...]:
    """The query words a listing's search document does not contain, as the searcher typed them."""
    present = set(document.split())
    return tuple(word for word, group in words if not present.intersection(group))


# PostgreSQL ranks the best matches in the narrow search table (migration 0007), up to CANDIDATES beyond those
# wanted, then keeps those that pass the listing filters, checking a few more candidates at a time (each check
# reads listing rows, the slow part). When enough pass, they are exactly the best of the filtered matches
# (candidates are totally ordered by score, then id); when the candidates run out first, it ranks every
# filtered match.
CANDIDATES = 2000
FIRST_CHECK = 30


def _ranked(match: str, rank: str, listings: QuerySet[PatentListing], wanted: int) -> list[tuple[int, float]]:
    """The best `wanted` listings (id, score) of `listings` matching the full-text query `match`, scored by
    `rank`."""
    if connection.vendor == "postgresql":
        candidates = CANDIDATES + wanted
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT listing_id, ts_rank_cd(search_vector, to_tsquery('simple'::regconfig, %s)) AS score "
                "FROM techtransfer_listing_search WHERE search_vector @@ to_tsquery('simple'::regconfig, %s) "
                "ORDER BY score DESC, listing_id LIMIT %s",
                [rank, match, candidates],
            )
            best = [(int(pk), float(score)) for pk, score in cursor.fetchall()]
        kept: list[tuple[int, float]] = []
        checked = 0
        step = wanted + FIRST_CHECK
        while checked < len(best) and len(kept) < wanted:
            chunk = best[checked : checked + step]
            passing = set(listings.filter(pk__in=[pk for pk, _ in chunk]).values_list("pk", flat=True))
            kept += [(pk, score) for pk, score in chunk if pk in passing]
            checked += len(chunk)
            step *= 8
        if len(kept) >= wanted or len(best) < candidates:
            return kept[:wanted]
        # RawSQL below: the SQL is fixed text, the query words only ever travel as parameters.
        matches = (
            "techtransfer_patentlisting.id IN (SELECT listing_id FROM techtransfer_listing_search "
            "WHERE search_vector @@ to_tsquery('simple'::regconfig, %s))"
        )
        score = (
            "(SELECT ts_rank_cd(search_vector, to_tsquery('simple'::regconfig, %s)) "
            "FROM techtransfer_listing_search WHERE listing_id = techtransfer_patentlisting.id)"
        )
    else:
        matches = (
            f"techtransfer_patentlisting.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        )
        # bm25() is lower for better matches.
        score = (
            f"(SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND {FTS_TABLE}.rowid = techtransfer_patentlisting.id)"
        )
    rows = (
        listings.filter(RawSQL(matches, [match], output_field=BooleanField()))  # noqa: S611
        .annotate(score=RawSQL(score, [rank], output_field=FloatField()))  # noqa: S611
        .order_by("-score", "pk")
        .values_list("pk", "score")[:wanted]
    )
    return [(pk, score) for pk, score in rows]


def _full_text_queries(groups: list[list[str]]) -> tuple[str, str, str]:
    """The database's query texts: every word matched, any word matched, and any word but not every word."""
    everything = [word for group in groups for word in group]
    if connection.vendor == "postgresql":
        every = " & ".join("(" + " | ".join(group) + ")" for group in groups)
        any_ = " | ".join(everything)
        return every, any_, f"({any_}) & !({every})"
    every = " AND ".join("(" + " OR ".join(f'"{word}"' for word in group) + ")" for group in groups)
    any_ = " OR ".join(f'"{word}"' for word in everything)
    return every, any_, f"({any_}) NOT ({every})"


def ranked_listing_ids(
    words: list[tuple[str, list[str]]],
    *,
    filters: SearchFilters | None = None,
    offset: int = 0,
    limit: int = 20,
) -> list[tuple[int, float]]:
    """Listing ids and scores for a query's `query_words`, best first: listings with every query word, then
    those with only some; within each, more and rarer matches, and matches in the title, rank higher."""
    groups = [group for _, group in words]
    if not groups:
        return []
    listings = PatentListing.objects.filter(status="published").filter(
        (filters or SearchFilters()).condition()
    )
    every, any_, only_some = _full_text_queries(groups)
    wanted = offset + limit
    # Most searches stop here: ranking only the listings with every word keeps the ranked set small.
    ranked = _ranked(every, any_, listings, wanted)
    if len(ranked) < wanted and len(groups) > 1:
        ranked += _ranked(only_some, any_, listings, wanted - len(ranked))
    return ranked[offset:wanted]


def search(
    query: str, *, filters: SearchFilters | None = None, page: int = 1, page_size: int = 20
) -> SearchPage:
    """A page of published listings matching the query, ranked, with highlights (computed for this page
    only)."""
    offset = (page - 1) * page_size
    typed_words = query_words(query)
    tokens = query_tokens(query)
    ranked = ranked_listing_ids(typed_words, filters=filters, offset=offset, limit=page_size + 1)
    has_next = len(ranked) > page_size
    ranked = ranked[:page_size]
    listings = PatentListing.objects.select_related("institution").in_bulk([pk for pk, _ in ranked])
    words = [token for token in tokens if not token.startswith("ipc:")]
    hits = [
        SearchHit(
            listing=listings[pk],
            score=score,
            title=highlight(listings[pk].title, words),
            snippet=highlight(snippet(listings[pk].abstract, words), words),
            missing=missing_words(listings[pk].search_document, typed_words) if len(typed_words) > 1 else (),
        )
        for pk, score in ranked
        if pk in listings
    ]
    return SearchPage(hits=hits, has_next=has_next, tokens=tokens)


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    parts = sorted({word for word in words if word}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile("|".join(re.escape(part) for part in parts), re.IGNORECASE)


def snippet(text: str, words: Sequence[str], width: int = 120) -> str:
    """The part of a text around the first matching word, at most `width` characters."""
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    if len(text) <= width:
        return text
    start = max(0, (match.start() if match else 0) - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def highlight(text: str, words: Sequence[str]) -> SafeString:
    """The text, HTML-escaped, with each matching word wrapped in <mark>."""
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped just above
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped
