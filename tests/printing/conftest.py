"""Fixtures of the printing tests: the sample data once per module, settings with a letterhead, and a throw-away CUPS
server with a PDF queue (Debian's cups and printer-driver-cups-pdf) for the one real print.

The CUPS server is set up once per session only when a test asks for it. Every step has a timeout; any failure —
no apt, not root, no network, cupsd refusing to start in a container — skips that test with the reason, never fails
or hangs the run. Set CARSPLUS_TEST_CUPS=0 to skip it without trying.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import DamageReportData
from carsplus_tui.printing import Letterhead, PrintContext, RentalInfo, page_size_points
from carsplus_tui.settings import Settings
from tests.builders import manual_example

PACKAGES = ("cups", "printer-driver-cups-pdf")  # cupsd, lp/lpadmin, and the cups-pdf backend with its PPD
QUEUE = "CARSPLUS_PDF"
AT = datetime(2010, 1, 29, 10, 30)  # the sample data's "today"


def _load_sample(database: Database) -> None:
    from carsplus_tui.services.sample import load_sample_data

    load_sample_data(database)


@pytest.fixture(scope="module")
def printing_db(database_factory) -> Iterator[Database]:  # noqa: ANN001
    """The shipped sample data, shared by a module's tests that only read (the session's "sample" template)."""
    database = database_factory.fresh(database_factory.template("sample", _load_sample))
    yield database
    database_factory.drop(database)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Every printing setting given explicitly, so a CARSPLUS_* variable on the machine cannot change a test."""
    return Settings(
        data_dir=tmp_path / "data",
        spool_dir=tmp_path / "spool",
        printer="",
        page_size="LETTER",
        company_name="DESERT WHEELS CAR RENTAL",
        company_address="400 E CONGRESS ST\\nTUCSON AZ 85701",
        company_signature="MARIA GARCIA\nCLAIMS MANAGER",
    )


def sample_context(**changes: object) -> PrintContext:
    """The manual's example report as a print sees it, without a database (for the letters' and dispatch tests)."""
    values = manual_example()
    values.update(
        report_number=44,
        renter={"name": "LAMPERT, JAMES", "address": "12 SHADYWOOD", "city": "ANY", "state": "SC", "zip": "29077"},
        vehicle={"unit_number": "001888", "licence": "102088", "make": "DODGE", "model": "CARAVAN", "year": 2007,
                 "owning_location": "TUS"},
        excess="1500.00", charge_on_ra="Y",
        our_repair_costs="410.00", misc_costs="100.00", third_party_costs="0.00", third_party_recovery="0.00",
        goodwill_deduction="10.00", maximum_liability="500.00", final_liability="500.00", excess_charged_ra="150.00",
        charge_refund_due="350.00", amount_charged="350.00", amount_outstanding="0.00",
    )
    values.update(changes)
    report = DamageReportData.model_validate(values)
    return PrintContext(
        report=report,
        letterhead=Letterhead("DESERT WHEELS CAR RENTAL", "400 E CONGRESS ST\\nTUCSON AZ 85701", "CLAIMS MANAGER"),
        page_size=page_size_points("LETTER"),
        printed_at=AT,
        rental=RentalInfo("A0001310", "C", date(2009, 4, 15), "TUS", date(2009, 7, 21), "TUS"),
        damage_types={"D": "DENT"},
    )


def pdf_text(pdf: bytes | Path) -> str:
    from io import BytesIO

    reader = PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


# --- a real CUPS server ----------------------------------------------------------------------------------------


