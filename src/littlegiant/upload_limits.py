"""Limits on uploaded files, checked before they are read: size, and what an XLSX workbook unpacks to.

Security review F5: the API import read a file of any size, and an XLSX workbook is a zip archive whose sheet
can unpack to hundreds of times its size (a 29 KB workbook of 200,000 empty rows cost 6.6 s of CPU; at that
ratio a 10 MB upload is ≈3.4 GB of XML). A workbook is therefore inspected through its zip directory, which
costs nothing to read, before openpyxl parses a byte of it. Leaf module: Django settings only.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Ordinary workbooks unpack to 5–20 times their stored size (the filings export: about 8); beyond 100 a part
# is padding, not data. Parts below 1 MB are left alone: a small part's ratio says nothing about cost.
LARGEST_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# What an import parses at most, whatever the upload limit: about a minute of openpyxl's time.
LARGEST_UNPACKED_BYTES = 100 * 1024 * 1024
LARGEST_ARCHIVE_MEMBERS = 1000
# Excel's own limit on the rows of a sheet: a workbook claiming more was not written by a spreadsheet.
LARGEST_SHEET_ROWS = 1_048_576


class UploadRefused(ValueError):
    """An upload refused before it is read; the message (translated) says why and what to do."""


def _size(size: int) -> str:
    return str(filesizeformat(size))


def size_refusal(size: int | None, *, limit: int | None = None) -> str | None:
    """Why a file of this many bytes is refused (over settings.MAX_UPLOAD_BYTES), or None.

    Sizes are written so that they differ: "10.0 MB, limit 10.0 MB" said nothing (security review F12).
    """
    limit = settings.MAX_UPLOAD_BYTES if limit is None else limit
    if size is None or size <= limit:
        return None
    shown, ceiling = _size(size), _size(limit)
    if shown == ceiling:
        shown = _("%(count)s bytes") % {"count": f"{size:,}"}
        ceiling = _("%(count)s bytes") % {"count": f"{limit:,}"}
    return _("The file is %(size)s; the limit is %(limit)s.") % {"size": shown, "limit": ceiling}


def megabytes_apart(size: int, limit: int) -> tuple[str, str]:
    """Size and limit in MB with as many decimals as it takes to tell them apart (10.00002 and 10.0)."""
    for places in range(1, 8):
        shown, ceiling = f"{size / 1_048_576:.{places}f}", f"{limit / 1_048_576:.{places}f}"
        if shown != ceiling:
            return shown, f"{limit / 1_048_576:.1f}"
    return shown, ceiling


def check_workbook(file: BinaryIO) -> None:
    """Refuse (UploadRefused) an XLSX whose parts unpack too large or too far; leaves the file at its start.

    A file that is not a zip archive passes: the workbook reader reports it in its own words.
    """
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        file.seek(0)
    if len(members) > LARGEST_ARCHIVE_MEMBERS:
        raise UploadRefused(
            _("The workbook holds %(count)s parts; an ordinary workbook holds a few dozen.")
            % {"count": f"{len(members):,}"}
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > LARGEST_UNPACKED_BYTES:
        raise UploadRefused(
            _(
                "The workbook unpacks to %(size)s, more than the %(limit)s an import reads: "
                "split it, or save it as CSV UTF-8."
            )
            % {"size": _size(unpacked), "limit": _size(LARGEST_UNPACKED_BYTES)}
        )
    for member in members:
        if member.file_size < RATIO_CHECKED_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > LARGEST_COMPRESSION_RATIO:
            raise UploadRefused(
                _(
                    "The workbook's part %(part)s unpacks to %(ratio)s times its stored size (at most "
                    "%(limit)s): it holds padding, not data. Save the sheet again or export it as CSV UTF-8."
                )
                % {"part": member.filename, "ratio": f"{ratio:,.0f}", "limit": LARGEST_COMPRESSION_RATIO}
            )


def check_sheet_rows(number: int) -> None:
    """Refuse a sheet once it passes Excel's own row limit, while it is being read."""
    if number > LARGEST_SHEET_ROWS:
        raise UploadRefused(
            _("The sheet has more than %(limit)s rows, Excel's own limit.")
            % {"limit": f"{LARGEST_SHEET_ROWS:,}"}
        )
