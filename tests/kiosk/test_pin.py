"""The kiosk's admin PIN: salted hashes, the back-off between wrong guesses, `hash-pin`, start-up refusal."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from guide_app.clinic.config import parse_config
from guide_app.kiosk.pin import (
    PinError,
    PinGuard,
    hash_pin,
    parse_pin_hash,
    read_new_pin,
    verify_pin,
    wait_after,
)
from guide_app.kiosk.settings import EXIT_CONFIG, KioskConfigError, kiosk_settings

FAST = 1000  # iterations: the format and the checks are the same, the tests stay quick


def test_hash_is_salted_self_describing_and_verifies():
    first, second = hash_pin("4321", iterations=FAST), hash_pin("4321", iterations=FAST)
    assert first != second  # a new salt every time
    scheme, iterations, _salt, _digest = first.split("$")
    assert (scheme, iterations) == ("pbkdf2_sha256", str(FAST))
    assert "4321" not in first
    assert verify_pin("4321", first) and verify_pin("4321", second)
    assert not verify_pin("4322", first) and not verify_pin("", first)


def test_default_strength_is_600000_iterations():
    assert parse_pin_hash(hash_pin("2468")).iterations == 600_000


@pytest.mark.parametrize(
    "stored",
    ["", "1234", "md5$1$a$b", "pbkdf2_sha256$x$AAAA$AAAA", "pbkdf2_sha256$10$AAAAAAAAAAAAAAAA$" + "A" * 43],
)
def test_malformed_hash_is_refused_and_matches_nothing(stored):
    with pytest.raises(PinError):
        parse_pin_hash(stored)
    assert not verify_pin("1234", stored)


@pytest.mark.parametrize("pin", ["", "12", "12 34", "1" * 65])
def test_unusable_new_pins_are_refused(pin):
    with pytest.raises(PinError):
        hash_pin(pin, iterations=FAST)


def test_back_off_doubles_after_the_first_wrong_pin_up_to_five_minutes():
    assert [wait_after(n) for n in range(1, 7)] == [0, 2, 4, 8, 16, 32]
    assert wait_after(30) == 300


def test_guard_makes_each_wrong_guess_wait_longer_and_refuses_guesses_while_waiting():
    now = [100.0]
    guard = PinGuard(parse_pin_hash(hash_pin("2468", iterations=FAST)), clock=lambda: now[0])
    assert not guard.check("1111") and guard.seconds_left() == 0
    assert not guard.check("1112") and guard.seconds_left() == 2
    assert not guard.check("2468")  # the right PIN, but too soon: not even tried
    assert guard.failures == 2
    now[0] += 2
    assert not guard.check("1113") and guard.seconds_left() == 4
    now[0] += 4
    assert not guard.check("1114") and guard.seconds_left() == 8
    now[0] += 8
    assert guard.check("2468") and guard.failures == 0 and guard.seconds_left() == 0


def test_read_new_pin_takes_the_first_line_of_a_pipe():
    assert read_new_pin(io.StringIO("2468\r\nignored\n")) == "2468"
    with pytest.raises(PinError, match="no PIN"):
        read_new_pin(io.StringIO(""))


def test_hash_pin_command_reads_stdin_and_prints_a_usable_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "guide_app", "hash-pin"], input="8642\n", capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.count("\n") == 0 and verify_pin("8642", line) and "8642" not in line
    config = parse_config(f'[kiosk]\nenabled = true\nadmin_pin = "{line}"\n')
    assert kiosk_settings(config).pin.matches("8642")


def test_hash_pin_command_refuses_a_short_pin_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "guide_app", "hash-pin"], input="12\n", capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "at least 4" in done.stderr


def test_kiosk_settings_only_when_asked_for():
    assert kiosk_settings(parse_config("")) is None
    assert kiosk_settings(parse_config("[kiosk]\nenabled = false\n")) is None


@pytest.mark.parametrize(
    "text, reason",
    [
        ("[kiosk]\nenabled = true\n", "needs an admin PIN"),
        ('[kiosk]\nenabled = true\nadmin_pin = "2468"\n', "not a PIN hash"),
        ("[kiosk]\nenabled = true\nadmin_pin = 2468\n", "must be text in quotes"),
    ],
)
def test_kiosk_without_a_usable_pin_refuses_to_start(text, reason):
    with pytest.raises(KioskConfigError, match=reason) as refused:
        kiosk_settings(parse_config(text))
    assert refused.value.exit_code == EXIT_CONFIG


def test_kiosk_option_without_a_pin_exits_with_one_line(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[clinic]\nname = 'A clinic'\n")
    done = subprocess.run(
        [sys.executable, "-m", "guide_app", "--kiosk", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == EXIT_CONFIG == 78
    assert done.stderr.strip().count("\n") == 0
    assert "hash-pin" in done.stderr and str(config) in done.stderr and "Traceback" not in done.stderr


def _hash_pin_at_a_terminal(first: str, again: str) -> tuple[int, str]:
    """Run `hash-pin` on a pseudo-terminal, answering its two prompts."""
    import os
    import pty
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the terminal as its controlling tty
        os.execv(sys.executable, [sys.executable, "-m", "guide_app", "hash-pin"])
    out = b""
    deadline = time.monotonic() + 30

    def read_until(token: bytes | None) -> None:
        nonlocal out
        while (token is None or token not in out) and time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child has ended
                return
            if not chunk:
                return
            out += chunk

    read_until(b"PIN: ")
    os.write(fd, first.encode() + b"\n")
    read_until(b"again: ")
    os.write(fd, again.encode() + b"\n")
    read_until(None)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace").replace("\r", "")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_hash_pin_at_a_terminal_asks_twice_without_echo():
    code, out = _hash_pin_at_a_terminal("8642", "8642")
    assert code == 0 and "8642" not in out  # the PIN is never shown
    assert verify_pin("8642", out.strip().splitlines()[-1])
    code, out = _hash_pin_at_a_terminal("8642", "8643")
    assert code == 1 and "differ" in out and "pbkdf2" not in out
