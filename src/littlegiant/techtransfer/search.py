"""Full-text search over patent listings, in Chinese and English, with an inverted index kept in the database.

Why in the database: the index must be current in every web process the moment a listing is saved, on SQLite
and PostgreSQL alike, so it is written in the same transaction as the listing and read with one SQL
aggregation.

- Tokens: jieba's `cut_for_search` for Chinese (it also yields the shorter words inside long ones: 锂电池 →
  锂电, 电池, 锂电池); English words lower-cased with a plain plural "s" removed; IPC classes as "ipc:" tokens
  at three levels (H01M, H01M10, H01M10/0525), so a query for a subclass finds every group in it.
- Weights: BM25. A posting stores the term-frequency part, computed against a fixed reference length instead
  of the live corpus average, so saving one listing never rewrites the others; the IDF comes from a per-token
  document count (`SearchTokenStatistic`) updated in the same transaction, and is applied at query time.
- Fields: the title counts three times, IPC classes twice, the abstract and the brief once.
- Very common query words (in more than a quarter of all listings) are left out of the sum when rarer words
  are present: they barely change the ranking and would make the query read most of the index.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.db.models import Case, F, FloatField, Q, Sum, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from littlegiant.techtransfer.models import PatentListing, SearchTerm, SearchTokenStatistic

K1 = 1.2
B = 0.75
REFERENCE_LENGTH = (
    150.0  # tokens in a typical listing (title, abstract, brief); fixed, see the module docstring
)
FIELD_BOOST = {"title": 3, "ipc": 2, "abstract": 1, "brief": 1}
COMMON_SHARE = 0.25
ALL_DOCUMENTS = ""  # the statistic row counting every indexed listing
MAX_TOKEN = 64

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


def listing_term_weights(listing: PatentListing) -> dict[str, float]:
    """Each token of a listing with its BM25 term weight (IDF left for query time)."""
    counts: Counter[str] = Counter()
    length = 0
    fields = {
        "title": listing.title,
        "abstract": listing.abstract,
        "brief": f"{listing.problem}\n{listing.benefit}\n{listing.applications}",
    }
    for name, text in fields.items():
        tokens = text_tokens(text)
        length += len(tokens)
        for token in tokens:
            counts[token] += FIELD_BOOST[name]
    for code in listing.ipc_codes.split():
        for token in ipc_tokens(code):
            counts[token] += FIELD_BOOST["ipc"]
            length += 1
    norm = K1 * (1 - B + B * length / REFERENCE_LENGTH)
    return {token: tf * (K1 + 1) / (tf + norm) for token, tf in counts.items()}


def index_listings(listings: Sequence[PatentListing]) -> None:
    """Bring the index up to date for these listings, in the caller's transaction (or one of its own)."""
    if not listings:
        return
    with transaction.atomic():
        ids = [listing.pk for listing in listings]
        old: dict[int, set[str]] = defaultdict(set)
        for listing_id, token in SearchTerm.objects.filter(listing_id__in=ids).values_list(
            "listing_id", "token"
        ):
            old[listing_id].add(token)
        SearchTerm.objects.filter(listing_id__in=ids).delete()
        postings: list[SearchTerm] = []
        change: Counter[str] = Counter()
        for listing in listings:
            weights = listing_term_weights(listing)
            postings.extend(SearchTerm(listing_id=listing.pk, token=t, weight=w) for t, w in weights.items())
            before = old.get(listing.pk, set())
            for token in weights.keys() - before:
                change[token] += 1
            for token in before - weights.keys():
                change[token] -= 1
            if not before:
                change[ALL_DOCUMENTS] += 1
        # In token order, so that inserts into the (token, ...) index touch neighbouring pages.
        postings.sort(key=lambda posting: posting.token)
        SearchTerm.objects.bulk_create(postings, batch_size=2000)
        _apply_document_counts(change)


def _apply_document_counts(change: Counter[str]) -> None:
    # Create missing rows first, then increment: two concurrent saves adding the same new token both count.
    SearchTokenStatistic.objects.bulk_create(
        [SearchTokenStatistic(token=token, document_count=0) for token, delta in change.items() if delta > 0],
        ignore_conflicts=True,
        batch_size=2000,
    )
    by_delta: dict[int, list[str]] = defaultdict(list)
    for token, delta in change.items():
        if delta:
            by_delta[delta].append(token)
    for delta, tokens in by_delta.items():
        for start in range(0, len(tokens), 500):
            SearchTokenStatistic.objects.filter(token__in=tokens[start : start + 500]).update(
                document_count=F("document_count") + delta
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


def _inverse_document_frequencies(tokens: Iterable[str]) -> tuple[dict[str, float], dict[str, int], int]:
    wanted = [*tokens, ALL_DOCUMENTS]
    counts = dict(
        SearchTokenStatistic.objects.filter(token__in=wanted).values_list("token", "document_count")
    )
    total = max(counts.pop(ALL_DOCUMENTS, 0), 1)
    idf = {
        token: math.log(1 + (total - count + 0.5) / (count + 0.5))
        for token, count in counts.items()
        if count > 0
    }
    return idf, counts, total


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


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[SearchHit]
    has_next: bool
    tokens: list[str]


def ranked_listing_ids(
    query: str,
    *,
    filters: SearchFilters | None = None,
    offset: int = 0,
    limit: int = 20,
    extra_weights: dict[str, float] | None = None,
) -> tuple[list[tuple[int, float]], list[str]]:
    """Listing ids and scores for a query, best first: one grouped SQL sum over the index."""
    tokens = query_tokens(query)
    idf, counts, total = _inverse_document_frequencies(tokens)
    present = [token for token in tokens if token in idf]
    # jieba's search mode also yields the pieces of a long word (锂电池 → 锂电, 电池): when the whole word
    # is in the index, its pieces add little but read many more postings, so they are left out.
    present = [token for token in present if not any(token != other and token in other for other in present)]
    rare = [token for token in present if counts[token] <= COMMON_SHARE * total]
    if not rare and present:
        rare = [min(present, key=lambda token: counts[token])]
    weights = {token: idf[token] for token in rare}
    for token, factor in (extra_weights or {}).items():
        if token in weights:
            weights[token] *= factor
    if not weights:
        return [], tokens
    by_token = Case(
        *[When(token=token, then=Value(weight)) for token, weight in weights.items()],
        output_field=FloatField(),
    )
    rows = (
        SearchTerm.objects.filter(token__in=list(weights), listing__status="published")
        .filter((filters or SearchFilters()).condition("listing__"))
        .values("listing_id")
        .annotate(score=Sum(F("weight") * by_token, output_field=FloatField()))
        .order_by("-score", "listing_id")[offset : offset + limit]
    )
    return [(row["listing_id"], row["score"]) for row in rows], tokens


def search(
    query: str, *, filters: SearchFilters | None = None, page: int = 1, page_size: int = 20
) -> SearchPage:
    """A page of published listings matching the query, ranked, with highlights (computed for this page
    only)."""
    offset = (page - 1) * page_size
    ranked, tokens = ranked_listing_ids(query, filters=filters, offset=offset, limit=page_size + 1)
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
