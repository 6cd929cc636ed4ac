"""zh-Hans is the default language: every string of the policy what-if (scenarios) app has a translation."""

from pathlib import Path

import littlegiant.scenarios

CATALOGUE = Path(littlegiant.scenarios.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    entry: dict[str, str] = {}
    key = None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if "msgid" in entry:
                yield entry
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr")):
            key, _, value = line.partition(" ")
            entry[key] = value.strip().strip('"')
        elif line.startswith('"') and key:
            entry[key] += line.strip('"')


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = [e for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]]
    assert len(entries) > 50
    untranslated = [e["msgid"] for e in entries if not any(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert untranslated == []
    assert fuzzy == []
