"""Load the reference tables shipped in `reference/data/` (sources and licences in its README.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from littlegiant.rules.industries import size_industry

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_FILE = DATA_DIR / "regions_gbt2260_2026-09.csv"
SECTIONS_FILE = DATA_DIR / "gbt4754_2017_sections.csv"
CLASSES_FILE = DATA_DIR / "gbt4754_2017_classes.csv"
DIVISIONS_FILE = DATA_DIR / "gbt4754_2017_divisions.csv"
GROUPS_FILE = DATA_DIR / "gbt4754_2017_groups.csv"
SEI_FILE = DATA_DIR / "sei2018_levels1_2.csv"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_all(apps) -> None:  # noqa: ANN001  (the historical app registry of a migration)
    """Fill the reference tables; safe to run on empty tables only (it is called by a migration)."""
    load_regions(apps)
    load_industries(apps)
    load_strategic_emerging_industries(apps)


def load_regions(apps) -> None:  # noqa: ANN001
    Region = apps.get_model("reference", "Region")
    regions: dict[str, object] = {}

    def add(code: str, name: str, level: str, parent: str | None, path: str, province: str) -> None:
        if code not in regions:
            regions[code] = Region(
                code=code, name=name, level=level, parent_id=parent, path=path, province_code=province
            )

    for row in _rows(REGIONS_FILE):
        province, city, county = row["province_code"], row["city_code"], row["county_code"]
        add(province, row["province"], "province", None, f"{province}/", province)
        parent, parent_path = province, f"{province}/"
        if city:
            add(city, row["city"], "prefecture", province, f"{province}/{city}/", province)
            parent, parent_path = city, f"{province}/{city}/"
        if county:
            add(county, row["county"], "county", parent, f"{parent_path}{county}/", province)
    ordered = sorted(regions.values(), key=lambda region: region.path.count("/"))  # parents first
    Region.objects.bulk_create(ordered, batch_size=1000)


def load_industries(apps) -> None:  # noqa: ANN001
    Section = apps.get_model("reference", "IndustrySection")
    Division = apps.get_model("reference", "IndustryDivision")
    IndustryClass = apps.get_model("reference", "IndustryClass")
    sections = [
        Section(
            letter=row["section"],
            name=row["name"],
            division_from=row["division_from"],
            division_to=row["division_to"],
        )
        for row in _rows(SECTIONS_FILE)
    ]
    Section.objects.bulk_create(sections)
    division_names = {row["division_code"]: row["division_name"] for row in _rows(DIVISIONS_FILE)}

    def section_of(division: str) -> str:
        for section in sections:
            if section.division_from <= division <= section.division_to:
                return section.letter
        raise ValueError(f"division {division} lies in no GB/T 4754-2017 section")

    classes = list(_rows(CLASSES_FILE))
    divisions = sorted({row["division_code"] for row in classes})
    Division.objects.bulk_create(
        [
            Division(code=code, name=division_names.get(code, ""), section_id=section_of(code))
            for code in divisions
        ]
    )
    IndustryClass.objects.bulk_create(
        [
            IndustryClass(
                code=row["class_code_2017"],
                name=row["class_name_2017"],
                division_id=row["division_code"],
                size_industry=size_industry(row["class_code_2017"]).value,
                name_possibly_truncated=row["name_possibly_truncated"] == "1",
            )
            for row in classes
        ],
        batch_size=1000,
    )


def reload_industry_names(apps) -> None:  # noqa: ANN001
    """Give every division and group its own name and every class its whole name (the 2026-12 files).

    Idempotent: rows are matched by code, so it brings an existing database and a fresh one to the same state.
    """
    Division = apps.get_model("reference", "IndustryDivision")
    Group = apps.get_model("reference", "IndustryGroup")
    IndustryClass = apps.get_model("reference", "IndustryClass")
    divisions = {division.code: division for division in Division.objects.all()}
    for row in _rows(DIVISIONS_FILE):
        division = divisions.get(row["division_code"])
        if division is None:
            Division.objects.create(
                code=row["division_code"], name=row["division_name"], section_id=row["section_code"]
            )
        elif division.name != row["division_name"]:
            division.name = row["division_name"]
            division.save(update_fields=["name"])
    existing_groups = {group.code: group for group in Group.objects.all()}
    for row in _rows(GROUPS_FILE):
        group = existing_groups.get(row["group_code"])
        if group is None:
            Group.objects.create(
                code=row["group_code"], name=row["group_name"], division_id=row["division_code"]
            )
        elif group.name != row["group_name"]:
            group.name = row["group_name"]
            group.save(update_fields=["name"])
    classes = {row["class_code_2017"]: row for row in _rows(CLASSES_FILE)}
    changed = []
    for industry_class in IndustryClass.objects.all():
        row = classes.get(industry_class.code)
        if row is None:
            continue
        industry_class.name = row["class_name_2017"]
        industry_class.group_id = industry_class.code[:3]
        industry_class.name_possibly_truncated = row["name_possibly_truncated"] == "1"
        changed.append(industry_class)
    IndustryClass.objects.bulk_update(changed, ["name", "group", "name_possibly_truncated"], batch_size=500)


def load_strategic_emerging_industries(apps) -> None:  # noqa: ANN001
    Item = apps.get_model("reference", "StrategicEmergingIndustry")
    rows = sorted(_rows(SEI_FILE), key=lambda row: int(row["level"]))
    Item.objects.bulk_create(
        [
            Item(code=row["code"], name=row["name"], level=int(row["level"]), parent_id=row["parent"] or None)
            for row in rows
        ]
    )
