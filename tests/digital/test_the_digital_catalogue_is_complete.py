"""The brief: "New UI strings get their zh_Hans translation in the `.po` of the app that owns the template/code"."""

from pathlib import Path

from tests.web.test_the_web_and_accounts_catalogues_are_complete import untranslated

PO = Path(__file__).resolve().parents[2] / "src/littlegiant/digital/locale/zh_Hans/LC_MESSAGES/django.po"


def test_every_digital_string_has_a_chinese_translation() -> None:
    assert untranslated(PO) == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")
