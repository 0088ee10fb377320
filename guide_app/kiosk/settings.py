"""Kiosk mode's settings and exit codes, read from the config before any window exists.

A kiosk with no usable admin PIN must not start at all (nobody could ever leave it), so the
check happens here, with one clear line for the person setting it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide_app.clinic.config import Config
from guide_app.errors import GuideError
from guide_app.exit_codes import EXIT_ADMIN, EXIT_CONFIG, EXIT_CRASH, EXIT_SHUTDOWN  # noqa: F401 (the kiosk's, here too)
from guide_app.paths import default_config_path

if TYPE_CHECKING:
    from guide_app.kiosk.pin import PinHash


KIOSK_POINT_SIZE = 16.0  # the page text, larger than on a desk
KIOSK_UI_POINT_SIZE = 14  # buttons, lists and the search box


class KioskConfigError(GuideError):
    """Kiosk mode cannot start as configured; ends the process with EXIT_CONFIG."""

    exit_code = EXIT_CONFIG


@dataclass(frozen=True)
class KioskSettings:
    pin: PinHash
    idle_reset_seconds: int = 120
    countdown_seconds: int = 15
    allow_print: bool = False
    printed_copy: str = ""  # with printing off: how a visitor gets a printed copy (the clinic's words)
    hide_cursor: bool = False
    on_screen_keyboard: bool = True


def kiosk_settings(config: Config, *, forced: bool = False) -> KioskSettings | None:
    """The kiosk settings if kiosk mode is on (`--kiosk` or `[kiosk] enabled`), else None.

    Raises KioskConfigError when kiosk mode is on but no usable admin PIN is configured.
    """
    if not (forced or config.kiosk):
        return None
    where = config.path or default_config_path()
    stored = str(config.get("kiosk", "admin_pin")).strip()
    if not stored:
        why = next((f" ({p.message.split(';')[0]})" for p in config.problems if "'admin_pin'" in p.message), "")
        raise KioskConfigError(
            f"kiosk mode needs an admin PIN{why}: run 'guide-app hash-pin' and put what it prints in "
            f"[kiosk] admin_pin in {where}"
        )
    try:
        from guide_app.kiosk.pin import PinError, parse_pin_hash  # hashing loads only for a kiosk

        pin = parse_pin_hash(stored)
    except PinError as error:
        raise KioskConfigError(f"kiosk mode cannot start: [kiosk] admin_pin in {where}: {error}") from None
    return KioskSettings(
        pin=pin,
        idle_reset_seconds=int(config.get("kiosk", "idle_reset_seconds")),
        countdown_seconds=int(config.get("kiosk", "countdown_seconds")),
        allow_print=bool(config.get("kiosk", "allow_print")),
        printed_copy=str(config.get("kiosk", "printed_copy")).strip(),
        hide_cursor=bool(config.get("kiosk", "hide_cursor")),
        on_screen_keyboard=bool(config.get("kiosk", "on_screen_keyboard")),
    )
