"""The app's log file: details for whoever maintains the machine, never for the reader.

Nothing a visitor types or reads is written here: in kiosk mode an error is logged
by its type and stack only, without its message (which might quote a search).
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from guide_app.paths import user_data_dir

LOGGER = "guide_app"


def log_path() -> Path:
    return user_data_dir() / "guide-app.log"


def setup_logging() -> logging.Logger:
    logger = logging.getLogger(LOGGER)
    path = log_path()
    for old in list(logger.handlers):
        if getattr(old, "baseFilename", None) != str(path):  # the data folder moved (tests, a new user)
            logger.removeHandler(old)
            old.close()
    if not logger.handlers:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=512_000, backupCount=2, encoding="utf-8"
            )
        except OSError:
            handler = logging.NullHandler()  # a read-only home: carry on without a log
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None, *, private: bool = False
) -> Path:
    """Write an unexpected error to the log; `private` leaves out its message."""
    lines = traceback.format_tb(trace)
    headline = kind.__name__ if private else "".join(traceback.format_exception_only(kind, error)).strip()
    setup_logging().error("unexpected error: %s\n%s", headline, "".join(lines).rstrip())
    return log_path()
