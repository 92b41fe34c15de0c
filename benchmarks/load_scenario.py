"""What one simulated reader does, over and over: map clicks, dates, filters, downloads, pages.

Each interaction is a real input event (mouse clicks at a region's pixel position, a key on
the date slider, options picked from the multiselects, text typed in the search box, a click
on the sidebar link) and counts as finished when Streamlit's rerun has finished, the page
has drawn (the harness's "settled" check) and the content the interaction should produce is
visible (the clicked region's name in the panel, the new date in the caption, the filter in
the URL, the other page's title). A download counts as finished when its file has arrived,
and its contents are checked against the page: the timeline's CSV must hold exactly the
events listed, the map's control CSV must be the one of the date on the slider. Anything
else, or a wait that runs out, is an error.

The selectors are the pages' visible labels and Streamlit's test ids (the same ones the
pages' e2e tests use), so a renamed label shows up here as an error, not as a silent skip.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import dataclasses
import io
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.load_browser import (
    POLL_MS,
    FrameLog,
    InteractionError,
    SessionEvents,
    last_change,
    map_point,
    open_page,
    page_clock,
    page_problems,
    runs_finished,
    wait_for_run_after,
)
from benchmarks.load_stats import Interaction
from tests.harness.browser import MAP_INDEX_JS

REPO_ROOT = Path(__file__).resolve().parents[1]
UNITS_FILE = REPO_ROOT / "data" / "geo" / "ukraine_admin1.geojson"
PLACES_FILE = REPO_ROOT / "data" / "places.csv"

#: Pages by url_path: the sidebar link's text and a title prefix that proves it is shown.
PAGE_TITLES = {
    "": ("Overview", "Russia–Ukraine peace talks"),
    "map": ("Map", "Map"),
    "timeline": ("Timeline", "Timeline"),
    "positions": ("Positions", "Who wants what"),
    "sources": ("Sources", "Sources and methodology"),
}
DATE_LABEL = "Date of the control map"
PICK_LABEL = "Show details for"
SEARCH_LABEL = "Search titles and descriptions"
SEARCH_WORDS = ("Kupyansk", "NATO", "Berlin", "Zaporizhzhia", "drone", "guarantee", "Donbas")
BACK_LABEL = "Back to overview"
#: After "Back to overview" the map re-fits the whole country (the zoom script looks again
#: 1.2 s after a fit): wait this long before measuring where a target is drawn.
ZOOM_SETTLE_S = 1.5
DOWNLOAD_BUTTONS = '[data-testid="stMain"] [data-testid="stDownloadButton"] button'
DOWNLOAD_ERROR = '[data-testid="stDownloadButtonError"]'
EVENTS_DOWNLOAD = "Download these events (CSV)"
CONTROL_DOWNLOAD = "Russian-controlled area by region"
#: The event ids the timeline lists (its items' keyed containers).
_LISTED_EVENTS_JS = """
() => [...document.querySelectorAll('[class*="st-key-timeline-item-"]')].map((element) =>
  [...element.classList].find((name) => name.startsWith('st-key-timeline-item-'))
    .slice('st-key-timeline-item-'.length))
"""

#: The map's hover state names the target (plotly picks the clicked point from it).
_HOVER_JS = """
([index, kind, key]) => {
  const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[index];
  return !!gd && (gd._hoverdata || []).some(
    (p) => Array.isArray(p.customdata) && p.customdata[0] === kind && p.customdata[1] === key);
}
"""
_HEADINGS_JS = """
() => [...document.querySelectorAll('[data-testid="stMain"] h3')].map(h => h.innerText.trim())
"""
_H1_JS = """
() => { const h = document.querySelector('[data-testid="stMain"] h1');
        return h ? h.innerText.trim() : ''; }
