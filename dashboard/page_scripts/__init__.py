"""The dashboard's pages, in navigation order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation."""

    file_name: str
    title: str
    url_path: str
    icon: str
    default: bool = False

    @property
    def path(self) -> str:
        """Absolute path of the page script."""
        return str(PAGES_DIR / self.file_name)


PAGES = (
    PageSpec("overview.py", "Overview", "overview", ":material/home:", default=True),
    PageSpec("map.py", "Map", "map", ":material/map:"),
    PageSpec("deal.py", "What a deal would cost", "deal", ":material/handshake:"),
    PageSpec("timeline.py", "Timeline", "timeline", ":material/timeline:"),
    PageSpec("positions.py", "Positions", "positions", ":material/balance:"),
    PageSpec("sources.py", "Sources", "sources", ":material/menu_book:"),
)
