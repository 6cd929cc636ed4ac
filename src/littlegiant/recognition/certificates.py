"""Recognition certificates: an A4 PDF with the verification code and a QR code to the verification page.

reportlab's built-in CID font STSong-Light renders Chinese without shipping a font file.
"""

from __future__ import annotations

import io

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from littlegiant.recognition.models import Recognition, Tier

FONT = "STSong-Light"
TIER_TITLES_ZH = {
    Tier.INNOVATIVE_SME: "创新型中小企业",
    Tier.SRDI_SME: "专精特新中小企业",
    Tier.LITTLE_GIANT: "专精特新“小巨人”企业",
}


def chinese_font() -> str:
    """The CID font for Chinese text, registered with reportlab on first use."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def certificate_pdf(recognition: Recognition, *, verify_url: str) -> bytes:
    """The certificate as PDF bytes; `verify_url` is the public page its QR code points to."""
    font = chinese_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{recognition.holder_name} · {TIER_TITLES_ZH[recognition.tier]}")
    width, height = A4
    pdf.setLineWidth(2)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    pdf.setLineWidth(0.5)
    pdf.rect(18 * mm, 18 * mm, width - 36 * mm, height - 36 * mm)

    pdf.setFont(font, 30)
    pdf.drawCentredString(width / 2, height - 60 * mm, "证　书")
    pdf.setFont(font, 12)
    pdf.drawCentredString(width / 2, height - 70 * mm, "CERTIFICATE OF RECOGNITION")

    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, height - 100 * mm, recognition.holder_name)
    pdf.setFont(font, 12)
    pdf.drawCentredString(width / 2, height - 110 * mm, recognition.holder_identity_zh)
    pdf.setFont(font, 16)
    pdf.drawCentredString(width / 2, height - 130 * mm, "经审核，被认定为")
    pdf.setFont(font, 24)
    pdf.drawCentredString(width / 2, height - 145 * mm, TIER_TITLES_ZH[recognition.tier])

    pdf.setFont(font, 12)
    batch = recognition.batch
    lines = [
        f"证书编号：{recognition.certificate_number or '—'}",
        f"发证单位：{batch.issuer or '—'}" + (f"（{batch.number}）" if batch.number else ""),
        f"认定批次：{batch.title}",
        f"有效期：{recognition.valid_from:%Y年%m月%d日} 至 {recognition.valid_until:%Y年%m月%d日}",
        f"认定日期：{batch.decided_on:%Y年%m月%d日}",
        f"验证码：{recognition.certificate_code}",
    ]
    y = height - 168 * mm
    for line in lines:
        pdf.drawString(35 * mm, y, line)
        y -= 8 * mm

    qr = io.BytesIO()
    segno.make(verify_url, error="m").save(qr, kind="png", scale=6, border=2)
    qr.seek(0)
    pdf.drawImage(ImageReader(qr), width - 75 * mm, 30 * mm, 45 * mm, 45 * mm)
    pdf.setFont(font, 9)
    pdf.drawString(35 * mm, 35 * mm, "扫描二维码或访问以下网址，输入验证码核验本证书：")
    pdf.drawString(35 * mm, 30 * mm, verify_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
