"""Where a finished PDF goes: always into the spool folder, then to the local printer with ``lp -d QUEUE FILE``.

Nothing here raises for a printer problem. No printer set, no ``lp`` on the machine, a queue that refuses the job
or does not answer: the PDF stays in the spool folder and the one-line message for the green screen says why and
where it is.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from carsplus_tui import files
from carsplus_tui.domain.printing import PrintForm

from .context import FORM_NAMES, FORM_TITLES

__all__ = ["LP_TIMEOUT_S", "MESSAGE_WIDTH", "Sent", "keep_in_spool", "message_line", "send_to_printer", "short_path"]

log = logging.getLogger(__name__)

LP_TIMEOUT_S = 20.0  # lp only hands the job to the local CUPS daemon; longer than this, the daemon is stuck
MESSAGE_WIDTH = 78  # the green screen's message line


def keep_in_spool(pdf: bytes, spool_dir: Path, report_number: int, form: PrintForm, at: datetime) -> Path:
    """Write the PDF as ``<spool>/000044-sticker-20090722-143012.pdf``; a second print in the same second gets
    ``-2``, ``-3``, ... — a file is created exclusively, so no print ever overwrites another."""
    return keep_file(pdf, spool_dir, f"{report_number:06d}-{FORM_NAMES[form]}-{at:%Y%m%d-%H%M%S}")


def keep_file(pdf: bytes, folder: Path, stem: str) -> Path:
    """Write `<folder>/<stem>.pdf`, or `<stem>-2.pdf`, `-3` … when taken: created exclusively, never overwritten."""
    files.private_dir(folder)
    attempt = 1
    while True:
        path = folder / (f"{stem}.pdf" if attempt == 1 else f"{stem}-{attempt}.pdf")
        try:
            with os.fdopen(files.create_private(path), "wb") as handle:  # the owner's (and group's) only
                handle.write(pdf)
            return path
        except FileExistsError:
            attempt += 1


@dataclass(frozen=True, slots=True)
class Sent:
    """What ``lp`` made of a job: accepted, or the short reason why not (upper case, for the message line)."""

    accepted: bool
    reason: str = ""


def send_to_printer(path: Path, queue: str, *, timeout: float | None = None) -> Sent:
    """``lp -d QUEUE FILE``. Never raises: a missing ``lp``, a refusal or a hang becomes a reason."""
    lp = shutil.which("lp")
    if lp is None:
        return Sent(False, "LP NOT FOUND (NO CUPS)")
    try:
        result = subprocess.run(
            [lp, "-d", queue, str(path)],
            capture_output=True, text=True, timeout=LP_TIMEOUT_S if timeout is None else timeout,
            stdin=subprocess.DEVNULL, check=False,
        )
    except subprocess.TimeoutExpired:
        log.warning("lp -d %s %s: no answer in %ss", queue, path, timeout or LP_TIMEOUT_S)
        return Sent(False, f"PRINTER {queue} DID NOT ANSWER")
    except OSError as exc:
        log.warning("lp -d %s %s: %s", queue, path, exc)
        return Sent(False, "LP COULD NOT RUN")
    if result.returncode != 0:
        # lp's own words go to the log; the message line only has room for the verdict.
        log.warning("lp -d %s %s: exit %s: %s", queue, path, result.returncode, result.stderr.strip())
        return Sent(False, f"PRINTER {queue} REFUSED IT")
    return Sent(True)


def short_path(path: Path, room: int) -> str:
    """The path in at most `room` characters: the home folder as ``~``, then leading folders as ``...``, keeping
    the file name (the part a person looks for) as long as it fits."""
    text = str(path)
    if len(text) <= room:
        return text
    home = os.path.expanduser("~")
    if home not in ("", "/") and text.startswith(home + os.sep):
        text = "~" + text[len(home):]
        if len(text) <= room:
            return text
    parts = text.split(os.sep)
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        candidate = f"{part}{os.sep}{tail}"
        if len(f"...{os.sep}{candidate}") > room:
            break
        tail = candidate
    short = f"...{os.sep}{tail}"
    if len(short) <= room:
        return short
    return "..." + path.name[-(room - 3):] if room > 3 else path.name[:room]


def kept_line(prefix: str, path: Path, width: int | None = MESSAGE_WIDTH) -> str:
    """`prefix` and where the file is: shortened to the screen's message line (`width`), or whole (`None`) on the
    command line, where the agent has to find the file by what is printed."""
    return prefix + (str(path) if width is None else short_path(path, width - len(prefix)))


def kept_reason(queue: str | None, sent: Sent | None) -> str | None:
    """Why a print was kept in the spool folder instead of printed (upper case), or None when the printer took it."""
    if sent is not None and sent.accepted and queue:
        return None
    return ("NO PRINTER SET" if not queue or sent is None else sent.reason).upper()


def message_line(form: PrintForm, pdf_path: Path, queue: str | None, sent: Sent | None, *,
                 width: int | None = MESSAGE_WIDTH) -> str:
    """The message line after a print, upper case (the path as it is), at most `width` characters (None: the whole
    path, for the command line)."""
    title = FORM_TITLES[form]
    room = width or MESSAGE_WIDTH
    reason = kept_reason(queue, sent)
    if reason is None:
        text = f"{title} SENT TO PRINTER {str(queue).upper()}"
        return text if len(text) <= room else text[: room - 3] + "..."
    prefix = f"{reason} - KEPT IN "
    if len(prefix) > room - 20:  # a very long queue name: keep room for the file
        reason = reason[: room - 34] + "..."
        prefix = f"{reason} - KEPT IN "
    return kept_line(prefix.upper(), pdf_path, width)