"""


@dataclass(frozen=True)
class Target:
    """A point on the map, what it selects and the name its panel heading must show.

    ``kind`` and ``key`` are the map traces' ``customdata`` (``["region", "UA-14"]``,
    ``["place", "kupyansk"]``): the hover check compares them.
    """

    kind: str
    key: str
    name: str
    lon: float
    lat: float


def candidate_points(shape: Any, count: int = 12) -> list[tuple[float, float]]:
    """Points inside a polygon, the most central first (pole of inaccessibility, then a grid)."""
    import shapely
    from shapely.ops import polylabel

    if shape.geom_type == "MultiPolygon":
        shape = max(shape.geoms, key=lambda part: part.area)
    centre = polylabel(shape, tolerance=0.01)
    points = [centre, shape.representative_point()]
    west, south, east, north = shape.bounds
    steps = 6
    grid = [
        shapely.Point(
            west + (east - west) * (i + 0.5) / steps, south + (north - south) * (j + 0.5) / steps
        )
        for i in range(steps)
        for j in range(steps)
    ]
    inside = [point for point in grid if shape.contains(point)]
    points += sorted(inside, key=lambda point: point.distance(centre))
    return [(point.x, point.y) for point in points[:count]]


def region_targets() -> list[tuple[Target, list[tuple[float, float]]]]:
    """Every Ukrainian unit with candidate points to click (verified by :func:`calibrate`).

    Names as the app shows them: through the spelling policy (Natural Earth's "Odessa" is
    headed "Odesa Oblast" in the panel).
    """
    import shapely

    from dashboard.datasets.geo import ukraine_units_geojson

    collection = ukraine_units_geojson(UNITS_FILE.parent)
    targets = []
    for feature in collection["features"]:
        props = feature["properties"]
        shape = shapely.geometry.shape(feature["geometry"])
        points = candidate_points(shape)
        name = str(props.get("name_en") or props["region_id"])
        lon, lat = points[0]
        targets.append((Target("region", str(props["region_id"]), name, lon, lat), points))
    return targets


def place_targets() -> list[Target]:
    """Every place marker (its own coordinates)."""
    import csv

    with PLACES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Target(
            "place",
            row["place_id"],
            row.get("name_en") or row["place_id"],
            float(row["lon"]),
            float(row["lat"]),
        )
        for row in rows
        if row.get("lon") and row.get("lat")
    ]


@dataclass
class Settings:
    """Knobs of the scenario shared by every session."""

    base_url: str
    deadline: float
    max_interactions: int
    timeout_ms: float = 60_000
    load_timeout_ms: float = 90_000
    fresh_every: int = 3
    clock: Callable[[], float] = time.perf_counter


@dataclass
class Shared:
    """State all sessions share: the interaction budget, results, calibrated targets."""

    settings: Settings
    regions: list[Target] = field(default_factory=list)
    places: list[Target] = field(default_factory=list)
    results: list[Interaction] = field(default_factory=list)
    known_probes: int = 0
    started: int = 0
    cut: int = 0
    #: Readers in the group, how many have drawn their first page, and the load's length.
    sessions: int = 1
    arrived: int = 0
    duration: float = 0.0
    all_in: asyncio.Event = field(default_factory=asyncio.Event)

    def arrive(self) -> None:
        """A reader has its first page; when the last one has, the timed window starts."""
        self.arrived += 1
        if self.arrived >= self.sessions:
            self.start_window()

    def start_window(self) -> None:
        """Start the load's window of ``duration`` seconds now (once)."""
        if not self.all_in.is_set():
            self.settings.deadline = self.settings.clock() + self.duration
            self.all_in.set()

    def take(self) -> bool:
        """Claim one interaction from the budget; False when the budget or time is spent."""
        if self.started >= self.settings.max_interactions:
            return False
        if self.settings.clock() >= self.settings.deadline:
            return False
        self.started += 1
        return True


