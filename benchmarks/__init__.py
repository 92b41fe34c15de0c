"""Reproducible measurement scripts (``make bench``, ``make load``); not part of the test suite."""
