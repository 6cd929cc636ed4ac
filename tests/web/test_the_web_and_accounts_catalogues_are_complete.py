"""Every string of the web and accounts apps has a Simplified Chinese translation."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "littlegiant"


def untranslated(po_file: Path) -> list[str]:
    """Message ids whose translation is empty (the header excepted)."""
    missing: list[str] = []
    for entry in po_file.read_text(encoding="utf-8").split("\n\n"):
        strings: dict[str, str] = {}
        key = None
        for line in entry.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                strings[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                strings[key] += ast.literal_eval(line)
        if strings.get("msgid"):
            translations = [value for name, value in strings.items() if name.startswith("msgstr")]
            if not all(translations):
                missing.append(strings["msgid"])
    return missing


@pytest.mark.parametrize("app", ["web", "accounts"])
def test_no_message_is_left_untranslated(app):
    po_file = PACKAGE / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert po_file.exists()
    assert untranslated(po_file) == []


@pytest.mark.parametrize("app", ["web", "accounts"])
def test_no_translation_is_marked_fuzzy(app):
    po_file = PACKAGE / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert "#, fuzzy" not in po_file.read_text(encoding="utf-8")
