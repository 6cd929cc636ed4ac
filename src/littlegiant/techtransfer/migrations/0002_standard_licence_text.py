"""The first version of the standard use-first-pay-later licence text (platform template, not an official form)."""

from datetime import date

from django.db import migrations

TEXT_ZH = """先使用后付费专利实施许可（标准文本 v1）

本文本为平台提供的标准许可文本，不是国家规定的格式合同；“先使用后付费”的免费期长度和付费方式由双方约定，国家层面未见统一规定（待核实）。

一、许可范围。许可方（专利权人高校或科研院所）许可被许可方（点击接受本文本的企业）在约定地域内实施所列专利，制造、使用、销售许可产品。独占或普通许可以挂牌信息所列为准。
二、免费期。自接受之日起，在挂牌所列的月数内，被许可方免费实施专利。免费期结束前平台提醒被许可方。
三、付费。免费期结束后，被许可方按挂牌所列方式付费：许可产品净销售额的百分比、利润的百分比（亏损期间不付费，亦不退费）或固定年费（不足一年按天折算）；设有年度上限的，每个许可年度累计付费不超过上限。
四、报告与结算。被许可方每期如实报告销售额或利润；平台按上述条款计算应付金额并出具结算单，被许可方在结算单所列日期前付款。
五、终止。任何一方可书面通知终止；专利权终止时许可自动终止；双方可协商将许可转为专利权转让。
六、记录。平台记录接受本文本的人员、企业、版本、时间、IP 地址和浏览器信息，作为订立许可的证据。
"""

TEXT_EN = """Use-first-pay-later patent licence (standard text v1)

This is the platform's standard licence text, not a form prescribed by national rules; the length of the free period and the way of paying under "use first, pay later" are agreed by the parties, and no uniform national rule has been confirmed.

1. Scope. The licensor (the university or research institute owning the patent) licenses the licensee (the enterprise accepting this text) to work the listed patent in the agreed territory: to make, use and sell licensed products. Whether the licence is exclusive is as stated in the listing.
2. Free period. From the day of acceptance, for the number of months stated in the listing, the licensee works the patent free of charge. The platform reminds the licensee before the free period ends.
3. Payment. After the free period the licensee pays as stated in the listing: a percentage of net sales of licensed products, a percentage of profit (nothing is due for a loss, and nothing is refunded), or a fixed annual fee (prorated by days for part of a year); where an annual cap is set, the total paid in each licence year does not exceed it.
4. Reports and statements. The licensee reports its sales or profit truthfully each period; the platform computes the amount due under these terms and issues a statement, payable by the date it shows.
5. Termination. Either party may terminate by written notice; the licence ends when the patent ends; the parties may agree to convert the licence into an assignment of the patent.
6. Record. The platform records who accepted this text, for which enterprise, which version, when, and from which IP address and browser, as evidence of the licence.
"""


def add_text(apps, schema_editor):
    LicenceText = apps.get_model("techtransfer", "LicenceText")
    LicenceText.objects.get_or_create(
        version="v1", defaults={"effective_on": date(2024, 1, 1), "text_zh": TEXT_ZH, "text_en": TEXT_EN}
    )


def remove_text(apps, schema_editor):
    apps.get_model("techtransfer", "LicenceText").objects.filter(version="v1", acceptances__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("techtransfer", "0001_initial")]
    operations = [migrations.RunPython(add_text, remove_text)]
