"""Who may add and remove reports: the directors. Everyone else reads.

Where Streamlit's secrets configure an identity provider (`[auth]`, OpenID Connect), `st.login` signs a
person in and the allowed accounts (secrets `socdash.directors`, else `SOCDASH_DIRECTORS`: e-mail addresses,
comma-separated) say who is a director. Else, a password (`SOCDASH_ADMIN_PASSWORD`, else secrets
`socdash.admin_password`) signs a session in; it is compared in constant time, and every wrong attempt on
the server makes the next one wait longer (up to a cap), so that guessing it is slow whoever guesses. With
neither configured there is no sign-in and no page to add reports.
"""
from __future__ import annotations

import hmac
import os
import threading
import time
from typing import Callable

import streamlit as st

OIDC = "oidc"
PASSWORD = "password"
# The session's sign-in by password (st.user holds an identity provider's).
_SIGNED_IN = "_director_signed_in"
# The wait before the next check after n wrong attempts: 1 s, 2 s, 4 s, … at most this.
LONGEST_WAIT_SECONDS = 30.0


def _secret(section: str, key: str):
    """A value of Streamlit's secrets, None where there is no secrets file or no such value."""
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        value = st.secrets.get(section)
        return value.get(key) if key and hasattr(value, "get") else value
    except Exception:  # a secrets file that cannot be parsed configures nothing
        return None


def _oidc_configured() -> bool:
    return bool(_secret("auth", ""))


def admin_password() -> str | None:
    return os.environ.get("SOCDASH_ADMIN_PASSWORD") or _secret("socdash", "admin_password") or None


def directors() -> set[str]:
    """The accounts (e-mail addresses, lower case) that are directors."""
    given = _secret("socdash", "directors")
    if given is None:
        given = os.environ.get("SOCDASH_DIRECTORS", "")
    items = given.split(",") if isinstance(given, str) else list(given)
    return {str(item).strip().lower() for item in items if str(item).strip()}


def sign_in_method() -> str | None:
    """OIDC where an identity provider is configured, else PASSWORD where a password is, else None (no
    page to add reports)."""
    if _oidc_configured():
        return OIDC
    if admin_password():
        return PASSWORD
    return None


def _account() -> str | None:
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or "").strip().lower() or None
    except (AttributeError, KeyError):
        pass
    return None


def is_director() -> bool:
    method = sign_in_method()
    if method == OIDC:
        return _account() in directors()
    return method == PASSWORD and st.session_state.get(_SIGNED_IN) is True


def who() -> str:
    """How the ingest log names what a director does here: "dashboard", with the account where one is known."""
    account = _account() if sign_in_method() == OIDC else None
    return f"dashboard ({account})" if account else "dashboard"


class WrongAttempts:
    """The server's count of wrong passwords since the last right one; each makes the next check wait."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep):
        self._lock = threading.Lock()
        self._check = threading.Lock()  # one check at a time: parallel guesses wait their turn
        self.failures = 0
        self._sleep = sleep

    def wait_seconds(self) -> float:
        """The wait before the next check."""
        return 0.0 if self.failures == 0 else min(2.0 ** (self.failures - 1), LONGEST_WAIT_SECONDS)

    def check(self, given: str, expected: str) -> bool:
        with self._check:
            self._sleep(self.wait_seconds())
            right = hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
            with self._lock:
                self.failures = 0 if right else self.failures + 1
            return right


ATTEMPTS = WrongAttempts()


def sign_in_with_password(given: str) -> bool:
    """Sign this session in when `given` is the password (after the wait the wrong attempts so far ask)."""
    expected = admin_password()
    if expected is None or not ATTEMPTS.check(given, expected):
        return False
    st.session_state[_SIGNED_IN] = True
    return True


def sign_out() -> None:
    st.session_state.pop(_SIGNED_IN, None)
    if sign_in_method() == OIDC and _account() is not None:
        st.logout()
