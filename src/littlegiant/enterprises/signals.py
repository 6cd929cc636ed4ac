"""Signals other apps listen to, so that the register never has to import them."""

from django.dispatch import Signal

# Sent (with enterprise_ids, a set of primary keys) inside the transaction that changed those enterprises'
# registered identity (name, region, industry) or their annual filings, by the services and the import alike;
# an app keeping a copy of such data (the digital tracker's level snapshot) refreshes it in the same transaction.
register_changed = Signal()
