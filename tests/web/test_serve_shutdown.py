"""Stopping `carsplus serve` always ends it: a session whose app does not quit when asked is killed after the grace
time (textual-serve alone would wait for it for ever, and IT's Ctrl+C or SIGTERM would hang)."""

from __future__ import annotations

import asyncio
import subprocess

import pytest

from carsplus_tui.tui import serve as serve_module


async def test_an_app_that_does_not_quit_is_killed_after_the_grace_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_module, "SHUTDOWN_GRACE_S", 0.5)
    server = serve_module.CarsplusServer(host="127.0.0.1", port=0)
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


async def test_sessions_that_end_when_asked_are_not_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_module, "SHUTDOWN_GRACE_S", 5)
    server = serve_module.CarsplusServer(host="127.0.0.1", port=0)
    other = await asyncio.create_subprocess_exec("sleep", "600", stdout=subprocess.DEVNULL)
    serve_module.APP_PROCESSES.add(other)
    task = asyncio.create_task(asyncio.sleep(600))
    server._sessions.add(task)
    await asyncio.sleep(0)
    await asyncio.wait_for(server.on_shutdown(None), timeout=20)  # type: ignore[arg-type]
    assert task.cancelled() and other.returncode is None
    other.kill()
    await other.wait()
