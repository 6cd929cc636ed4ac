"""The demo: a few hundred Chinese listings from several institutions, with licences in every stage."""

from __future__ import annotations

from django.db.models import Count

from littlegiant.techtransfer import demo
from littlegiant.techtransfer.models import Licence, PatentListing, ResearchInstitution, Statement
from littlegiant.techtransfer.search import search


def test_it_builds_listings_licences_and_statements(alice, bob):
    accounts = demo.build(seed=7, log=lambda line: None)
    assert [account.role_en for account in accounts] == ["Tech-transfer officer"]
    assert PatentListing.objects.count() == demo.LISTINGS
    assert ResearchInstitution.objects.count() == len(demo.INSTITUTIONS)
    stages = dict(Licence.objects.values_list("status").annotate(n=Count("pk")))
    assert set(stages) == {"offered", "trial", "paying", "terminated", "assigned", "expired"}
    assert Statement.objects.exists()
    assert search("锂电池").hits


def test_every_synthetic_patent_number_is_valid(db):
    import random

    from littlegiant.techtransfer.patent_numbers import parse_application_number, parse_publication_number

    rng = random.Random(1)
    for serial in range(200):
        values = demo.synthetic_patent(rng, serial)
        assert str(parse_application_number(values["application_number"])) == values["application_number"]
        parse_publication_number(values["publication_number"])
