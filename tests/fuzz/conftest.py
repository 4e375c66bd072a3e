"""Adds up the fuzzed values the tests record (``record_property("fuzzed_values", n)``) into one summary line:
``fuzz: 100,008 values ...``. Works with xdist: the properties travel with each test's report to the controller
(the line shows when this folder is named on the command line, e.g. ``pytest tests/fuzz``)."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    total = 0
    tests = 0
    for report in terminalreporter.stats.get("passed", []):
        if report.when != "call":
            continue
        for name, value in getattr(report, "user_properties", ()):
            if name == "fuzzed_values":
                total += int(value)
                tests += 1
    if tests:
        terminalreporter.write_line(f"fuzz: {total:,} random values through the field validators and "
                                    f"`carsplus report import` in {tests} passing tests, none raised anything "
                                    "but the validation error")


@pytest.fixture
def make_app(sample_db):
    """The app on the sample data (as in tests/tui), for the regression test that drives it with real keys."""
    from carsplus_tui.tui.app import CarsplusApp

    return lambda **kwargs: CarsplusApp(sample_db, **kwargs)
