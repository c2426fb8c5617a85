"""The engine's version (also the wheel's)."""

__version__ = "0.2.0"
