"""`littlegiant packs list` and `littlegiant packs show ID`: criteria with clauses and tags, in zh
(default) and en.
"""

from typer.testing import CliRunner

from tests.rules.cli_app import app


def test_list_shows_every_pack_and_marks_the_provisional_ones() -> None:
    zh = CliRunner().invoke(app, ["packs", "list"], env={"COLUMNS": "250"})
    en = CliRunner().invoke(app, ["packs", "list", "--lang", "en"], env={"COLUMNS": "250"})
    assert zh.exit_code == en.exit_code == 0
    assert "专精特新中小企业认定标准" in zh.output and "暂行" in zh.output
    assert "SRDI SME recognition standard" in en.output and "provisional" in en.output
    assert "cn.miit.little-giant.2026" in en.output


def test_show_lists_criteria_with_clause_and_confidence() -> None:
    zh = CliRunner().invoke(app, ["packs", "show", "cn.miit.little-giant.2022"], env={"COLUMNS": "250"})
    en = CliRunner().invoke(
        app, ["packs", "show", "cn.miit.innovative-sme.2022", "--lang", "en"], env={"COLUMNS": "250"}
    )  # noqa: E501
    assert zh.exit_code == en.exit_code == 0
    assert "附件3 创新能力指标 创新直通条件" in zh.output and "未评估" in zh.output and "[U]" in zh.output
    assert "Last-year R&D expense / operating revenue" in en.output
    assert "A. 5%以上: 20" in en.output
    assert "D1, D4, D5, D11" in en.output


def test_show_names_an_unknown_pack() -> None:
    result = CliRunner().invoke(app, ["packs", "show", "cn.miit.nope"])
    assert result.exit_code == 2
    assert "cn.miit.nope" in result.output