class Session:
    """One simulated reader in its own browser context."""

    def __init__(
        self,
        number: int,
        page: Any,
        events: SessionEvents,
        shared: Shared,
        frames: FrameLog | None = None,
    ) -> None:
        self.number = number
        self.page = page
        self.events = events
        self.frames = frames
        self.shared = shared
        self.random = random.Random(1000 + number)
        self.current = ""
        self.cycles = 0
        #: Page-clock time (ms) the measured input happened; 0 for a new document.
        self.input_at: float | None = None
        #: time.monotonic() just before the measured input (or navigation).
        self.input_mono: float | None = None

    # ------------------------------------------------------------------ bookkeeping

    async def measure(self, kind: str, action: Callable[[], Awaitable[str]]) -> bool:
        """Run one interaction, time it, check the page for problems, record the result.

        Returns False when the interaction failed (the caller then reloads).
        """
        if not self.shared.take():
            raise _Stop
        settings = self.shared.settings
        started = settings.clock()
        self.input_at = None
        self.input_mono = time.monotonic()
        error: str | None = None
        detail = ""
        try:
            limit = max(settings.timeout_ms, settings.load_timeout_ms) / 1000 + 30
            detail = await asyncio.wait_for(action(), timeout=limit)
        except InteractionError as problem:
            error, detail = problem.kind, str(problem)[:300]
        except TimeoutError:
            error, detail = "timeout", "the interaction did not finish"
        except Exception as problem:
            error, detail = "exception in driver", f"{type(problem).__name__}: {problem}"[:300]
        elapsed = settings.clock() - started
        if error is None:
            try:
                visible = await page_problems(self.page)
                changed = await last_change(self.page)
            except Exception as problem:
                visible, changed = [f"page unavailable: {problem}"], None
            if visible:
                error, detail = "error on page", "; ".join(visible)[:300]
            elif changed is not None and self.input_at is not None and changed >= self.input_at:
                # The page's own clock: from the input to the last change of the page, without
                # the harness's quiet period and this driver's polling and scheduling delays.
                elapsed = (changed - self.input_at) / 1000
        recorded = self.events.drain()
        self.shared.known_probes += len(self.events.known_probes)
        self.events.known_probes.clear()
        if error is None and recorded:
            error, detail = recorded[0][0], "; ".join(text for _, text in recorded)[:300]
        server = None
        if self.frames is not None and self.input_mono is not None:
            now = time.monotonic()
            server = self.frames.server_seconds(self.input_mono, now)
            self.frames.forget_before(now)
        self.shared.results.append(
            Interaction(self.number, kind, started, elapsed, error, detail, server)
        )
        return error is None

    async def rerun(self, action: Callable[[], Awaitable[Any]]) -> None:
        """Perform ``action`` and wait until the rerun it caused has finished and drawn."""
        before = await runs_finished(self.page)
        self.input_at = await page_clock(self.page)
        self.input_mono = time.monotonic()
        await action()
        await wait_for_run_after(self.page, before, self.shared.settings.timeout_ms)

    async def expect(self, script: str, arg: Any, what: str) -> None:
        """Wait until the in-page ``script(arg)`` is truthy; an error names ``what``."""
        try:
            await self.page.wait_for_function(
                script, arg=arg, timeout=self.shared.settings.timeout_ms, polling=POLL_MS
            )
        except Exception:
            try:
                headings = await self.page.evaluate(_HEADINGS_JS)
                where = f"; at {self.page.url}, panel headings {headings}"
            except Exception:
                where = ""
            raise InteractionError("expected content missing", what + where) from None

    # ------------------------------------------------------------------ interactions

    async def open(self, url_path: str) -> str:
        """A new document: the page by its URL (a fresh Streamlit session)."""
        await open_page(
            self.page,
            self.events,
            self.shared.settings.base_url,
            url_path,
            timeout_ms=self.shared.settings.load_timeout_ms,
        )
        self.input_at = 0.0
        await self.expect_title(url_path)
        self.current = url_path
        return url_path or "overview"

    async def expect_title(self, url_path: str) -> None:
        """The page's h1 starts with its known title."""
        prefix = PAGE_TITLES[url_path][1]
        await self.expect(
            f"(p) => ({_H1_JS.strip()})().startsWith(p)", prefix, f"title “{prefix}…”"
        )

    async def switch(self, url_path: str) -> str:
        """Click the page's link in the sidebar (same session, no reload)."""
        link_text = PAGE_TITLES[url_path][0]
        link = self.page.locator('[data-testid="stSidebarNavLink"]', has_text=link_text)

        async def click() -> None:
            await link.first.click(timeout=self.shared.settings.timeout_ms)

        await self.rerun(click)
        await self.expect_title(url_path)
        self.current = url_path
        return f"→ {url_path or 'overview'}"

    async def first_in_view(
        self, targets: list[Target], index: int
    ) -> tuple[Target, tuple[float, float]] | None:
        """The first of ``targets`` inside the map's view, with its position, or None."""
        for target in targets:
            try:
                return target, await map_point(self.page, target.lon, target.lat, index)
            except InteractionError as problem:
                if problem.kind != "map point outside":
                    raise
        return None

    async def click_target(self, targets: list[Target], kind: str) -> str:
        """Click a region (or place) on the map; its name must head the detail panel.

        The mouse rests on the point until the map's hover state names the target (at most
        10 s; under load the browser may be slow to process the move), then clicks. Only a
        target in the map's view is clicked; when none is (the map zoomed to a selection
        far from every place), "Back to overview" is pressed first (the latency is measured
        from the click on the target).
        """
        if not targets:
            raise InteractionError("no target", f"no {kind} is visible on the map")
        headings = await self.page.evaluate(_HEADINGS_JS)
        choices = [t for t in targets if not any(t.name in h for h in headings)]
        index = await self.page.evaluate(MAP_INDEX_JS)
        if index < 0:
            raise InteractionError("map not found", "no plotly map on the page")
        # The map zooms to the selection: click a target that is in view now; when none is,
        # go back to the overview first (the whole map), as a reader would.
        order = self.random.sample(choices or targets, len(choices or targets))
        found = await self.first_in_view(order, index)
        if found is None:
            back = self.page.get_by_role("button", name=BACK_LABEL)
            if await back.is_enabled():
                await self.rerun(back.click)
                await asyncio.sleep(ZOOM_SETTLE_S)
                index = await self.page.evaluate(MAP_INDEX_JS)
                found = await self.first_in_view(order, index)
        if found is None:
            raise InteractionError("no target", f"no {kind} lies inside the map's view")
        target, (x, y) = found
        await self.page.mouse.move(x - 3, y - 3)
        await self.page.mouse.move(x, y, steps=3)
        with contextlib.suppress(Exception):
            await self.page.wait_for_function(
                _HOVER_JS, arg=[index, target.kind, target.key], timeout=10_000, polling=POLL_MS
            )
        await self.rerun(lambda: self.page.mouse.click(x, y))
        await self.expect(
            f"(name) => ({_HEADINGS_JS.strip()})().some(h => h.includes(name))",
            target.name,
            f"panel heading “{target.name}” after clicking {target.key}",
        )
        return target.key

    async def change_date(self) -> str:
        """Move the date slider by keyboard; the caption must show the slider's new date."""
        slider = self.page.get_by_role("slider", name=DATE_LABEL)
        before = await slider.get_attribute("aria-valuenow") or await slider.input_value()
        value, low, high = (
            int(before),
            int(await slider.get_attribute("min") or 0),
            int(await slider.get_attribute("max") or 0),
        )
        key = self.random.choice(("ArrowLeft", "ArrowRight", "PageUp", "PageDown"))
        if value <= low + 10:
            key = self.random.choice(("ArrowRight", "PageUp"))
        elif value >= high - 10:
            key = self.random.choice(("ArrowLeft", "PageDown"))
        await slider.focus()
        await self.rerun(lambda: self.page.keyboard.press(key))
        shown = await slider.get_attribute("aria-valuetext") or ""
        try:
            day = datetime.strptime(shown, "%d %b %Y").date()
        except ValueError:
            raise InteractionError("expected content missing", f"slider shows {shown!r}") from None
        caption = f"Showing {day.day} {day:%B %Y}"
        await self.expect(
            "(text) => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(text)",
            caption,
            f"caption “{caption}”",
        )
        return f"{key} → {day.isoformat()}"

    async def pick_option(self, label: str, expect_url_key: str) -> str:
        """Open a select box or multiselect by its label and pick a random other option.

        Options meaning "all" and the option shown now are left out, so the pick always
        changes the selection and puts ``expect_url_key`` in the URL.
        """
        box = self.page.get_by_role("combobox", name=label)
        shown = (await box.input_value()).strip()
        await box.click(timeout=self.shared.settings.timeout_ms)
        options = self.page.get_by_role("option")
        await options.first.wait_for(timeout=self.shared.settings.timeout_ms)
        names = [name.strip() for name in await options.all_inner_texts()]
        names = [name for name in names if name and name != shown and not name.startswith("All ")]
        if not names:
            await self.page.keyboard.press("Escape")
            raise InteractionError("expected content missing", f"{label} has no other option")
        name = self.random.choice(names)
        option = self.page.get_by_role("option", name=name, exact=True).first
        await self.rerun(option.click)
        await self.page.keyboard.press("Escape")
        await self.expect(
            "(key) => new URL(location.href).searchParams.has(key)",
            expect_url_key,
            f"“{expect_url_key}” in the URL after picking {name!r} in {label}",
        )
        return name

    async def multiselect(self, label: str, url_key: str) -> str:
        """Remove the chosen value if there is one, else add a random one."""
        remove = self.page.locator(
            f'[data-testid="stMultiSelect"]:has(input[aria-label="{label}"]) '
            'button[aria-label^="Remove "]'
        )
        if await remove.count():
            button = remove.first
            name = (await button.get_attribute("aria-label") or "").removeprefix("Remove ")
            await self.rerun(lambda: button.click())
            await self.expect(
                "(key) => !new URL(location.href).searchParams.has(key)",
                url_key,
                f"no “{url_key}” in the URL after removing {name!r}",
            )
            return f"− {name}"
        return "+ " + await self.pick_option(label, url_key)

    async def search(self) -> str:
        """Type a word in the timeline's search box (or clear it); the URL must follow."""
        box = self.page.get_by_role("textbox", name=SEARCH_LABEL)
        current = await box.input_value()
        word = "" if current else self.random.choice(SEARCH_WORDS)

        async def type_it() -> None:
            await box.fill(word)
            await box.press("Enter")

        await self.rerun(type_it)
        await self.expect(
            "(word) => (new URL(location.href).searchParams.get('q') || '') === word",
            word,
            f"q={word!r} in the URL",
        )
        return word or "(cleared)"

    async def fetch_download(self, label: str) -> tuple[str, str]:
        """Click the download button whose label starts with ``label``; its file name and text.

        The button makes its file when clicked (no rerun): the file must arrive, complete,
        with no error shown under the button.
        """
        settings = self.shared.settings
        button = self.page.locator(DOWNLOAD_BUTTONS).filter(has_text=label).first
        # Timed by the driver's clock until the file has arrived (input_at stays None: the
        # page's last DOM change, the button's spinner, says nothing about the file).
        self.input_mono = time.monotonic()
        try:
            async with self.page.expect_download(timeout=settings.timeout_ms) as info:
                await button.click(timeout=settings.timeout_ms)
            download = await info.value
        except Exception as problem:
            shown = await self.page.locator(DOWNLOAD_ERROR).all_inner_texts()
            reason = "; ".join(shown) or f"{type(problem).__name__}: {problem}"
            raise InteractionError("download failed", f"{label}: {reason}") from None
        failure = await download.failure()
        if failure:
            raise InteractionError("download failed", f"{label}: {failure}")
        text = Path(await download.path()).read_text(encoding="utf-8")
        await download.delete()
        return download.suggested_filename, text

    async def download_events(self) -> str:
        """Download the timeline's CSV: exactly the events the page lists."""
        listed = await self.page.evaluate(_LISTED_EVENTS_JS)
        if not listed:
            return "(no event listed, no download offered)"
        name, text = await self.fetch_download(EVENTS_DOWNLOAD)
        rows = [row.get("event_id", "") for row in csv.DictReader(io.StringIO(text))]
        if name != "timeline_events.csv" or sorted(rows) != sorted(listed):
            raise InteractionError(
                "wrong download", f"{name}: {len(rows)} events, the page lists {len(listed)}"
            )
        return f"{len(rows)} events"

    async def download_control(self) -> str:
        """Download the map's control CSV: the one of the date the slider shows."""
        slider = self.page.get_by_role("slider", name=DATE_LABEL)
        shown = await slider.get_attribute("aria-valuetext") or ""
        try:
            day = datetime.strptime(shown, "%d %b %Y").date()
        except ValueError:
            raise InteractionError("expected content missing", f"slider shows {shown!r}") from None
        name, text = await self.fetch_download(CONTROL_DOWNLOAD)
        rows = list(csv.DictReader(io.StringIO(text)))
        wanted = f"control_by_region_{day:%Y%m%d}.csv"
        if name != wanted or not rows or "region_id" not in rows[0]:
            raise InteractionError(
                "wrong download", f"{name} with {len(rows)} rows, wanted {wanted} with regions"
            )
        return name

    # ------------------------------------------------------------------ the loop

    async def recover(self) -> None:
        """After an error: a fresh document on the map page (not measured)."""
        for _ in range(3):
            try:
                await open_page(
                    self.page,
                    self.events,
                    self.shared.settings.base_url,
                    "map",
                    timeout_ms=self.shared.settings.timeout_ms,
                )
                self.current = "map"
                self.events.drain()
                self.events.known_probes.clear()
                return
            except InteractionError:
                await asyncio.sleep(2)

    async def step(self, kind: str, action: Callable[[], Awaitable[str]]) -> None:
        """Measure one interaction; reload the map page when it failed."""
        if not await self.measure(kind, action):
            await self.recover()

    def round_steps(self) -> list[tuple[str, str, Callable[[], Awaitable[str]]]]:
        """One round of the reader: (interaction, page it happens on, action)."""
        regions, places = self.shared.regions, self.shared.places
        steps: list[tuple[str, str, Callable[[], Awaitable[str]]]] = [
            ("click region", "map", lambda: self.click_target(regions, "region")),
            ("change map date", "map", self.change_date),
            ("map download", "map", self.download_control),
            ("click region", "map", lambda: self.click_target(regions, "region")),
        ]
        if places and self.random.random() < 0.5:
            steps.append(("click place", "map", lambda: self.click_target(places, "place")))
        steps += [
            ("timeline party", "timeline", lambda: self.multiselect("Parties", "party")),
            ("timeline kind", "timeline", lambda: self.multiselect("Kinds of event", "kind")),
            ("timeline search", "timeline", self.search),
            ("timeline download", "timeline", self.download_events),
            ("positions issue", "positions", lambda: self.pick_option("Issue", "issue")),
        ]
        return steps

    async def run(self) -> None:
        """Arrive, then go round until the time or the budget is spent.

        Each session starts its first round at a different step (so every kind of
        interaction is measured while all sessions run) and switches page through the
        sidebar whenever the next step is on another page.
        """
        shared = self.shared
        try:
            # Arrival: every reader opens the map first (measured apart); the timed window
            # starts when the last one has drawn it, so it is spent at full concurrency.
            await self.step("open map page (arrival)", lambda: self.open("map"))
            shared.arrive()
            await shared.all_in.wait()
            offset = self.number
            while True:
                steps = self.round_steps()
                if self.cycles and self.cycles % shared.settings.fresh_every == 0:
                    await self.step("open map page", lambda: self.open("map"))
                for kind, page, action in steps[offset % len(steps) :]:
                    if self.current != page:
                        await self.step("switch page", lambda page=page: self.switch(page))
                    await self.step(kind, action)
                offset = 0
                self.cycles += 1
        except _Stop:
            return


