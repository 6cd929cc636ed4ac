"""`notify()`: the one way the platform tells people something, in the app and by mail.

Failure policy, the same for every app: the in-app notice is written inside the caller's transaction, so it
exists exactly when the change it reports does; the mail goes out only after that transaction commits, so
nobody hears of a change that was rolled back; a mail that cannot be sent is logged and marked on the notice
(`mail_status=failed`) and never undoes or hides the committed change.

Every notice is written in the recipient's language, never in the language of the request that caused it:
the subject and body are message ids (`gettext_lazy`) with `%(name)s` parameters, or a template, rendered
once per recipient under `translation.override`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from littlegiant.notifications.models import MailStatus, Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)


def language_of(recipient: AbstractBaseUser) -> str:
    """The language a recipient reads notices in: the platform's language (zh-hans) until people choose one."""
    return settings.LANGUAGE_CODE


def _render(text: object, params: Mapping[str, Any]) -> str:
    rendered = str(text)
    return rendered % {key: str(value) for key, value in params.items()} if params else rendered


def notify(
    recipients: Iterable[AbstractBaseUser],
    *,
    subject: object,
    body: object = "",
    template: str = "",
    params: Mapping[str, Any] | None = None,
    link: str = "",
    mail: bool = True,
    once_key: str = "",
) -> list[Notification]:
    """Tell each recipient: an in-app notice now, and a mail after the transaction commits.

    `subject` and `body` are message ids (lazy translations) formatted with `params`; a `template` renders
    the body instead, with `params` as its context. Recipients are deduplicated; inactive ones are skipped.
    With `once_key`, a recipient who already holds a notice with that key is skipped too (even one sent by a
    concurrent call): the notices returned are the new ones.
    """
    recipients = [recipient for recipient in recipients if recipient.is_active]
    write = (subject, body, template, params, link, mail)
    if not once_key:
        return _write(recipients, *write, once_key="")
    try:
        return _write_to_the_untold(recipients, *write, once_key=once_key)
    except IntegrityError:
        # A concurrent call told some of them between our read and our write: read again.
        return _write_to_the_untold(recipients, *write, once_key=once_key)


def _already_told(recipients: list[AbstractBaseUser], once_key: str) -> set[int]:
    return set(
        Notification.objects.filter(once_key=once_key, recipient__in=recipients).values_list(
            "recipient_id", flat=True
        )
    )


def _write_to_the_untold(
    recipients: list[AbstractBaseUser], *write: Any, once_key: str
) -> list[Notification]:
    told = _already_told(recipients, once_key)
    with transaction.atomic():  # a savepoint: a lost race undoes only this write, not the caller's work
        return _write([r for r in recipients if r.pk not in told], *write, once_key=once_key)


def _write(
    recipients: Iterable[AbstractBaseUser],
    subject: object,
    body: object,
    template: str,
    params: Mapping[str, Any] | None,
    link: str,
    mail: bool,
    *,
    once_key: str,
) -> list[Notification]:
    params = dict(params or {})
    notices: list[Notification] = []
    seen: set[int] = set()
    for recipient in recipients:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        language = language_of(recipient)
        with translation.override(language):
            title = f"[{_('Little Giant')}] {_render(subject, params)}"[:200]
            text = render_to_string(template, params).strip() if template else _render(body, params)
        email = mail and bool(getattr(recipient, "email", ""))
        notices.append(
            Notification(
                recipient=recipient,
                subject=title,
                body=text,
                link=link,
                language=language,
                mail_status=MailStatus.PENDING if email else MailStatus.NOT_MAILED,
                once_key=once_key,
            )
        )
    Notification.objects.bulk_create(notices)
    to_mail = [notice for notice in notices if notice.mail_status == MailStatus.PENDING]
    if to_mail:
        transaction.on_commit(lambda: _send(to_mail))
    return notices


def _send(notices: list[Notification]) -> None:
    """Mail each notice on its own, so one bad address does not stop the others; record the outcome."""
    for notice in notices:
        try:
            send_mail(
                notice.subject,
                notice.body,
                settings.DEFAULT_FROM_EMAIL,
                [notice.recipient.email],
                fail_silently=False,
            )
        except Exception:
            # The change has committed: a mail server problem must not turn it into an error page.
            logger.exception("notice %s could not be mailed to user %s", notice.pk, notice.recipient_id)
            status = MailStatus.FAILED
        else:
            status = MailStatus.SENT
        Notification.objects.filter(pk=notice.pk).update(mail_status=status)


def mark_read(notice: Notification, *, by: AbstractBaseUser) -> Notification:
    """Mark one of the reader's own notices as read (reading another's is refused as not found)."""
    updated = Notification.objects.filter(pk=notice.pk, recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if updated:
        notice.refresh_from_db(fields=["read_at"])
    return notice


def mark_all_read(*, by: AbstractBaseUser) -> int:
    """Mark all of the reader's unread notices as read; how many there were."""
    return Notification.objects.for_user(by).unread().update(read_at=timezone.now())


# The header shows "99+" beyond this: reading at most this many ids is cheaper than COUNT over a long history.
UNREAD_SHOWN = 99


def unread_count(user: AbstractBaseUser) -> int:
    """How many of the user's notices are unread, up to UNREAD_SHOWN + 1 (shown in the page header)."""
    return len(Notification.objects.for_user(user).unread().values_list("pk", flat=True)[: UNREAD_SHOWN + 1])
