"""Lockout under concurrency: 24 processes sign on to one code at the same instant with wrong passwords; at most
five passwords are checked against the stored hash, the code is locked, and the right password after them is
refused. Run with CARSPLUS_TEST_DATABASE_URL for PostgreSQL (where the row lock of the UPDATE does the work)."""

from __future__ import annotations

import multiprocessing
from datetime import datetime

import pytest

from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.services import passwords, sign_on
from tests.builders import PASSWORD, add_reference_data

PROCESSES = 24


def _attempt(url: str, barrier, results) -> None:  # noqa: ANN001
    """One terminal: wait for the others, then sign on as CLERK with a wrong password. Reports whether the password
    was checked against CLERK's own hash (an unknown or locked code is checked against a dummy instead)."""
    checked: list[bool] = []
    real_verify = passwords.verify_password

    def counting_verify(password: str, stored: str) -> bool:
        checked.append(stored != sign_on._dummy())
        return real_verify(password, stored)

    sign_on.verify_password = counting_verify  # this child process only
    db = Database(url)
    try:
        sign_on._dummy()  # hashed before the start, so the race is only the sign-on
        barrier.wait(60)
        try:
            sign_on.sign_on(db, "CLERK", "not-the-password")
            results.put("signed on")
        except sign_on.SignOnError as exc:
            results.put(("checked" if any(checked) else "not checked", str(exc)))
    finally:
        db.dispose()


def test_24_simultaneous_wrong_passwords_check_at_most_five_and_lock(db: Database) -> None:
    add_reference_data(db)
    url = db.engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    children = [context.Process(target=_attempt, args=(url, barrier, results)) for _ in range(PROCESSES)]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=120) for _ in children]
    for child in children:
        child.join(30)
    assert all(isinstance(o, tuple) and o[1] == sign_on.INVALID for o in outcomes), outcomes
    checked = sum(o[0] == "checked" for o in outcomes)
    assert 1 <= checked <= sign_on.MAX_FAILURES, outcomes
    print(f"\nsign-on race on {db.dialect}: {PROCESSES} wrong passwords at once, {checked} checked")
    with db.read() as session:
        clerk = reference.get_employee(session, "CLERK")
        assert clerk.locked_until is not None and clerk.locked_until > datetime.now()
    # The right password after them: refused, in the same words.
    with pytest.raises(sign_on.SignOnError, match=f"^{sign_on.INVALID}$"):
        sign_on.sign_on(db, "CLERK", PASSWORD)


def test_the_lock_ends_and_a_right_password_clears_the_count(db: Database) -> None:
    add_reference_data(db)
    start = datetime(2026, 1, 5, 9, 0)
    for _ in range(sign_on.MAX_FAILURES):
        with pytest.raises(sign_on.SignOnError):
            sign_on.sign_on(db, "CLERK", "wrong-one", now=start)
    with pytest.raises(sign_on.SignOnError, match=f"^{sign_on.INVALID}$"):
        sign_on.sign_on(db, "CLERK", PASSWORD, now=start + sign_on.LOCK_FOR / 2)
    assert sign_on.sign_on(db, "CLERK", PASSWORD, now=start + sign_on.LOCK_FOR).code == "CLERK"
    with db.read() as session:
        clerk = reference.get_employee(session, "CLERK")
        assert (clerk.failed_sign_ons, clerk.locked_until) == (0, None)


def test_an_old_scrypt_hash_is_replaced_by_argon2id_at_the_next_sign_on(db: Database) -> None:
    add_reference_data(db)
    # The hash format this program stored before argon2: scrypt N=2^14, r=8, p=1 of "counter-pass".
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = "$".join(["scrypt", "16384", "8", "1", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])
    with db.write() as session:
        reference.get_employee(session, "CLERK").password_hash = old
    with pytest.raises(sign_on.SignOnError):
        sign_on.sign_on(db, "CLERK", "wrong-password")
    with db.read() as session:
        assert reference.get_employee(session, "CLERK").password_hash == old  # only a right password re-hashes
    assert sign_on.sign_on(db, "CLERK", PASSWORD).code == "CLERK"
    with db.read() as session:
        stored = reference.get_employee(session, "CLERK").password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_password(PASSWORD, stored) and not passwords.needs_rehash(stored)
    assert sign_on.sign_on(db, "CLERK", PASSWORD).code == "CLERK"


def test_parameters_are_at_least_owasps() -> None:
    """OWASP Password Storage Cheat Sheet, argon2id: m >= 19 MiB, t >= 2, p >= 1."""
    assert passwords.MEMORY_KIB >= 19 * 1024 and passwords.TIME_COST >= 2 and passwords.PARALLELISM >= 1
