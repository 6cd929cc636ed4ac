"""`littlegiant assess` (a file against rule packs) and `littlegiant packs list|show` (what the packs say)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from littlegiant.rules.assessment import BatchError, assess_file
from littlegiant.rules.expressions import Expression, PackError
from littlegiant.rules.pack import Condition, Indicator, RulePack
from littlegiant.rules.records import InputError
from littlegiant.rules.registry import PackNotFound, registry

# Files above this size get a progress bar (small ones finish before it would draw).
PROGRESS_FROM_BYTES = 5 * 1024 * 1024

packs_app = typer.Typer(
    name="packs", help="The rule packs: list them, or show one's criteria. 规则包。", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `littlegiant` command."""
    app.command("assess")(assess)
    app.add_typer(packs_app, name="packs")


def assess(
    input_path: Annotated[Path, typer.Argument(help="CSV, XLSX or Parquet file with the canonical columns.")],
    pack: Annotated[list[str], typer.Option("--pack", help="Rule pack id; repeat for several.")],
    out: Annotated[Path, typer.Option("--out", help="Output file: .csv, .parquet or .jsonl.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the explanation document (JSON) per pack.")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="duckdb (this machine) or spark (littlegiant[spark], Java).")
    ] = "duckdb",
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master URL (default local[*]; SPARK_REMOTE for Spark Connect)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            help="Override a pack parameter, name=value (e.g. rate=1.2); repeat for several. "
            "`littlegiant packs show ID` lists them.",
        ),
    ] = None,
) -> None:
    """Assess every enterprise of a file against rule packs. 按规则包批量评估企业。"""
    console = Console(stderr=True)
    parameters: dict[str, str] = {}
    for item in param or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            console.print(f"[red]error:[/red] --param must be name=value, not {item!r}")
            raise typer.Exit(code=2)
        parameters[name.strip()] = value.strip()
    if engine not in ("duckdb", "spark"):
        console.print(f"[red]error:[/red] --engine must be duckdb or spark, not {engine!r}")
        raise typer.Exit(code=2)
    if master and engine != "spark":
        console.print("[red]error:[/red] --master is for --engine spark")
        raise typer.Exit(code=2)
    try:
        if engine == "spark":
            rows = assess_file(
                input_path, out, pack, explain=explain, engine="spark", master=master, parameters=parameters
            )
        elif input_path.exists() and input_path.stat().st_size >= PROGRESS_FROM_BYTES:
            with Progress(
                TextColumn("[bold]assessing[/bold] {task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=console,
            ) as bar:
                task = bar.add_task(input_path.name, total=1.0)
                rows = assess_file(
                    input_path,
                    out,
                    pack,
                    explain=explain,
                    progress=lambda done: bar.update(task, completed=done),
                    parameters=parameters,
                )
        else:
            rows = assess_file(input_path, out, pack, explain=explain, parameters=parameters)
    except (BatchError, InputError, PackNotFound, PackError) as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2) from None
    console.print(f"{rows} enterprises assessed → {out}")


def _text(pack_or_item: object, lang: str, field: str) -> str:
    return str(getattr(pack_or_item, f"{field}_{lang}"))


@packs_app.command("list")
def list_packs(
    lang: Annotated[str, typer.Option("--lang", help="zh or en.")] = "zh",
) -> None:
    """List the rule packs. 列出规则包。"""
    _check_lang(lang)
    table = Table("id", "版本" if lang == "zh" else "version", "标题" if lang == "zh" else "title",
                  "文件" if lang == "zh" else "document", "状态" if lang == "zh" else "status")  # fmt: skip
    for pack_id in registry.ids():
        pack = registry.get(pack_id)
        status = (
            ("暂行（二手来源）" if lang == "zh" else "provisional (secondary)") if pack.provisional else ""
        )
        table.add_row(pack.id, pack.version, _text(pack, lang, "title"), pack.document, status)
    Console().print(table)


