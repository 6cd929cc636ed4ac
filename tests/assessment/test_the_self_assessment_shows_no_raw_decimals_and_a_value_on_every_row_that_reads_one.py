"""ux review row 2: the innovative pack showed 0.1004464286 and "small", the SRDI 2026 pack "–" in every value cell.
Every row that reads a value now shows it, formatted (percentages, 万元, 是/否, the size class by name)."""

import re

from django.urls import reverse

PACKS = ("cn.miit.innovative-sme.2022", "cn.miit.srdi-sme.2022", "cn.miit.little-giant.2022",
         "cn.miit.srdi-sme.2026", "cn.miit.little-giant.2026")  # fmt: skip


def test_no_raw_decimal_and_no_empty_value_cell(client, alice, alpha):
    client.force_login(alice)
    for pack_id in PACKS:
        response = client.get(reverse("assessment:self", args=[alpha.pk]) + f"?pack={pack_id}")
        html = response.content.decode()
        assert not re.search(r"\b0\.\d{5,}", html), pack_id
        document = next(d for d in response.context["documents"] if d["pack"]["id"] == pack_id)
        reading = [c["id"] for c in document["criteria"] if c["inputs"] or c["kind"] == "composition"]
        cells = re.findall(r'data-criterion="([a-z_0-9]+)">.*?<td class="num value">(.*?)</td>', html, re.S)
        shown = dict(cells)
        for criterion_id in reading:
            assert shown[criterion_id].strip() not in ("", "–"), (pack_id, criterion_id)
    assert "小型企业" in html or "中型企业" in html or "微型企业" in html
