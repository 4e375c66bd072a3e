"""The running app as carsplus's own: screens and pop-ups reach its database, programs and sign-off through it.

Textual types `self.app` as any App; this names the one it is, for the type checker only (no screen imports the app
module at run time: the app imports the screens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from carsplus_tui.tui.app import CarsplusApp


def host(node: DOMNode) -> CarsplusApp:
    """The app `node` runs in."""
    return cast("CarsplusApp", node.app)
