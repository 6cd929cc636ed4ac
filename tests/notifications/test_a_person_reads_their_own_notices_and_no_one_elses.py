"""The notices page lists only the reader's notices; marking read works on one's own and 404s on another's."""

import pytest
from django.urls import reverse

from littlegiant.notifications.models import Notification
from littlegiant.notifications.services import notify


@pytest.fixture
def notices(alice, bob):
    notify([alice], subject="For Alice", link="/enterprises/", mail=False)
    notify([bob], subject="For Bob", mail=False)
    return Notification.objects.get(recipient=alice), Notification.objects.get(recipient=bob)


def test_the_header_shows_the_unread_count_and_the_page_lists_only_mine(client, alice, notices):
    client.force_login(alice)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "For Alice" in page and "For Bob" not in page
    assert 'class="badge"' in page and ">1<" in page


def test_reading_follows_the_link_and_clears_the_count(client, alice, notices):
    mine, _theirs = notices
    client.force_login(alice)
    response = client.post(reverse("notifications:read", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/enterprises/"
    mine.refresh_from_db()
    assert mine.is_read
    assert 'class="badge"' not in client.get(reverse("notifications:inbox")).content.decode()


def test_another_persons_notice_is_not_found(client, alice, notices):
    _mine, theirs = notices
    client.force_login(alice)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read(client, alice, notices):
    client.force_login(alice)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
