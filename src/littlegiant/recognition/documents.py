"""The official documents of a round as PDF: the public notice (公示) and the recognition decision (认定文件),
each with its issuing body, number and date, listing the enterprises by the names they were published under.

reportlab's built-in CID font STSong-Light renders Chinese without shipping a font file (as certificates do).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from littlegiant.recognition.certificates import TIER_TITLES_ZH, chinese_font
from littlegiant.recognition.models import PublicNotice, RecognitionBatch

LINE = 7 * mm
MARGIN = 20 * mm


class _Writer:
    """Lines of text down A4 pages, a new page when one is full."""

    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4)
        self.pdf.setTitle(title)
        self.font = chinese_font()
        self.width, self.height = A4
        self.y = self.height - 30 * mm

    def centred(self, text: str, size: int) -> None:
        self.pdf.setFont(self.font, size)
        self.pdf.drawCentredString(self.width / 2, self.y, text)
        self.y -= size * 0.6 * mm + LINE

    def line(self, text: str, size: int = 11) -> None:
        self.pdf.setFont(self.font, size)
        # Wrap by characters: Chinese text has no spaces to break at.
        per_line = int((self.width - 2 * MARGIN) / (size * 0.36 * mm)) or 1
        for start in range(0, max(len(text), 1), per_line):
            if self.y < 25 * mm:
                self.pdf.showPage()
                self.y = self.height - 25 * mm
                self.pdf.setFont(self.font, size)
            self.pdf.drawString(MARGIN, self.y, text[start : start + per_line])
            self.y -= LINE

    def heading(self, title: str, number: str, issuer: str) -> None:
        """An official document's head: its title, its number line (编号 or 文号) and its issuing body."""
        self.centred(title, 16)
        self.centred(number, 10)
        self.line(f"发布单位：{issuer or '—'}")

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def finish(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def notice_pdf(notice: PublicNotice) -> bytes:
    """The public notice: number, issuer, period, text, the listed enterprises, and how to object."""
    writer = _Writer(f"{notice.number} · {notice.title}")
    writer.heading(notice.title, f"编号：{notice.number}", notice.issuer)
    writer.line(f"公示期：{notice.starts_on:%Y年%m月%d日} 至 {notice.ends_on:%Y年%m月%d日}")
    if notice.body:
        writer.line("")
        writer.lines(notice.body.splitlines())
    writer.line("")
    entries = notice.entries.select_related(
        "application__enterprise__region", "application__cluster__county"
    ).order_by("pk")
    for index, entry in enumerate(entries, start=1):
        cluster = entry.application.cluster
        if cluster is not None:
            writer.line(f"{index}. {cluster.name}（{cluster.county.name}）")
            continue
        enterprise = entry.application.enterprise
        writer.line(f"{index}. {enterprise.name}（{enterprise.credit_code}）{enterprise.region.name}")
    writer.line("")
    writer.line(f"联系电话：{notice.contact_phone or '—'}")
    writer.line(f"书面异议寄送地址：{notice.objection_address or '—'}")
    writer.line(f"{notice.issuer or ''}  {notice.starts_on:%Y年%m月%d日}")
    return writer.finish()


def decision_pdf(batch: RecognitionBatch) -> bytes:
    """The recognition decision: number, issuer, date, the recognised enterprises and their certificates."""
    writer = _Writer(f"{batch.number} · {batch.title}")
    writer.heading(batch.title, f"文号：{batch.number}", batch.issuer)
    writer.line(f"认定日期：{batch.decided_on:%Y年%m月%d日}")
    titles = batch.recognitions.select_related("cluster__county").order_by("pk")
    first = titles.first()
    if first is not None:
        holders = "集群" if first.cluster_id else "企业"
        writer.line(
            f"经审核，下列{holders}被认定为{TIER_TITLES_ZH[first.tier]}，"
            f"有效期自{first.valid_from:%Y年%m月%d日}起三年。"
        )
    writer.line("")
    for index, title in enumerate(titles, start=1):
        # A cluster has no credit code: the county it lies in identifies it (criteria.md §8.2).
        identity = title.cluster.county.name if title.cluster_id else title.credit_code
        writer.line(f"{index}. {title.holder_name}（{identity}） 证书编号：{title.certificate_number}")
    writer.line("")
    writer.line(f"{batch.issuer or ''}  {batch.decided_on:%Y年%m月%d日}")
    return writer.finish()
