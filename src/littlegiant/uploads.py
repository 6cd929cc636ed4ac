"""Uploaded files: recognised by content (never by name), size-limited, stored outside the web root.

A leaf module (it imports no app) so every app checks, stores and serves files the same way. Files are kept
under `settings.MEDIA_ROOT` and served only by `serve_upload`, which views call after their permission check.
"""

from __future__ import annotations

import secrets
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from littlegiant.upload_limits import megabytes_apart

# Magic bytes of the only kinds of evidence we accept, with the extension we store them under.
ACCEPTED_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
EXTENSIONS = {content_type: extension for _magic, content_type, extension in ACCEPTED_KINDS}


def check_upload(file: UploadedFile) -> str:
    """The content type of an acceptable upload (PDF, JPEG or PNG, within the size limit)."""
    limit = settings.MAX_UPLOAD_BYTES
    if file.size is None or file.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": file.name}, code="empty")
    if file.size > limit:
        size, ceiling = megabytes_apart(file.size, limit)
        raise ValidationError(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {"name": file.name, "size": size, "limit": ceiling},
            code="too_large",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for magic, content_type, _extension in ACCEPTED_KINDS:
        if head.startswith(magic):
            return content_type
    raise ValidationError(
        _("The file “%(name)s” is not a PDF, JPEG or PNG (checked by its content, not its name).")
        % {"name": file.name},
        code="bad_type",
    )


def store_upload(file: UploadedFile, *, folder: str) -> str:
    """Check and store an upload under MEDIA_ROOT/<folder>/ with a random name; return its relative path."""
    content_type = check_upload(file)
    clean_folder = PurePosixPath(folder)
    if clean_folder.is_absolute() or ".." in clean_folder.parts:
        raise ValueError(f"upload folder must be relative and inside MEDIA_ROOT, not {folder!r}")
    relative = clean_folder / f"{secrets.token_hex(16)}{EXTENSIONS[content_type]}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:
        for chunk in file.chunks():
            handle.write(chunk)
    return str(relative)


def stored_path(relative: str) -> Path:
    """The absolute path of a stored upload, refusing anything that would leave MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"stored upload path leaves MEDIA_ROOT: {relative!r}")
    return target


def serve_upload(relative: str, *, content_type: str, filename: str) -> FileResponse:
    """A stored upload as a download (never shown inline); 404 when the file is missing or out of bounds.

    Call it only with a row fetched through a `for_user()` queryset: this function checks no permission.
    """
    try:
        path = stored_path(relative)
    except ValueError:
        raise Http404 from None
    if not path.is_file():
        raise Http404(_("The file is missing from storage."))
    response = FileResponse(path.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
    # Served as an attachment with its sniffed type: a file that is also HTML is never rendered.
    response["X-Content-Type-Options"] = "nosniff"
    return response
