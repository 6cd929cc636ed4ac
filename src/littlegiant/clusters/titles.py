"""Which titles the members of a cluster hold on a day, without this app importing the recognition app above it.

The recognition app owns the titles (`recognition.Recognition`); it registers the one source of valid titles
from its `AppConfig.ready()`, as apps register role providers with `accounts.roles`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

# enterprise ids, day -> {enterprise id: the tiers it holds a title of, valid on that day}
TitleSource = Callable[[Collection[int], dt.date], dict[int, frozenset[str]]]
_SOURCES: dict[str, TitleSource] = {}

# The tiers that count for aspect 2 (criteria.md §8.3): a little giant in the main industry counts on the first
# route; any of the tiers counts on the second ("专精特新中小企业、创新型中小企业或国家高新技术企业不少于10家";
# a little giant is an SRDI enterprise of the higher tier).
LITTLE_GIANT = "little_giant"
GRADIENT_TIERS = frozenset({"innovative_sme", "srdi_sme", "little_giant"})


def register_title_source(name: str, source: TitleSource) -> None:
    """Add (or replace, by name) a source of valid titles; the recognition app calls this from ready()."""
    _SOURCES[name] = source


def valid_titles(enterprise_ids: Collection[int], day: dt.date) -> dict[int, frozenset[str]]:
    """The tiers each enterprise holds a title of on `day` (expired and revoked titles excluded)."""
    held: dict[int, frozenset[str]] = {}
    for source in _SOURCES.values():
        for enterprise_id, tiers in source(enterprise_ids, day).items():
            held[enterprise_id] = held.get(enterprise_id, frozenset()) | tiers
    return held
