"""Search relevance on a small labelled set: each query ranks its target listing first."""

from __future__ import annotations

import pytest

from littlegiant.techtransfer.search import SearchFilters, search
from tests.techtransfer.conftest import list_patent

# (application number, title, abstract, IPC) — distractors share words with the targets on purpose.
CORPUS = [
    (
        "202210038761.0",
        "一种高镍三元锂电池正极材料及其制备方法",
        "通过氧化铝包覆提高高镍正极材料的循环稳定性。",
        "H01M 4/36",
    ),
    ("202210956187.7", "一种锂电池回收方法", "从退役锂电池中回收钴、镍等金属，回收率高。", "H01M 10/54"),
    (
        "202211411308.6",
        "基于深度学习的工业视觉缺陷检测系统",
        "采用卷积神经网络检测电路板焊点缺陷。",
        "G06T 7/00",
    ),
    ("202211358632.6", "一种工业机器人视觉引导抓取方法", "利用视觉定位引导机器人抓取散乱工件。", "B25J 9/16"),
    (
        "202210546060.8",
        "可降解聚乳酸复合材料及其应用",
        "聚乳酸与淀粉共混，可完全生物降解，用于绿色包装。",
        "C08L 67/04",
    ),
    (
        "202210074403.5",
        "一种工业废水高级氧化处理方法",
        "臭氧与过氧化氢协同催化氧化，COD去除率高。",
        "C02F 1/72",
    ),
    (
        "202011167667.2",
        "A graphene thermal interface material",
        "A graphene filled silicone pad with high thermal conductivity.",
        "C08K 3/04",
    ),
    (
        "201911050262.8",
        "A machine-vision inspection camera housing",
        "A housing that keeps an inspection camera cool and clean.",
        "G03B 17/55",
    ),
    (
        "202210635727.1",
        "靶向PD-L1的单克隆抗体及其用途",
        "通过噬菌体展示筛选高亲和力抗体，用于肿瘤免疫治疗。",
        "C07K 16/28",
    ),
    ("202310000009.8", "协作机器人关节减速器", "摆线针轮与行星传动复合结构，传动精度高。", "F16H 1/32"),
]
LABELLED = [
    ("锂电池 正极材料", "202210038761.0"),
    ("锂电池回收", "202210956187.7"),
    ("缺陷检测", "202211411308.6"),
    ("机器人 抓取", "202211358632.6"),
    ("聚乳酸 降解", "202210546060.8"),
    ("废水 氧化", "202210074403.5"),
    ("graphene thermal", "202011167667.2"),
    ("inspection camera", "201911050262.8"),
    ("单克隆抗体", "202210635727.1"),
    ("减速器", "202310000009.8"),
    ("C07K", "202210635727.1"),
]


@pytest.fixture
def corpus(olivia, hangzhou_university):
    from littlegiant.techtransfer.patent_numbers import application_check_digit

    listings = {}
    for number, title, abstract, ipc in CORPUS:
        digits = number.split(".")[0]
        number = f"{digits}.{application_check_digit(digits)}"
        listings[number] = list_patent(
            olivia,
            hangzhou_university,
            application_number=number,
            title=title,
            abstract=abstract,
            ipc_codes=ipc,
            problem="—",
            benefit="—",
            applications="—",
        )
    return listings


@pytest.mark.parametrize(("query", "target"), LABELLED)
def test_the_target_comes_first(corpus, query, target):
    hits = search(query).hits
    assert hits, f"nothing found for {query!r}"
    assert hits[0].listing.application_number.startswith(target.split(".")[0]), [
        h.listing.title for h in hits
    ]


def test_matches_are_highlighted_and_escaped(corpus):
    hit = search("聚乳酸").hits[0]
    assert "<mark>聚乳酸</mark>" in hit.title


def test_a_filter_narrows_the_ranking(corpus, ningbo_institute):
    assert search("锂电池", filters=SearchFilters(ipc="H01M10")).hits[0].listing.title == "一种锂电池回收方法"
    assert search("锂电池", filters=SearchFilters(institution=ningbo_institute.pk)).hits == []


def test_an_edit_is_searchable_at_once_and_old_words_are_gone(corpus, olivia, hangzhou_university):
    from littlegiant.techtransfer.services import LISTING_FIELDS, save_listing

    listing = search("减速器").hits[0].listing
    values = {name: getattr(listing, name) for name in LISTING_FIELDS}
    values["title"] = "磁流体密封件"
    values["abstract"] = "一种磁流体密封结构。"
    save_listing(by=olivia, institution=hangzhou_university, values=values, listing=listing)
    assert search("磁流体").hits[0].listing.pk == listing.pk
    assert all(hit.listing.pk != listing.pk for hit in search("减速器").hits)


def test_withdrawn_listings_are_not_found(corpus, olivia):
    from littlegiant.techtransfer.services import withdraw_listing

    listing = search("单克隆抗体").hits[0].listing
    withdraw_listing(listing, by=olivia)
    assert all(hit.listing.pk != listing.pk for hit in search("单克隆抗体").hits)
