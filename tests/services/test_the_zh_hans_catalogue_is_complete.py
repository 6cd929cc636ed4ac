"""zh-Hans is the default language: every message of the service network has a Chinese translation."""

from __future__ import annotations

from pathlib import Path

import littlegiant.services

CATALOGUE = Path(littlegiant.services.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def untranslated(text: str) -> list[str]:
    """The msgids whose translation is empty or marked fuzzy (the header entry excepted)."""
    missing = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        msgid = next(line for line in lines if line.startswith("msgid "))
        if "#, fuzzy" in block or lines[-1] in {'msgstr ""', 'msgstr[0] ""'}:
            missing.append(msgid)
    return missing


def test_every_message_is_translated():
    assert untranslated(CATALOGUE.read_text(encoding="utf-8")) == []


def test_the_check_finds_an_empty_translation():
    assert untranslated('msgid ""\nmsgstr ""\n\nmsgid "Close"\nmsgstr ""\n') == ['msgid "Close"']


def test_a_known_message_is_in_chinese():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert 'msgid "Investment and financing"\nmsgstr "投融资"' in text
