"""Builders for generated data: simplified map layers and DeepStateMap control figures.

Run ``python -m dashboard.build --help``. Modules: :mod:`.geo` (Natural Earth layers),
:mod:`.control` (fetching snapshots into the cache), :mod:`.areas` (control figures).
"""
