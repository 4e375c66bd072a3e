"""Start to the sign-on screen, in a real terminal (tmux), against a bare Textual app started the same way in the
same run (target: ≤ 1.5× the bare app). The time runs from launching the command until its first screen shows.

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("BARE TEXTUAL READY")
Bare().run()
"""


def time_to_screen(command: list[str], marker: str, env: dict[str, str]) -> float:
    name = f"bench-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", name]
    settings = [a for k, v in env.items() if k.startswith("CARSPLUS_") for a in ("-e", f"{k}={v}")]
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", *settings,
                    " ".join(command)], check=True, env=env)
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run([*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if marker in shown:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{marker!r} never appeared")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed (apt-get install tmux)")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CARSPLUS_DATABASE_URL=f"sqlite:///{tmp}/start.db", CARSPLUS_DATA_DIR=tmp)
        subprocess.run([str(Path(sys.executable).parent / "carsplus"), "sample", "load"], env=env, check=True,
                       capture_output=True)
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine
            bare.append(time_to_screen([sys.executable, str(bare_script)], "BARE TEXTUAL READY", env))
            ours.append(time_to_screen([str(Path(sys.executable).parent / "carsplus")], "EMPLOYEE CODE", env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare Textual app to first screen:   median {b * 1000:6.0f} ms  ({', '.join(f'{t*1000:.0f}' for t in bare)})")
    print(f"carsplus to the sign-on screen:     median {o * 1000:6.0f} ms  ({', '.join(f'{t*1000:.0f}' for t in ours)})")
    print(f"ratio {o / b:.2f}x   target <= 1.5x: {'MET' if o / b <= 1.5 else 'NOT MET'}")


if __name__ == "__main__":
    main()
