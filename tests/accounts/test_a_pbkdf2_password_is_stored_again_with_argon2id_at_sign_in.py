"""Passwords are stored with Argon2id at no less than OWASP's recommendation; a PBKDF2 password stored before
still signs in and is stored again with Argon2id (docs/operations.md, "Passwords")."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher, make_password

from tests.cast import PASSWORD


def test_a_new_password_is_argon2id_with_at_least_19_mib_and_two_passes(settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS

    encoded = make_password(PASSWORD)

    assert encoded.startswith("argon2$argon2id$")
    parameters = identify_hasher(encoded).decode(encoded)
    assert parameters["memory_cost"] >= 19 * 1024
    assert parameters["time_cost"] >= 2
    assert parameters["parallelism"] == 1


def test_a_pbkdf2_password_signs_in_and_is_stored_again_with_argon2id(client, alice, settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    # A hash as Django stored it before Argon2id came first (few iterations: the test only checks the upgrade).
    alice.password = PBKDF2PasswordHasher().encode(PASSWORD, "seasonsalt", iterations=1_000)
    alice.save(update_fields=["password"])

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$argon2id$v=19$m=32768,t=2,p=1$")


def test_a_wrong_password_against_a_pbkdf2_hash_is_refused_and_keeps_the_hash(client, alice, settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    stored = PBKDF2PasswordHasher().encode(PASSWORD, "seasonsalt", iterations=1_000)
    alice.password = stored
    alice.save(update_fields=["password"])

    response = client.post("/accounts/login/", {"username": "alice", "password": "not the password"})

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.password == stored
