"""How the platform stores passwords: Argon2id, at a cost chosen for a web worker that also serves pages."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id with 32 MiB of memory, 2 passes and one lane (docs/operations.md, "Passwords").

    Above OWASP's first recommendation (Argon2id, 19 MiB, 2 passes, 1 lane) in memory, its cost that a GPU
    cannot cheapen. Django's own defaults (100 MiB, 8 lanes) cost a sign-in about 0.3 s of CPU, PBKDF2 with
    1,500,000 iterations about 0.5 s: with four web workers on two cores each sign-in held a worker and a core
    that long, and the pages queued behind it. One lane: the workers are the parallelism. The algorithm's name
    stays "argon2", so a change of these numbers makes Django store a password again at its next sign-in.
    """

    time_cost = 2
    memory_cost = 32 * 1024  # KiB
    parallelism = 1
