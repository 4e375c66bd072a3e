"""`carsplus audit verify` and the F9 HISTORY verdict: recompute the hash chains of notes and audit entries
(carsplus_tui/domain/chain.py) and name every break."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from carsplus_tui.db import chain as chain_repo
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.domain.chain import ChainResult

__all__ = ["ReportVerification", "history_verdict", "verify_all", "verify_report"]

VERIFIED = "AUDIT TRAIL VERIFIED"


@dataclass(frozen=True)
class ReportVerification:
    report_number: int
    chains: tuple[ChainResult, ...]

    @property
    def verified(self) -> bool:
        return all(c.verified for c in self.chains)

    @property
    def breaks(self) -> list[str]:
        return [b.message for c in self.chains for b in c.breaks]

    def lines(self) -> list[str]:
        """One line when every chain holds, else one line per break (the report number first on each)."""
        if self.verified:
            counted = ", ".join(f"{c.name} {c.entries}" for c in self.chains)
            return [f"REPORT {self.report_number}: {VERIFIED} ({counted})"]
        return [f"REPORT {self.report_number}: {message}" for message in self.breaks]


def _verify(db: Database, numbers: Sequence[int]) -> Iterator[ReportVerification]:
    with db.read() as session:
        for number, chains in chain_repo.verify_reports(session, numbers):
            yield ReportVerification(number, tuple(chains))


def verify_report(db: Database, report_number: int) -> ReportVerification:
    with db.read() as session:
        known = reports_repo.report_exists(session, report_number) or chain_repo.has_entries(session, report_number)
        if not known:
            raise ReportNotFoundError(report_number)
    return next(_verify(db, [report_number]))


def verify_all(db: Database) -> Iterator[ReportVerification]:
    """Every report's chains, in report order (a batch of reports read at a time)."""
    with db.read() as session:
        numbers = chain_repo.all_report_numbers(session)
    yield from _verify(db, numbers)


def history_verdict(db: Database, report_number: int) -> list[str]:
    """What F9 HISTORY shows above the entries: AUDIT TRAIL VERIFIED, or each break."""
    result = next(_verify(db, [report_number]))
    if result.verified:
        return [VERIFIED]
    return ["AUDIT TRAIL BROKEN:", *result.breaks]
