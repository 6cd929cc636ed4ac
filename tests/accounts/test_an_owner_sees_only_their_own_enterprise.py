"""An enterprise member sees the enterprises they act for and nothing else."""

from django.contrib.auth.models import AnonymousUser

from littlegiant.enterprises.models import Enterprise


def test_alice_sees_only_alpha(alice, bob, alpha, beta):
    assert list(Enterprise.objects.for_user(alice)) == [alpha]


def test_bob_sees_only_beta(alice, bob, alpha, beta):
    assert list(Enterprise.objects.for_user(bob)) == [beta]


def test_someone_signed_out_sees_nothing(alpha, beta):
    assert not Enterprise.objects.for_user(AnonymousUser()).exists()
