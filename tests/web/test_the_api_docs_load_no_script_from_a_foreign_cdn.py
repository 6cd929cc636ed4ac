"""/api/docs serves Swagger UI from our own static files, which the Content-Security-Policy allows (F10)."""

import re

import pytest


@pytest.mark.django_db
def test_every_script_of_the_docs_page_is_our_own(client):
    page = client.get("/api/docs").content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
    assert "cdn.jsdelivr" not in page
