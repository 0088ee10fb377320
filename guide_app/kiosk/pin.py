"""The kiosk's admin PIN: stored only as a salted hash, checked in constant time, guessed slowly.

No Qt here, so the rules (the hash format, the back-off between wrong guesses) are testable alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from guide_app.errors import GuideError

SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256; about a fifth of a second here
MIN_ITERATIONS, MAX_ITERATIONS = 1_000, 10_000_000
SALT_BYTES = 16
MIN_PIN_LENGTH, MAX_PIN_LENGTH = 4, 64
MAX_WAIT_SECONDS = 300.0


class PinError(GuideError):
    """A PIN, or a stored PIN hash, that cannot be used."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def check_new_pin(pin: str) -> str:
    """The PIN as it will be typed at the kiosk, or PinError saying what is wrong with it."""
    pin = pin.strip()
    if len(pin) < MIN_PIN_LENGTH:
        raise PinError(f"the PIN must have at least {MIN_PIN_LENGTH} characters")
    if len(pin) > MAX_PIN_LENGTH:
        raise PinError(f"the PIN must have at most {MAX_PIN_LENGTH} characters")
    if any(ch.isspace() or not ch.isprintable() for ch in pin):
        raise PinError("the PIN may not contain spaces or control characters")
    return pin


def read_new_pin(stream: TextIO) -> str:
    """A new PIN from `stream`: asked twice without echo at a terminal, else its first line."""
    if stream.isatty():
        import getpass

        try:
            first = getpass.getpass("New admin PIN: ")
            check_new_pin(first)
            again = getpass.getpass("The same PIN again: ")
        except EOFError:
            raise PinError("no PIN was given") from None
        if again != first:
            raise PinError("the two PINs differ; nothing was made")
        return check_new_pin(first)
    line = stream.readline()
    if not line:
        raise PinError("no PIN on standard input (give it on the first line)")
    return check_new_pin(line.rstrip("\r\n"))


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """The string to put in `[kiosk] admin_pin`: `pbkdf2_sha256$iterations$salt$hash` (base64)."""
    pin = check_new_pin(pin)
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    return f"{SCHEME}${iterations}${_b64(salt)}${_b64(_derive(pin, salt, iterations))}"


@dataclass(frozen=True)
class PinHash:
    """A parsed `admin_pin` value."""

    iterations: int
    salt: bytes
    digest: bytes

    def matches(self, pin: str) -> bool:
        """True for the right PIN; the comparison takes the same time whatever was typed."""
        return hmac.compare_digest(_derive(pin.strip(), self.salt, self.iterations), self.digest)


def parse_pin_hash(text: str) -> PinHash:
    """Read a stored hash, or PinError naming what is wrong (never the hash itself)."""
    parts = text.strip().split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise PinError(f"it is not a PIN hash made by 'guide-app hash-pin' (expected {SCHEME}$…)")
    try:
        iterations = int(parts[1])
        salt, digest = _unb64(parts[2]), _unb64(parts[3])
    except ValueError:
        raise PinError("the PIN hash is damaged; make a new one with 'guide-app hash-pin'") from None
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS or len(salt) < 8 or len(digest) != 32:
        raise PinError("the PIN hash is damaged; make a new one with 'guide-app hash-pin'")
    return PinHash(iterations, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` is the one `stored` was made from; a damaged hash matches nothing."""
    try:
        return parse_pin_hash(stored).matches(pin)
    except PinError:
        return False


def wait_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong PINs in a row: 0, 2, 4, 8, … up to five minutes."""
    if failures <= 1:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - 1))


class PinGuard:
    """Checks PINs and makes each wrong guess after the first wait longer than the last."""

    def __init__(self, stored: PinHash, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    def seconds_left(self) -> int:
        """Whole seconds before the next guess is taken (0: now)."""
        return max(0, math.ceil(self._locked_until - self._clock()))

    def check(self, pin: str) -> bool:
        """True for the right PIN. A guess made while still waiting is refused without being tried."""
        if self.seconds_left() > 0:
            return False
        if self._stored.matches(pin):
            self.failures = 0
            self._locked_until = 0.0
            return True
        self.failures += 1
        self._locked_until = self._clock() + wait_after(self.failures)
        return False
