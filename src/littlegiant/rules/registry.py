"""The registry of rule packs: every pack in rules/packs/, and which applies to an application (D11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from littlegiant.rules.pack import PACKS_DIR, TIERS, ParameterError, RulePack, build_pack, read_pack_file
from littlegiant.rules.schema import FIELDS_BY_NAME


def subject_of(pack: RulePack) -> str:
    """Whose data a pack reads: "cluster" when it reads a cluster's fields (rules/schema.py CLUSTER_FIELDS),
    else "enterprise"."""
    fields = (FIELDS_BY_NAME.get(name) for name in pack.required_fields())
    return "cluster" if any(f is not None and f.subject == "cluster" for f in fields) else "enterprise"


class PackNotFound(LookupError):
    """No pack has this id, or none applies to this tier, date and kind."""


class Registry:
    """The loaded packs, each checked; packs are loaded after the packs they use."""

    def __init__(self, directory: Path = PACKS_DIR) -> None:
        self.directory = directory
        self._packs: dict[str, RulePack] | None = None
        # Packs built one by one by `get` before the whole registry was needed, kept for `_load`.
        self._built: dict[str, RulePack] = {}

    @property
    def packs(self) -> dict[str, RulePack]:
        if self._packs is None:
            self._packs = self._load()
        return self._packs

    def _load(self) -> dict[str, RulePack]:
        # Each file is read once; packs are built after the packs they use.
        pending: dict[str, tuple[Path, Any, list[str]]] = {}
        for path in sorted(self.directory.glob("*.yaml")):
            if path.stem in self._built:
                continue
            data = read_pack_file(path)
            uses = [str(u) for u in data.get("uses") or ()] if isinstance(data, dict) else []
            pending[path.stem] = (path, data, uses)
        loaded: dict[str, RulePack] = dict(self._built)
        while pending:
            ready = [pid for pid, (_, _, uses) in pending.items() if all(u in loaded for u in uses)]
            if not ready:
                # Let the builder name the missing or circular dependency.
                path, data, _ = pending[sorted(pending)[0]]
                build_pack(data, loaded, path=path)
                raise AssertionError("unreachable")
            for pid in sorted(ready):
                path, data, _ = pending.pop(pid)
                loaded[pid] = build_pack(data, loaded, path=path)
        return loaded

    def ids(self, subject: str | None = "enterprise") -> list[str]:
        """The ids of the packs about this subject, e.g. "cn.miit.srdi-sme.2022": an enterprise's (the default,
        what every enterprise page, screening and export offers), a cluster's, or every pack (None)."""
        return sorted(
            pid for pid, pack in self.packs.items() if subject is None or subject_of(pack) == subject
        )

    def get(self, pack_id: str) -> RulePack:
        """The pack with this id, or PackNotFound.

        Before anything needs the whole registry, only this pack and the packs it uses are built: parsing
        every pack's expressions took a fifth of a CPU second, as much as a batch of 100,000 enterprises.
        """
        if self._packs is None and (self.directory / f"{pack_id}.yaml").is_file():
            return self._build(pack_id, ())
        try:
            return self.packs[pack_id]
        except KeyError:
            raise PackNotFound(f"no rule pack {pack_id!r}; known packs: {', '.join(self.ids())}") from None

    def _build(self, pack_id: str, users: tuple[str, ...]) -> RulePack:
        """Build one pack file after the packs it uses (recursively); a missing or circular dependency is
        left to `_load`, whose builder names it."""
        if pack_id not in self._built:
            path = self.directory / f"{pack_id}.yaml"
            data = read_pack_file(path)
            uses = [str(u) for u in data.get("uses") or ()] if isinstance(data, dict) else []
            if any(u in users or u == pack_id or not (self.directory / f"{u}.yaml").is_file() for u in uses):
                return self.packs[pack_id]
            known = {u: self._build(u, (*users, pack_id)) for u in uses}
            self._built[pack_id] = build_pack(data, known, path=path)
        return self._built[pack_id]

    def resolve(self, tier: str, application_date: dt.date, kind: str = "new") -> RulePack:
        """The pack for an application of this tier, date and kind ("new" or "review"), per decision D11."""
        if tier not in TIERS:
            raise PackNotFound(f"unknown tier {tier!r}; tiers: {', '.join(TIERS)}")
        if kind not in ("new", "review"):
            raise PackNotFound(f"unknown application kind {kind!r}; kinds: new, review")
        matches = [
            pack
            for pack in self.packs.values()
            if pack.tier == tier and kind in pack.applies and pack.applies[kind].covers(application_date)
        ]
        if not matches:
            raise PackNotFound(
                f"no rule pack applies to a {kind} {tier} application dated {application_date}"
            )
        if len(matches) > 1:
            raise PackNotFound(
                f"packs {', '.join(p.id for p in matches)} all claim {kind} {tier} applications "
                f"on {application_date}"
            )
        return matches[0]

    def with_dependencies(
        self, pack_ids: list[str] | tuple[str, ...], parameters: Mapping[str, object] | None = None
    ) -> list[RulePack]:
        """These packs and the packs they use, each after its dependencies; `parameters` (name -> value)
        override the parameters of the packs asked for (`with_parameters`)."""
        if parameters:
            return with_parameters(self.with_dependencies(pack_ids), pack_ids, parameters)
        ordered: list[RulePack] = []

        def add(pack_id: str) -> None:
            pack = self.get(pack_id)
            for used in pack.uses:
                add(used)
            if pack.id not in [p.id for p in ordered]:
                ordered.append(pack)

        for pack_id in pack_ids:
            add(pack_id)
        return ordered


def with_parameters(
    packs: Sequence[RulePack], requested: Sequence[str], parameters: Mapping[str, object]
) -> list[RulePack]:
    """The packs, each one asked for computing with the overrides it has a parameter of; ParameterError for a
    name that no pack asked for has, or a bad value (the parameter named)."""
    asked = [p for p in packs if p.id in requested]
    known = {name for pack in asked for name in pack.parameters}
    for name in parameters:
        if name not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise ParameterError(f"no pack asked for has a parameter {name!r}; their parameters: {listed}")
    return [
        pack.with_parameters({k: v for k, v in parameters.items() if k in pack.parameters})
        if pack.id in requested
        else pack
        for pack in packs
    ]


registry = Registry()
