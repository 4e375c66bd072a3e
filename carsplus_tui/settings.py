"""Configuration from the environment (CARSPLUS_*), read once with pydantic-settings."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "carsplus"


def default_data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


class Settings(BaseSettings):
    """Everything IT may set. Each field is read from `CARSPLUS_<NAME>` (e.g. `CARSPLUS_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="CARSPLUS_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    # Empty means "the embedded SQLite file in data_dir"; a postgresql+psycopg:// URL puts many terminals on one server.
    database_url: str = ""
    # A CUPS queue name for `lp -d`; empty keeps prints in the spool folder only.
    printer: str = ""
    spool_dir: Path | None = None
    page_size: str = "LETTER"
    company_name: str = "CARS+ RENTALS"
    company_address: str = "1 AIRPORT DRIVE, TUCSON AZ 85706"
    company_signature: str = "CLAIMS DEPARTMENT"
    # DMS Activity: which connector (outbox | http), the outbox folder (empty: data_dir/dms-outbox), the HTTP DMS's
    # URL, its per-call timeout in seconds and retries, and whether this DMS partner takes payments at all.
    dms_connector: str = "outbox"
    dms_outbox_dir: Path | None = None
    dms_url: str = ""
    dms_timeout: float = 10.0
    dms_retries: int = 3
    dms_post_payments: bool = True
    # The outbox files' mode (octal, so a DMS job under another account can read them), the total seconds one export
    # may take (the receipts not reached stay Ready), and the circuit: after this many failures in a row the export
    # stops calling the DMS, for this many seconds (0 failures: no circuit).
    dms_outbox_mode: str = "0640"
    dms_export_budget: float = 60.0
    dms_circuit_failures: int = 3
    dms_circuit_reset: float = 30.0
    # Function keys this terminal does not send (e.g. "f10,f6"), replacing what terminfo says; "" = none missing.
    # The legend then shows the word typed at OPTION instead (tui/keys.py).
    missing_keys: str | None = None
    # Keys this site has moved, by the word typed at OPTION: "save=f11;history=ctrl+h" (`carsplus keys` lists them).
    # The legends show the new key; a name the app does not have stops it at start with one line.
    keymap: str = ""
    # Minutes without a key before the terminal signs off by itself (the report typed is kept as a draft); 0 = never.
    idle_minutes: float = Field(default=15.0, ge=0)
    # The log file's folder (empty: the per-user log folder); tracebacks go there, never to the screen.
    log_dir: Path | None = None
    # Every key's way through type-ahead (taken, held, handled, dropped after a refusal) in the log file, with its
    # terminal read, screen and field: for IT when a key went astray. Letters on a screen with a password are *;
    # the rest of what is typed (names, addresses) is in the log: on to diagnose, off again after.
    key_trace: bool = False
    # Seconds a database call waits for a lock another terminal holds (SQLite's busy wait, PostgreSQL's
    # lock_timeout) and, on PostgreSQL, for any one statement: then the agent gets a message, not a frozen screen.
    db_lock_timeout: float = 5.0
    db_statement_timeout: float = 30.0

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'carsplus.db'}"

    @property
    def resolved_spool_dir(self) -> Path:
        return self.spool_dir or (self.data_dir / "spool")

    @property
    def resolved_dms_outbox_dir(self) -> Path:
        return self.dms_outbox_dir or (self.data_dir / "dms-outbox")

    @property
    def uses_default_database(self) -> bool:
        return not self.database_url


def get_settings() -> Settings:
    """The settings as the environment says now (cheap to read; not cached, so tests and tools can change them)."""
    return Settings()
