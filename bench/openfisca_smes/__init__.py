"""Little Giant's size and innovative-SME criteria as an OpenFisca country package, for the benchmark only.

Written from shared/reference/criteria.md §1 and §2 the way an OpenFisca modeller would: parameters in
dated YAML (with `brackets:` for the scoring scales), one Variable per input and per formula, money as
OpenFisca's float (float32). It is the baseline that `bench/assess.py` races and checks against; it is
not part of littlegiant.
"""

from __future__ import annotations

from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_smes.entities import entities

PACKAGE = Path(__file__).resolve().parent


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """The SME size (2011) and innovative-SME (2022) rules as an OpenFisca tax-benefit system."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables_from_directory(str(PACKAGE / "variables"))
        self.load_parameters(str(PACKAGE / "parameters"))
