"""The core demo creates one account per role, each listed for the sign-in page and signing in."""

from littlegiant.accounts.demo import DEMO_PASSWORD, demo_accounts
from littlegiant.accounts.models import User
from littlegiant.accounts.roles import roles_of
from littlegiant.enterprises.models import Enterprise


def test_one_account_per_role(small_demo):
    roles = {account.username: account.role_en for account in small_demo.accounts}
    assert roles == {
        "owner": "Enterprise owner",
        "delegate": "Enterprise delegate",
        "reviewer_hangzhou": "Municipal reviewer, Hangzhou",
        "reviewer_ningbo": "Municipal reviewer, Ningbo",
        "reviewer_zhejiang": "Provincial reviewer, Zhejiang",
        "reviewer_national": "National reviewer",
        "admin": "Platform administrator",
    }
    assert [account.username for account in demo_accounts()] == list(roles)


def test_every_account_signs_in_with_the_demo_password(client, small_demo):
    for account in small_demo.accounts:
        assert client.login(username=account.username, password=DEMO_PASSWORD), account.username


def test_the_roles_are_the_ones_the_accounts_are_named_for(small_demo):
    kinds = {user.username: [role.kind for role in roles_of(user)] for user in User.objects.all()}
    assert kinds["owner"] == ["enterprise"]
    assert kinds["delegate"] == ["enterprise"]
    assert kinds["reviewer_ningbo"] == ["reviewer"]
    assert kinds["admin"] == ["administrator"]


def test_the_municipal_reviewers_see_only_their_city(small_demo):
    hangzhou = Enterprise.objects.for_user(User.objects.get(username="reviewer_hangzhou"))
    assert hangzhou.exists()
    assert not hangzhou.exclude(region__path__startswith="330000/330100/").exists()
    national = Enterprise.objects.for_user(User.objects.get(username="reviewer_national"))
    assert national.count() == small_demo.enterprises
