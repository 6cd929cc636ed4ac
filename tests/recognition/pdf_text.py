"""Reading a certificate PDF's document title back, for tests (reportlab writes it as UTF-16 with escapes)."""

from __future__ import annotations

import re


def pdf_title(data: bytes) -> str:
    """The /Title of a PDF's information dictionary, decoded."""
    match = re.search(rb"/Title \((.*?)(?<!\\)\)", data, re.S)
    assert match is not None, "no /Title in the PDF"
    raw, out, index = match.group(1), bytearray(), 0
    while index < len(raw):
        char = raw[index]
        if char == 0x5C:  # backslash
            following = raw[index + 1 : index + 4]
            octal = re.match(rb"[0-7]{1,3}", following)
            if octal:
                out.append(int(octal.group(0), 8))
                index += 1 + len(octal.group(0))
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9}.get(raw[index + 1], raw[index + 1]))
            index += 2
            continue
        out.append(char)
        index += 1
    data = bytes(out)
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
