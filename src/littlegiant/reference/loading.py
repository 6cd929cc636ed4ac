"""Load the reference tables shipped in `reference/data/` (sources and licences in its README.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
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


def _create_or_rename(model, rows: Iterable[dict[str, str]], *, level: str, parent: tuple[str, str]) -> None:  # noqa: ANN001
    """Each row's `<level>_code` and `<level>_name`: a new row of `model` under its parent (`parent` is the
    model's field and the file's column), or the new name of the existing one."""
    existing = {item.code: item for item in model.objects.all()}
    parent_field, parent_column = parent
    for row in rows:
        code, name = row[f"{level}_code"], row[f"{level}_name"]
        item = existing.get(code)
        if item is None:
            model.objects.create(code=code, name=name, **{parent_field: row[parent_column]})
        elif item.name != name:
            item.name = name
            item.save(update_fields=["name"])


def reload_industry_names(apps) -> None:  # noqa: ANN001
    """Give every division and group its own name and every class its whole name (the 2026-12 files).

    Idempotent: rows are matched by code, so it brings an existing database and a fresh one to the same state.
    """
    Division = apps.get_model("reference", "IndustryDivision")
    Group = apps.get_model("reference", "IndustryGroup")
    IndustryClass = apps.get_model("reference", "IndustryClass")
    _create_or_rename(
        Division, _rows(DIVISIONS_FILE), level="division", parent=("section_id", "section_code")
    )
    _create_or_rename(Group, _rows(GROUPS_FILE), level="group", parent=("division_id", "division_code"))
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
