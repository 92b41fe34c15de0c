"""Reproducible measurement scripts (``make bench``, ``make load``); not part of the test suite.

They import the browser harness (``tests/harness``) and never a test module; their own tests
live in ``benchmarks/tests`` (collected by ``make test``), and no test under ``tests/`` imports
them.
"""
