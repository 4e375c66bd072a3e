"""Password hashing: argon2id (argon2-cffi) at OWASP's recommended parameters or above.

OWASP's Password Storage Cheat Sheet: argon2id with at least 19 MiB of memory, 2 iterations, 1 degree of
parallelism. Hashes made before (the standard library's scrypt, `scrypt$N$r$p$salt$digest`) still verify, and
`needs_rehash` says so, so the next successful sign-on stores an argon2id hash in their place.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import sys

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1. About 25-40 ms per check on this project's machine.
MEMORY_KIB = 19_456
TIME_COST = 2
PARALLELISM = 1
MIN_LENGTH = 8  # for every password set from now on (the sample data's demo passwords are older and shorter)



def _give_big_blocks_back() -> None:
    """Have glibc serve blocks of 1 MiB and more with mmap, and so hand them back to the system when freed.

    A password check takes ~19 MiB (argon2id; scrypt 16 MiB) in a worker thread. glibc raises its mmap threshold
    to the size of the first such block freed, so from the second check on the block comes from the thread's
    heap, and a freed block at the top of a thread's heap is never given back (malloc_trim does not trim those):
    each terminal kept 19-38 MiB it had used for a second at sign-on (benchmarks/memory.py). A fixed threshold
    stops that adjustment; Python's own objects are unaffected (its arenas are smaller and already use mmap)."""
    if sys.platform != "linux":
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, ...): its allocator behaves otherwise
        return
    m_mmap_threshold = -3  # from malloc.h
    libc.mallopt(m_mmap_threshold, 1024 * 1024)


_give_big_blocks_back()

_hasher = PasswordHasher(
    time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM, hash_len=32, salt_len=16, type=Type.ID
)
_SCRYPT = "scrypt"


class WeakPasswordError(ValueError):
    """A new password that does not meet the rules: the message says which."""


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"the password must be at least {MIN_LENGTH} characters")
    if password.strip() != password:
        raise WeakPasswordError("the password may not begin or end with a space")


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (no length rule here: the sample loader hashes its demo passwords too;
    `check_new_password` is the rule for passwords people choose)."""
    if not password:
        raise ValueError("the password may not be empty")
    return _hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(_SCRYPT + "$"):
        return _verify_scrypt(password, stored)
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True for a hash weaker than today's: any scrypt hash, or argon2 with lower parameters."""
    if not stored.startswith("$argon2id$"):
        return True
    try:
        return _hasher.check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


def _verify_scrypt(password: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
