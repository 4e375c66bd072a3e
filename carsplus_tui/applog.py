"""The log file: a rotating file in the per-user log folder (or CARSPLUS_LOG_DIR), every line with the passwords
of URLs masked. Tracebacks go here, never to the agent's screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from platformdirs import user_log_path

from carsplus_tui.settings import APP_NAME, Settings

LOG_FILE = "carsplus.log"
KEY_TRACE = "carsplus.keys"  # the logger of CARSPLUS_KEY_TRACE (tui/typeahead.py)
MAX_BYTES = 1_000_000
BACKUPS = 5


class MaskingFormatter(logging.Formatter):
    """Formats a record (message and traceback) and masks every password in the result."""

    def format(self, record: logging.LogRecord) -> str:
        from carsplus_tui.services.faults import mask_secrets

        return mask_secrets(super().format(record))


def log_dir(settings: Settings) -> Path:
    return settings.log_dir or user_log_path(APP_NAME, appauthor=False)


def configure_logging(settings: Settings) -> Path | None:
    """Send the `carsplus` logger to the rotating log file; the file's path (None when the folder cannot be
    written: the program goes on without a log rather than not at all)."""
    logger = logging.getLogger("carsplus")
    logging.getLogger(KEY_TRACE).setLevel(logging.DEBUG if settings.key_trace else logging.NOTSET)
    path = log_dir(settings) / LOG_FILE
    for handler in list(logger.handlers):
        if getattr(handler, "carsplus_log", False):
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.carsplus_log = True  # type: ignore[attr-defined]
    handler.setFormatter(MaskingFormatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if settings.key_trace:  # (the keys typed before this line, while the program was starting, are not traced)
        logging.getLogger(KEY_TRACE).info("key trace on")
    return path
