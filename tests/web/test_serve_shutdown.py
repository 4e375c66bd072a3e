"""Stopping `carsplus serve` always ends it: a session whose app does not quit when asked is killed after the grace
time (textual-serve alone would wait for it for ever, and IT's Ctrl+C or SIGTERM would hang)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from carsplus_tui.tui import serve as serve_module
from tests.web.conftest import Served


async def test_an_app_that_does_not_quit_is_killed_after_the_grace_time() -> None:
    server = serve_module.CarsplusServer(host="127.0.0.1", port=0, stop_grace=0.5)
    stuck = await asyncio.create_subprocess_exec("sleep", "600", stdout=subprocess.DEVNULL)
    serve_module.APP_PROCESSES.add(stuck)

    async def session() -> None:  # as textual-serve does: asked to stop, it waits for its app to end
        try:
            await asyncio.sleep(600)
        except asyncio.CancelledError:
            await stuck.wait()

    task = asyncio.create_task(session())
    server._sessions.add(task)
    await asyncio.sleep(0)
    await asyncio.wait_for(server.on_shutdown(None), timeout=20)  # type: ignore[arg-type]
    assert stuck.returncode is not None and task.done()


async def test_sessions_that_end_when_asked_are_not_killed() -> None:
    server = serve_module.CarsplusServer(host="127.0.0.1", port=0, stop_grace=5)
    other = await asyncio.create_subprocess_exec("sleep", "600", stdout=subprocess.DEVNULL)
    serve_module.APP_PROCESSES.add(other)
    task = asyncio.create_task(asyncio.sleep(600))
    server._sessions.add(task)
    await asyncio.sleep(0)
    await asyncio.wait_for(server.on_shutdown(None), timeout=20)  # type: ignore[arg-type]
    assert task.cancelled() and other.returncode is None
    other.kill()
    await other.wait()


# ----------------------------------------------------------------------------------------------------------------
# The real thing: `carsplus serve` as IT runs it, a session open on it, and a stop while its app will not quit.
# ----------------------------------------------------------------------------------------------------------------


def alive(pid: int) -> bool:
    """Running, or stopped: not gone, not a zombie waiting to be reaped (as the server's stop itself reads it)."""
    return serve_module.running(pid)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def app_processes(pid: int) -> list[int]:
    """The processes under `pid` running the app (`python -m carsplus_tui`), whatever is between them."""
    found = []
    for child in children(pid):
        with suppress(OSError):
            if b"carsplus_tui" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0"):
                found.append(child)
                continue
        found += app_processes(child)
    return found


@dataclass
class Tab:
    """A browser tab's session, as textual.js opens it: its WebSocket, read all the time as a browser does (and so
    answering the server's close), and the pid of the app serving it."""
    app: int
    closed: asyncio.Future[aiohttp.WSMessage]
    websocket: aiohttp.ClientWebSocketResponse  # what the tab sends: ["stdin", text] as textual.js does


@asynccontextmanager
async def session(served: Served) -> AsyncIterator[Tab]:
    """A tab signed on to nothing yet: the app shows its sign-on screen."""
    async with aiohttp.ClientSession() as client:
        origin = served.url.rstrip("/")
        async with client.ws_connect(served.url + "ws?width=80&height=24", headers={"Origin": origin}) as websocket:
            shown = b""
            async with asyncio.timeout(60):
                while b"EMPLOYEE" not in shown:
                    message = await websocket.receive()
                    assert message.type is aiohttp.WSMsgType.BINARY, (message, served.output())
                    shown += message.data
            [app] = app_processes(served.process.pid)
            closed: asyncio.Future[aiohttp.WSMessage] = asyncio.get_running_loop().create_future()

            async def read() -> None:
                while (message := await websocket.receive()).type is aiohttp.WSMsgType.BINARY:
                    pass  # the screen, drawn: what the browser would show
                closed.set_result(message)

            reading = asyncio.create_task(read())
            try:
                yield Tab(app, closed, websocket)
            finally:
                reading.cancel()


WATCHDOG = "carsplus: the sessions did not end within"  # the watchdog's line: the stop needed the last word


async def ended(served: Served, within: float) -> int:
    """The server's exit code (`within`: a bound for a loaded machine, not a speed asserted)."""
    try:
        code: int = await asyncio.to_thread(served.process.wait, within)
    except subprocess.TimeoutExpired:
        pytest.fail(f"carsplus serve still running {within:g} s after the stop:\n{served.output()}")
    return code


@pytest.mark.parametrize("served", [["--stop-grace", "1"]], indirect=True)
async def test_stopping_the_server_kills_a_session_whose_app_does_not_quit(served: Served) -> None:
    """The app of an open tab is stuck (stopped here): SIGTERM kills it after --stop-grace, the tab is told the session
    ended, and the server ends. Before the fix the kill hit the `sh -c` around the app, which kept the session's pipe
    open, and the server waited for ever (CI saw it: the server still running 45 s after SIGTERM)."""
    async with session(served) as tab:
        os.kill(tab.app, signal.SIGSTOP)
        served.process.send_signal(signal.SIGTERM)
        code = await ended(served, within=30)
        assert code == 0, served.output()
        assert not alive(tab.app)
        async with asyncio.timeout(10):
            message = await tab.closed
        assert (message.type, message.data) == (aiohttp.WSMsgType.CLOSE, aiohttp.WSCloseCode.OK)  # "SESSION ENDED"
    assert WATCHDOG not in served.output()  # the kill ended the session, not the watchdog


@pytest.mark.parametrize("served", [["--stop-grace", "1"]], indirect=True)
async def test_the_server_ends_even_when_a_session_cannot_be_closed(served: Served) -> None:
    """Past the grace and the close time, whatever still holds a session (here: the session's pipe kept open by another
    process after its app is killed), the watchdog ends the server, and says so in one line."""
    async with session(served) as tab:
        app = tab.app
        with open(f"/proc/{app}/fd/1", "wb"):  # noqa: ASYNC230 - a second writer keeps the pipe open after the kill
            os.kill(app, signal.SIGSTOP)
            served.process.send_signal(signal.SIGTERM)
            code = await ended(served, within=1 + serve_module.SHUTDOWN_CLOSE_S + 30)
    assert code == 0
    assert not alive(app)
    said = f"carsplus: the sessions did not end within {1 + serve_module.SHUTDOWN_CLOSE_S:g} s of the stop; ended them"
    assert said in served.output().splitlines()


async def test_a_second_ctrl_c_stops_the_server_at_once(served: Served) -> None:
    async with session(served) as tab:
        app = tab.app
        os.kill(app, signal.SIGSTOP)  # stopping would wait the default 10 s for it
        served.process.send_signal(signal.SIGINT)
        await asyncio.sleep(0.5)
        served.process.send_signal(signal.SIGINT)
        code = await ended(served, within=30)
    assert code == 0 and not alive(app)
    assert "carsplus: stopped at once (second Ctrl+C)" in served.output().splitlines()
    assert WATCHDOG not in served.output()


# ----------------------------------------------------------------------------------------------------------------
# A browser's keys carry the read of the pipe they came in, as a terminal's do (tui/burst_driver.py).
# ----------------------------------------------------------------------------------------------------------------


@pytest.mark.serve_env(CARSPLUS_KEY_TRACE="1", CARSPLUS_LOG_DIR="{tmp_path}/log")
async def test_a_browsers_keys_carry_the_read_they_came_in(served: Served, tmp_path: Path) -> None:
    """What the tab sends in one message (a burst, as xterm.js sends fast typing or a slow link delivers it) comes in
    one read of the session's pipe; the key trace shows every key of it with that read's number, and the next
    message's keys with a later one. Without the stamp a browser's keys carry none (read None)."""
    log = tmp_path / "log" / "carsplus.log"

    async def logged(text: str, count: int) -> list[str]:
        async with asyncio.timeout(60):
            while True:
                lines = [line for line in log.read_text().splitlines() if text in line] if log.exists() else []
                if len(lines) >= count:
                    return lines
                await asyncio.sleep(0.05)

    async def handled(count: int) -> list[str]:
        return await logged(" handled: ", count)

    async with session(served) as tab:
        await logged("key trace on", 1)  # the app's log is set up (as the database opens, behind the sign-on)
        await tab.websocket.send_json(["stdin", "DEMO\r"])
        burst = await handled(5)
        await tab.websocket.send_json(["stdin", "d"])
        later = (await handled(6))[5]
    reads = [line.split(": read ")[1].split(",")[0] for line in [*burst, later]]
    assert reads[0].isdigit() and reads[:5] == [reads[0]] * 5, burst
    assert reads[5].isdigit() and int(reads[5]) > int(reads[0]), later
