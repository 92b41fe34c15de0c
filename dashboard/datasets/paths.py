"""Where the project's files live; every path can be overridden by an environment variable.

``DASHBOARD_DATA_DIR``   the curated tables (default: ``data/`` in the repository)
``DASHBOARD_SHARED_DIR`` the raw source material (default: ``../shared`` beside the repository)
``DASHBOARD_CACHE_DIR``  downloaded DeepStateMap snapshots, never committed (default: ``.cache/``)
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    """Folder with the curated CSV/YAML tables."""
    return _env_path("DASHBOARD_DATA_DIR", REPO_ROOT / "data")


def geo_dir() -> Path:
    """Folder with the generated, simplified Natural Earth layers."""
    return data_dir() / "geo"


def derived_dir() -> Path:
    """Folder with figures computed from DeepStateMap snapshots (committed)."""
    return data_dir() / "derived"


def shared_dir() -> Path:
    """Folder with the raw source material (article, Natural Earth, DeepStateMap)."""
    return _env_path("DASHBOARD_SHARED_DIR", REPO_ROOT.parent / "shared")


def natural_earth_dir() -> Path:
    """Folder with the full-detail Natural Earth extracts."""
    return shared_dir() / "geo" / "natural-earth"


def article_path() -> Path:
    """The article's text (read-only source material, never committed)."""
    return shared_dir() / "article" / "article.txt"


def cache_dir() -> Path:
    """Git-ignored folder for downloaded control snapshots."""
    return _env_path("DASHBOARD_CACHE_DIR", REPO_ROOT / ".cache")


def deepstate_cache_dir() -> Path:
    """Where daily DeepStateMap snapshots are cached (``deepstatemap_data_YYYYMMDD.geojson``)."""
    return cache_dir() / "deepstate" / "daily"
