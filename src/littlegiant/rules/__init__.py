"""The criteria engine: official criteria as versioned rule packs, compiled to SQL, exact and explained.

Knows nothing of Django. Public API (docs/rules.md):

    from littlegiant.rules import registry, assess_record, assess_file, evaluate_records, PackNotFound
"""

from littlegiant.rules.assessment import BatchError, assess_file, assess_record, evaluate_records
from littlegiant.rules.expressions import PackError
from littlegiant.rules.pack import Criterion, RulePack
from littlegiant.rules.records import InputError
from littlegiant.rules.registry import PackNotFound, registry

__all__ = [
    "BatchError",
    "Criterion",
    "InputError",
    "PackError",
    "PackNotFound",
    "RulePack",
    "assess_file",
    "assess_record",
    "evaluate_records",
    "registry",
]