@packs_app.command("show")
def show_pack(
    pack_id: Annotated[str, typer.Argument(help="Rule pack id.")],
    lang: Annotated[str, typer.Option("--lang", help="zh or en.")] = "zh",
) -> None:
    """Show a pack's criteria with their clauses and confidence tags. 显示规则包的条款。"""
    _check_lang(lang)
    try:
        pack = registry.get(pack_id)
    except PackNotFound as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2) from None
    console = Console()
    console.print(_header(pack, lang))
    zh = lang == "zh"
    table = Table(
        "id",
        "类型" if zh else "kind",
        "标准" if zh else "criterion",
        "条款" if zh else "clause",
        "可信度" if zh else "confidence",
        "门槛 / 分档" if zh else "threshold / bands",
    )
    for criterion in pack.criteria:
        match criterion:
            case Indicator(bands=bands) if bands:
                rule = "; ".join(f"{b.label}: {b.points}" for b in bands)
            case Indicator(options=options) if options:
                rule = "; ".join(f"{o.label}: {o.points}" for o in options)
            case Indicator(points=Expression() as formula):
                rule = formula.text
            case Condition(test=test):
                rule = criterion.threshold or test.text
            case _:
                rule = criterion.threshold or ""
        label = _text(criterion, lang, "label")
        if criterion.declared:
            label += "（申报声明，待确认）" if zh else " (declared, to be confirmed)"
        if not criterion.evaluated:
            label += "（未评估）" if zh else " (not evaluated)"
        table.add_row(criterion.id, criterion.kind.value, label, criterion.clause,
                      f"[{criterion.confidence.value}]", rule)  # fmt: skip
    console.print(table)
    if pack.parameters:
        parameters = Table(
            "--param", "参数" if zh else "parameter", "默认值" if zh else "default", "条款" if zh else "clause",
            "可信度" if zh else "confidence",
        )  # fmt: skip
        for parameter in pack.parameters.values():
            parameters.add_row(parameter.id, _text(parameter, lang, "label"), format(parameter.default, "f"),
                               f"{parameter.document} {parameter.clause}", f"[{parameter.confidence.value}]")  # fmt: skip
        console.print(parameters)
    if pack.amounts:
        amounts = Table(
            "id", "计算步骤" if zh else "step", "条款" if zh else "clause", "可信度" if zh else "confidence",
            "公式" if zh else "formula",
        )  # fmt: skip
        for amount in pack.amounts:
            label = _text(amount, lang, "label") + (f" → {amount.column}" if amount.written else "")
            amounts.add_row(amount.id, label, f"{amount.document} {amount.clause}",
                            f"[{amount.confidence.value}]", " ".join(amount.expression.text.split()))  # fmt: skip
        console.print(amounts)
    if pack.categories:
        categories = Table(
            "id", "类别" if zh else "category", "满分" if zh else "max", "最低" if zh else "minimum"
        )
        for category in pack.categories:
            categories.add_row(category.id, _text(category, lang, "label"), str(category.max),
                               "" if category.minimum is None else str(category.minimum))  # fmt: skip
        console.print(categories)


def _header(pack: RulePack, lang: str) -> str:
    zh = lang == "zh"
    lines = [
        f"[bold]{_text(pack, lang, 'title')}[/bold]  {pack.id}  v{pack.version}",
        f"{'文件' if zh else 'Document'}: {pack.document_title_zh} {pack.document}",
        f"{'依据的项目决定' if zh else 'Project decisions relied on'}: {', '.join(pack.decisions) or '-'}",
    ]
    if pack.provisional:
        lines.append(
            "[yellow]暂行：全部规则仅见于二手来源 [S]，待核对官方文本。[/yellow]"
            if zh
            else "[yellow]Provisional: every rule is from secondary sources [S]; "
            "to verify against the official text.[/yellow]"
        )
    return "\n".join(lines)


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise typer.BadParameter("--lang must be zh or en")