@dataclass
class CupsServer:
    socket: Path
    queue: str
    output_dirs: tuple[Path, ...]
    error_log: Path

    def env(self) -> dict[str, str]:
        return {"CUPS_SERVER": str(self.socket), "LC_ALL": "C"}  # C: lpstat's answers are read in English

    def wait_for_output(self, stem: str, since: float, timeout: float = 20.0) -> Path | None:
        """The PDF cups-pdf wrote for a job whose title holds `stem` (lp titles a job with the file's name)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for folder in self.output_dirs:
                for name in glob.glob(str(folder / "*.pdf")):
                    path = Path(name)
                    try:
                        fresh = path.stat().st_mtime >= since - 1
                    except FileNotFoundError:
                        continue
                    if stem in path.name and fresh and path.stat().st_size > 0:
                        time.sleep(0.2)  # let cups-pdf finish writing
                        return path
            time.sleep(0.2)
        return None

    def log_tail(self) -> str:
        try:
            return " | ".join(self.error_log.read_text(errors="replace").strip().splitlines()[-3:])
        except OSError:
            return "(no error log)"


def _run(command: list[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL, check=False)


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr.strip() or result.stdout.strip()).splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def _install_cups() -> str | None:
    """Install the packages with apt-get; the reason when that cannot be done, else None."""
    if os.geteuid() != 0:
        return "cups is not installed and installing it needs root"
    if shutil.which("apt-get") is None:
        return "cups is not installed and there is no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "-y", "-q", "--no-install-recommends", "-o", "Dpkg::Use-Pty=0"]
    try:
        # Download first: stopping a download on a timeout is harmless, stopping dpkg is not.
        fetched = _run([*apt, "--download-only", "install", *PACKAGES], 90, env)
        if fetched.returncode != 0:
            updated = _run(["apt-get", "-q", "update"], 90, env)  # a fresh machine may have no package lists
            if updated.returncode != 0:
                return f"apt-get update failed: {_last_line(updated)}"
            fetched = _run([*apt, "--download-only", "install", *PACKAGES], 90, env)
            if fetched.returncode != 0:
                return f"apt-get could not download {' '.join(PACKAGES)}: {_last_line(fetched)}"
    except subprocess.TimeoutExpired:
        return "downloading cups took longer than 90 s"
    # Packages must not start the machine's own cupsd: Debian's policy-rc.d convention (exit 101 = do not start).
    policy = Path("/usr/sbin/policy-rc.d")
    made_policy = False
    if not policy.exists():
        policy.write_text("#!/bin/sh\n# written by carsplus-tui's tests while installing cups\nexit 101\n")
        policy.chmod(0o755)
        made_policy = True
    try:
        installed = _run([*apt, "install", *PACKAGES], 600, env)
    except subprocess.TimeoutExpired:
        return "installing cups took longer than 10 minutes"
    finally:
        if made_policy:
            policy.unlink(missing_ok=True)
    if installed.returncode != 0:
        return f"apt-get install failed: {_last_line(installed)}"
    return None


def _cups_pdf_outputs() -> tuple[Path, ...]:
    """Where cups-pdf may put a root-submitted job: its Out folder (default ${HOME}/PDF) or the anonymous one."""
    home = pwd.getpwuid(os.getuid()).pw_dir  # cups-pdf looks the job's user up; $HOME may say otherwise
    folders = [Path(home) / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    with suppress(OSError):  # no cups-pdf configuration: its default folders
        for line in Path("/etc/cups/cups-pdf.conf").read_text().splitlines():
            if line.startswith(("Out ", "AnonDirName ")):
                value = line.split(None, 1)[1].strip().replace("${HOME}", home)
                folders.insert(0, Path(value))
    return tuple(dict.fromkeys(folders))


CUPSD_CONF = """\
Listen {socket}
LogLevel warn
MaxLogSize 0
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {root}/etc
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/run
ServerKeychain {root}/ssl
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
SystemGroup root
FileDevice No
"""


def _start(root: Path) -> tuple[subprocess.Popen[bytes] | None, CupsServer | None, str]:
    cupsd = shutil.which("cupsd") or ("/usr/sbin/cupsd" if Path("/usr/sbin/cupsd").exists() else None)
    if cupsd is None or shutil.which("lp") is None or shutil.which("lpadmin") is None:
        return None, None, "cups is installed without cupsd, lp or lpadmin"
    ppds = sorted(glob.glob("/usr/share/ppd/cups-pdf/*.ppd"))
    if not ppds or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return None, None, "the cups-pdf backend or its PPD is missing"
    for folder in ("etc", "spool/tmp", "cache", "run", "ssl", "log"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)  # cupsd's filters run as the lp user and must reach the spool
    socket = root / "cups.sock"
    conf = root / "cupsd.conf"
    files = root / "cups-files.conf"
    conf.write_text(CUPSD_CONF.format(socket=socket))
    files.write_text(CUPS_FILES_CONF.format(root=root))
    server = CupsServer(socket, QUEUE, _cups_pdf_outputs(), root / "log" / "error_log")
    process = subprocess.Popen([cupsd, "-f", "-c", str(conf), "-s", str(files)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=(root / "log" / "cupsd.err").open("wb"),
                               start_new_session=True)
    env = {**os.environ, **server.env()}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = (root / "log" / "cupsd.err").read_text(errors="replace").strip()
            return process, None, f"cupsd exited ({process.returncode}): {err or server.log_tail()}"
        if socket.exists() and _run(["lpstat", "-r"], 5, env).stdout.strip() == "scheduler is running":
            break
        time.sleep(0.1)
    else:
        return process, None, f"cupsd did not answer within 10 s: {server.log_tail()}"
    ppd = next((p for p in ppds if p.endswith("CUPS-PDF_opt.ppd")), ppds[0])
    added = _run(["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", ppd], 15, env)
    if added.returncode != 0:
        return process, None, f"lpadmin could not add the PDF queue: {_last_line(added)}"
    # A probe job proves the whole chain (scheduler, filters, cups-pdf) before the test relies on it.
    probe = root / f"{root.name}-probe.pdf"  # unique: two runs on one machine share cups-pdf's output folder
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(probe))
    canvas.drawString(72, 720, "CARSPLUS CUPS PROBE")
    canvas.save()
    since = time.time()
    sent = _run(["lp", "-d", QUEUE, str(probe)], 15, env)
    if sent.returncode != 0:
        return process, None, f"the PDF queue refused a probe job: {_last_line(sent)}"
    output = server.wait_for_output(probe.stem, since, timeout=25)
    if output is None:
        return process, None, f"cups-pdf wrote no PDF for a probe job within 25 s: {server.log_tail()}"
    output.unlink(missing_ok=True)
    return process, server, ""


@pytest.fixture(scope="session")
def cups_server() -> Iterator[CupsServer]:
    """A private cupsd on a socket in a temporary folder, with the PDF queue CARSPLUS_PDF; skipped when it cannot
    run here (the reason is printed with the skip)."""
    if os.environ.get("CARSPLUS_TEST_CUPS", "1") == "0":
        pytest.skip("CARSPLUS_TEST_CUPS=0")
    if not (shutil.which("cupsd") or Path("/usr/sbin/cupsd").exists()) or not glob.glob(
        "/usr/share/ppd/cups-pdf/*.ppd"
    ):
        reason = _install_cups()
        if reason:
            pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="carsplus-cups-", dir="/tmp"))
    process: subprocess.Popen[bytes] | None = None
    try:
        try:
            process, server, reason = _start(root)
        except (OSError, subprocess.SubprocessError) as exc:
            server, reason = None, f"CUPS could not be set up: {exc}"
        if server is None:
            pytest.skip(reason)
        yield server
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def run(printing_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """`carsplus print …` on the printing database, spooling into this test's folder, no printer."""
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", printing_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("CARSPLUS_PRINTER", "")
    monkeypatch.setenv("CARSPLUS_PAGE_SIZE", "LETTER")
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "MGARCI")  # `print` signs on; view access prints every paper
    monkeypatch.setenv("CARSPLUS_PASSWORD", "mgarci")

    def invoke(*args: str):  # noqa: ANN202
        return CliRunner().invoke(main, ["print", *args], catch_exceptions=False)

    return invoke
