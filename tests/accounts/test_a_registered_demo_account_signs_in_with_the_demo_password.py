"""register_demo_account gives the user the demo password and records the role, once per user."""

from littlegiant.accounts import models
from littlegiant.accounts.demo import DEMO_PASSWORD, DemoAccount, demo_accounts, register_demo_account
from tests.cast import make_user


def test_the_user_signs_in_with_the_demo_password(client, db):
    user = make_user("delegate")
    account = register_demo_account(user, "Enterprise delegate", "企业经办人")
    assert account == DemoAccount("delegate", "Enterprise delegate", "企业经办人", "")
    assert client.login(username="delegate", password=DEMO_PASSWORD)


def test_registering_again_updates_rather_than_duplicates(db):
    user = make_user("delegate")
    register_demo_account(user, "Delegate", "经办人")
    register_demo_account(user, "Enterprise delegate", "企业经办人", "applies")
    assert models.DemoAccount.objects.count() == 1
    assert demo_accounts() == [DemoAccount("delegate", "Enterprise delegate", "企业经办人", "applies")]
