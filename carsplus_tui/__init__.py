"""CARS+ Damage Report Entry (DMGENT) re-created as a terminal application."""

__version__ = "0.1.0"