class _Stop(Exception):
    """The time or the interaction budget is spent."""


async def calibrate(page: Any, events: SessionEvents, shared: Shared) -> list[str]:
    """Find, for each region and place, a point on the visible map that hovers it.

    Moves the mouse over the candidate points and keeps the first whose hover state names
    the target (a region's central point may lie under a place marker). Targets without such
    a point are left out; returns their keys.
    """
    await open_page(page, events, shared.settings.base_url, "map")
    index = await page.evaluate(MAP_INDEX_JS)
    if index < 0:
        raise RuntimeError("the map page shows no plotly map")
    candidates = region_targets() + [(place, [(place.lon, place.lat)]) for place in place_targets()]
    missed = []
    for target, points in candidates:
        found = None
        for lon, lat in points:
            try:
                x, y = await map_point(page, lon, lat, index)
            except InteractionError:
                continue
            await page.mouse.move(x - 3, y - 3)
            await page.mouse.move(x, y, steps=3)
            try:
                await page.wait_for_function(
                    _HOVER_JS, arg=[index, target.kind, target.key], timeout=1500, polling=POLL_MS
                )
            except Exception:
                continue
            found = dataclasses.replace(target, lon=lon, lat=lat)
            break
        if found is None:
            missed.append(target.key)
        elif found.kind == "region":
            shared.regions.append(found)
        else:
            shared.places.append(found)
    events.drain()
    events.known_probes.clear()
    return missed
