"""Diptych: a side-by-side article diff viewer."""

__version__ = "0.1.0"
