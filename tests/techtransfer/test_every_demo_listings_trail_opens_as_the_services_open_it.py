"""Every demo listing's trail opens as services.save_listing opens it: a 'create' by the officer who made it,
in the transfer officer's role, on the day it was published (issue 10: the demo's history is the services')."""

from __future__ import annotations

from littlegiant.techtransfer import demo
from littlegiant.techtransfer.models import PatentListing, TransferEvent


def test_each_listing_has_its_creation_by_its_officer(alice, bob):
    demo.build(seed=7, log=lambda line: None)
    created = {
        event.listing_id: event
        for event in TransferEvent.objects.filter(action="create").select_related("listing")
    }
    assert set(created) == set(PatentListing.objects.values_list("pk", flat=True))
    for event in created.values():
        assert event.actor_id == event.listing.created_by_id
        assert event.role == "transfer_officer"
        assert (event.from_state, event.to_state) == ("", "published")
        assert event.created_at == event.listing.published_at
