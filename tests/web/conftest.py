"""What the browser-mode tests share: `carsplus serve` running as a subprocess on the test database."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


UNVERIFIED = ssl._create_unverified_context()  # the tests' own self-signed certificate


@pytest.fixture
def served(sample_db, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:  # noqa: ANN001
    """`carsplus serve` on a free loopback port, on the test database, with a data folder of its own (and the
    options a test gives with `indirect` parametrisation). Killed with every session it started (its own process
    group), whatever the test's outcome. `@pytest.mark.serve_env(CARSPLUS_X="...")` adds settings ("{tmp_path}" in a
    value: the test's folder)."""
    extra = [str(a) for a in getattr(request, "param", ())]
    if "--tls" in extra:  # a self-signed certificate of its own
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                       timeout=60)
        extra[extra.index("--tls"):extra.index("--tls") + 1] = ["--certfile", str(cert), "--keyfile", str(key)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARSPLUS_")}
    env |= {"CARSPLUS_DATABASE_URL": sample_db.engine.url.render_as_string(hide_password=False),
            "CARSPLUS_DATA_DIR": str(tmp_path / "data")}
    for marker in request.node.iter_markers("serve_env"):
        env |= {name: value.format(tmp_path=tmp_path) for name, value in marker.kwargs.items()}
    sample_db.dispose()  # the served app is the one writing; the test reads afterwards through a fresh pool
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([BIN / "carsplus", "serve", "--host", "127.0.0.1", "--port", str(port), *extra],
                                   env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    scheme = "https" if "--certfile" in extra else "http"
    served = Served(f"{scheme}://127.0.0.1:{port}/", process, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"carsplus serve ended with {process.returncode}:\n{served.output()}")
            with suppress(OSError):  # not listening yet
                with urllib.request.urlopen(served.url, timeout=2, context=UNVERIFIED) as response:
                    if response.status == 200:
                        break
            if time.monotonic() > deadline:
                pytest.fail(f"carsplus serve did not answer on {served.url}:\n{served.output()}")
            time.sleep(0.1)
        yield served
    finally:
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue


