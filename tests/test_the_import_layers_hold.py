"""The import contract in pyproject.toml holds for the code, and breaks when `enterprises` imports `web`.

The contract is read from pyproject.toml (the one definition), checked against the real import graph, then
against the same graph with one upward import added, so the test proves the contract can fail.
"""

from pathlib import Path

import grimp
import pytest
from importlinter.application.use_cases import read_user_options
from importlinter.configuration import configure
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CONTRACT_TYPES = {"layers": LayersContract, "forbidden": ForbiddenContract}


@pytest.fixture(scope="module")
def options():
    configure()  # what the lint-imports command does first: it registers the option readers
    return read_user_options(str(PYPROJECT))


def build(options):
    return grimp.build_graph(*options.session_options["root_packages"], include_external_packages=True)


@pytest.fixture(scope="module")
def graph(options):
    return build(options)


def contract(options, contract_id: str):
    [found] = [c for c in options.contracts_options if c["id"] == contract_id]
    return CONTRACT_TYPES[found["type"]](
        name=found["name"], session_options=options.session_options, contract_options=found
    )


@pytest.mark.parametrize("contract_id", ["layers", "engine"])
def test_the_code_keeps_every_contract(options, graph, contract_id):
    check = contract(options, contract_id).check(graph, verbose=False)
    assert check.kept, check.metadata


def test_an_enterprises_module_importing_web_breaks_the_layers(options):
    broken = build(options)
    broken.add_import(importer="littlegiant.enterprises.models", imported="littlegiant.web.api")
    assert not contract(options, "layers").check(broken, verbose=False).kept


def test_two_domain_apps_importing_each_other_break_the_layers(options):
    broken = build(options)
    broken.add_import(importer="littlegiant.services.models", imported="littlegiant.techtransfer.models")
    assert not contract(options, "layers").check(broken, verbose=False).kept


def test_the_engine_importing_django_breaks_its_contract(options):
    broken = build(options)
    broken.add_import(importer="littlegiant.rules.records", imported="django")
    assert not contract(options, "engine").check(broken, verbose=False).kept
