"""Alignment: which segments of the two sides correspond."""
