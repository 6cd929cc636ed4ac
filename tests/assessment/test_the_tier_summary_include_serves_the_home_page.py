from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

INCLUDE = Template('{% include "assessment/_tier_summary.html" with enterprise_id=enterprise_id %}')


def _render(user, enterprise_id):
    request = RequestFactory().get("/")
    request.user = user
    # In Chinese whatever language an earlier test of this worker left active.
    with translation.override("zh-hans"):
        return INCLUDE.render(Context({"request": request, "enterprise_id": enterprise_id}))


def test_a_member_sees_the_ladder(alice, alpha):
    html = _render(alice, alpha.pk)
    assert 'id="tier-summary"' in html
    assert "创新型中小企业" in html
