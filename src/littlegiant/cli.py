"""The `littlegiant` command: import and export enterprise data, assess with the criteria packs, run the demo.

Sub-commands live with what they act on (`littlegiant.enterprises.cli`, `littlegiant.rules.cli`, ...);
this module mounts them. Commands that need the database set Django up first; the criteria engine does not.
"""

from __future__ import annotations

import typer

from littlegiant.dashboards.cli import register as register_dashboards
from littlegiant.demo.cli import register as register_demo
from littlegiant.digital.cli import register as register_digital
from littlegiant.enterprises.cli import register as register_enterprises
from littlegiant.operations.cli import register as register_operations
from littlegiant.rules.cli import register as register_rules

app = typer.Typer(
    name="littlegiant",
    help="Little Giant: quality-SME cultivation platform. 优质中小企业梯度培育平台。",
    no_args_is_help=True,
    add_completion=False,
)


def _mount() -> None:
    register_enterprises(app)
    register_rules(app)
    register_demo(app)
    register_operations(app)
    register_digital(app)
    register_dashboards(app)


def main() -> None:
    _mount()
    app()


if __name__ == "__main__":
    main()
