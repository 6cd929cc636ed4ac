"""The patent search form offers the province and city of every institution; it reads them in one query, not one
per institution (the public search page is read by everyone in a season)."""

from littlegiant.reference.models import Region
from littlegiant.techtransfer.forms import SearchForm
from littlegiant.techtransfer.models import ResearchInstitution


def test_the_choices_take_the_same_queries_for_one_institution_or_eight(db, django_assert_num_queries):
    counties = list(Region.objects.filter(level="county", path__startswith="330000/").order_by("code")[:8])
    ResearchInstitution.objects.create(name="第一研究院", kind="institute", region=counties[0])
    with django_assert_num_queries(3) as one:
        SearchForm()
    for n, county in enumerate(counties[1:]):
        ResearchInstitution.objects.create(name=f"研究院{n}", kind="institute", region=county)
    with django_assert_num_queries(len(one.captured_queries)):
        form = SearchForm()
    cities = {c.path.split("/")[1] for c in counties}
    offered = {path for path, _name in form.fields["region"].choices if path}
    assert {f"330000/{city}/" for city in cities} <= offered and "330000/" in offered
