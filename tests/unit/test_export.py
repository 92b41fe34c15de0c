"""The static export: files, local plotly.js, safe embedding, no DeepStateMap geometry.

The asset pipeline itself (minifying, content-hashed names, compressed twins, the partial
plotly.js) is tested in ``test_export_assets.py``.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import shapely

from dashboard.datasets.paths import REPO_ROOT
from dashboard.export import __main__ as cli
from dashboard.export import content, embed, map_content, optimise, pages, preview, site
from dashboard.figures.accessibility import contrast_ratio
from dashboard.figures.maps import NARROW_VIEW
from dashboard.figures.style import STANCE_COLOURS
from dashboard.views import map as map_view
from dashboard.views.positions.records import on_record
from tests.deepstate import MAX_SHARED_VERTICES, deepstate_vertices, shared_vertex_count
from tests.harness.prose import plumbing

PAGES = ("index.html", "map.html", "deal.html", "timeline.html", "positions.html")
FIGURE_PAGES = ("map.html", "timeline.html", "positions.html")
#: The assets under their plain names; the export writes them content-hashed.
ASSETS = ("site.css", "site.js", "plotly.min.js")
HASHED = {
    "site.css": re.compile(r"site\.[0-9a-f]{10}\.css"),
    "site.js": re.compile(r"site\.[0-9a-f]{10}\.js"),
    "plotly.min.js": re.compile(r"plotly\.[0-9a-f]{10}\.min\.js"),
}
HOSTILE = '</script><script>alert("x")</script><!-- & </SCRIPT >'


@pytest.fixture(scope="module")
def inputs() -> content.Inputs:
    return site.load_inputs()


@pytest.fixture(scope="module")
def exported(inputs, tmp_path_factory) -> site.ExportResult:
    return site.export_site(tmp_path_factory.mktemp("export"), inputs)


@pytest.fixture(scope="module")
def documents(exported) -> dict[str, str]:
    return {name: exported.files[name].read_text(encoding="utf-8") for name in PAGES}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    parser.close()
    return parser


# --------------------------------------------------------------------------- files


def glyph_files() -> set[str]:
    """The map's glyph files as the export ships them (``app/static/glyphs/…``)."""
    return {
        f"{site.GLYPHS_AT}/{path.relative_to(site.GLYPHS).as_posix()}"
        for path in site.GLYPHS.rglob("*")
        if path.is_file()
    }


def expected_files(exported: site.ExportResult) -> set[str]:
    """The pages and the assets under their content-hashed names."""
    assert set(exported.assets) == set(ASSETS)
    for plain, name in exported.assets.items():
        assert HASHED[plain].fullmatch(name), (plain, name)
    return {*PAGES, *exported.assets.values()}


def test_export_writes_the_expected_files(exported) -> None:
    glyphs = glyph_files()
    assert any(name.endswith("/0-255.pbf") for name in glyphs)
    expected = expected_files(exported)
    assert set(exported.files) == expected | glyphs
    on_disk = {path.name for path in exported.folder.iterdir()}
    twins = {f"{name}{suffix}" for name in expected for suffix in (".gz", ".br")}
    assert on_disk == expected | twins | {"app"}  # the glyphs, where the map's style finds them
    assert all(size > 0 for size in exported.sizes().values())
    for name in glyphs:
        assert (exported.folder / name).read_bytes() == (
            site.GLYPHS / name.removeprefix(f"{site.GLYPHS_AT}/")
        ).read_bytes()


def test_plotly_is_written_once_and_referenced_locally_by_every_figure_page(
    exported, documents
) -> None:
    plotly_file = exported.assets["plotly.min.js"]
    assert exported.plotly is not None
    assert exported.files[plotly_file].read_bytes() == exported.plotly.path.read_bytes()
    bundle_marker = "plotly.js v"
    for name, document in documents.items():
        tags = [attrs for tag, attrs in parse(document).tags if tag == "script"]
        scripts = [attrs.get("src") for attrs in tags]
        # site.js loads plotly.js, named by its data-plotly attribute, once the page painted
        named = [attrs.get("data-plotly") for attrs in tags if "data-plotly" in attrs]
        expected = 1 if name in FIGURE_PAGES else 0
        assert named == [plotly_file] * expected, name
        assert plotly_file not in scripts, name
        assert all(a.get("src") == exported.assets["site.js"] for a in tags if "data-plotly" in a)
        assert bundle_marker not in document, f"{name} inlines plotly.js"
        assert exported.assets["site.js"] in scripts, name
    big = [name for name, size in exported.sizes().items() if size > 1_000_000]
    assert big == [plotly_file]


def test_no_remote_script_link_or_frame(documents, exported) -> None:
    for name, document in documents.items():
        for tag, attrs in parse(document).tags:
            if tag not in ("script", "link", "img", "iframe", "source", "embed", "object"):
                continue
            for attribute in ("src", "href", "data"):
                value = attrs.get(attribute, "").strip().lower()
                assert not value.startswith(("http:", "https:", "//")), (name, tag, value)
                assert "cdn." not in value, (name, tag, value)
        assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", document, re.I), name
    css = exported.files[exported.assets["site.css"]].read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css
    script = exported.files[exported.assets["site.js"]].read_text(encoding="utf-8")
    assert "https://" not in script and "http://" not in script


def test_pages_connect_to_nothing_but_their_own_site(documents) -> None:
    """Only the map's glyph files are fetched, from the site itself."""
    for name, document in documents.items():
        policy = next(
            attrs["content"]
            for tag, attrs in parse(document).tags
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
        )
        assert "connect-src 'self';" in policy, name
        assert "script-src 'self'" in policy, name
        assert "http" not in policy, name


def test_every_page_credits_its_sources(documents) -> None:
    for name, document in documents.items():
        for credit in ("DeepStateMap.Live", "Natural Earth", "GeoNames", "NZ Herald"):
            assert credit in document, f"{name} does not credit {credit}"
        assert "Russia: US has promised us Ukrainian territory" in document, name


def test_no_markup_shows_as_text(documents) -> None:
    """Plotly-label markup (``<br>``, ``<b>``) must not reach the page as escaped text."""
    for name, document in documents.items():
        for markup in ("&lt;br", "&lt;b&gt;", "&lt;i&gt;", "&amp;lt;", "&amp;amp;"):
            assert markup not in document, (name, markup)


def test_index_links_the_three_views(documents) -> None:
    links = {attrs.get("href") for tag, attrs in parse(documents["index.html"]).tags if tag == "a"}
    assert {"map.html", "timeline.html", "positions.html"} <= links


def test_controls_have_labels(documents) -> None:
    for name, document in documents.items():
        parsed = parse(document)
        labelled = {attrs.get("for") for tag, attrs in parsed.tags if tag == "label"}
        for tag, attrs in parsed.tags:
            if tag == "select" or (tag == "input" and attrs.get("type") == "search"):
                assert attrs.get("id") in labelled, (name, attrs)


# --------------------------------------------------------------------------- embedding


def test_embedding_escapes_what_could_close_the_script() -> None:
    value = {"title": HOSTILE, "line": "a\u2028b", "amp": "R&D"}
    text = embed.to_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value
    element = embed.json_script("data", text)
    assert element.count("</script>") == 1 and element.endswith("</script>")
    with pytest.raises(ValueError):
        embed.json_script("data", json.dumps(value))
    with pytest.raises(ValueError):
        embed.json_script('x" onload="', text)


def test_plain_converts_dates_numbers_and_missing_values() -> None:
    import numpy as np

    value = embed.plain(
        {"d": pd.Timestamp("2025-12-17"), "n": np.int64(3), "nan": float("nan"), "t": (1, 2)}
    )
    assert value == {"d": "2025-12-17", "n": 3, "nan": None, "t": [1, 2]}


def test_https_url_allows_only_plain_https() -> None:
    assert content.https_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "http://example.org", 'https://x.org/" onclick="', ""):
        assert content.https_url(bad) == ""


def test_hostile_text_in_the_data_stays_text(inputs, tmp_path) -> None:
    catalog = inputs.catalog
    events = catalog.events.copy()
    events.loc[events.index[-1], "title"] = HOSTILE
    regions = catalog.regions.copy()
    donetsk = regions.index[regions["region_id"] == "UA-14"][0]
    regions.loc[donetsk, "statement"] = HOSTILE
    hostile = dataclasses.replace(
        inputs, catalog=dataclasses.replace(catalog, events=events, regions=regions)
    )
    result = site.export_site(tmp_path, hostile)
    for name in PAGES:
        document = result.files[name].read_text(encoding="utf-8")
        assert "<script>alert" not in document, name
        assert "<!-- &" not in document, name
        parsed = parse(document)
        for attrs, text in parsed.scripts:
            if attrs.get("type") == "application/json":
                json.loads(text)  # every embedded element is whole, valid JSON
    timeline = result.files["timeline.html"].read_text(encoding="utf-8")
    data = embed.read_embedded(timeline, "timeline-data")
    event_id = events.iloc[-1]["event_id"]
    assert "&lt;/script&gt;&lt;script&gt;alert" in timeline  # the list shows it as text
    figures = [embed.read_embedded(timeline, f"fig-timeline-{key}") for key in ("recent", "all")]
    hovers = [
        text
        for figure in figures
        for trace in figure["data"]
        for text in trace.get("hovertext") or []
    ]
    assert any("&lt;/script&gt;" in text for text in hovers)  # plotly's hover reads HTML
    assert any(event["id"] == event_id for event in data["events"])
    details = embed.read_embedded(result.files["map.html"].read_text("utf-8"), "map-details")
    items = [
        item["heading"]
        for section in details["region:UA-14"]["sections"]
        for item in section["items"]
    ]
    assert HOSTILE in items  # decoded back to exactly the original text


# --------------------------------------------------------------------------- map


def test_map_is_a_choropleth_of_committed_shares(inputs, documents) -> None:
    figure = embed.read_embedded(documents["map.html"], "fig-map")
    control = inputs.control
    day = pd.Timestamp(inputs.snapshot_day)
    shares = control[control["snapshot_date"] == day].set_index("region_id")["russian_share"]
    map_style = figure["layout"]["map"]["style"]
    (layer,) = [layer for layer in map_style["layers"] if layer["id"] == "area-shares"]
    kind, how, match, *stops = layer["paint"]["fill-color"]
    assert (kind, how, stops) == ("interpolate", ["linear"], [0, "#FFFFFF", 1, stops[3]])
    # By the region_id property: MapLibre drops string feature ids (a match on ["id"] is 0).
    assert match[:2] == ["match", ["get", "region_id"]] and match[-1] == 0
    seen = dict(zip(match[2:-1:2], match[3:-1:2], strict=True))
    units = map_style["sources"][layer["source"]]["data"]["features"]
    assert {feature["properties"]["region_id"] for feature in units} == set(seen)  # one copy
    # every unit is clickable on a transparent layer above the fills
    clickable = [
        location
        for trace in figure["data"]
        if trace["type"] == "choroplethmap"
        and (trace.get("customdata") or [[""]])[0][0] == "region"
        for location in trace["locations"]
    ]
    assert sorted(clickable) == sorted(seen)
    assert len(seen) == 27
    for region_id, share in seen.items():
        assert share == pytest.approx(shares[region_id])
    assert seen["UA-14"] == pytest.approx(0.77, abs=0.01)


def test_map_draws_no_control_or_donbas_layer(documents) -> None:
    figure = embed.read_embedded(documents["map.html"], "fig-map")
    ids = set()
    for trace in figure["data"]:
        if "geojson" in trace:
            ids |= {str(feature.get("id")) for feature in trace["geojson"]["features"]}
        assert "control" not in str(trace.get("name", "")).lower(), trace.get("name")
    assert "russian_control" not in ids and "donbas_held_by_ukraine" not in ids
    assert all(re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}|[A-Z]{3}", i) for i in ids), ids


def test_no_deepstate_geometry_in_the_export(exported, shared_dir: Path) -> None:
    vertices = deepstate_vertices(shared_dir)
    offenders = {
        name: hits
        for name, path in exported.files.items()
        if name != exported.assets["plotly.min.js"]
        and not name.endswith(".pbf")  # glyphs: letters, not coordinates
        and (hits := shared_vertex_count(path.read_text(encoding="utf-8"), vertices))
        > MAX_SHARED_VERTICES
    }
    assert offenders == {}


def test_the_map_page_says_how_a_phone_frames_its_interactive_map(inputs, documents) -> None:
    """site.js frames the interactive map from this, with the dashboard's own code: the
    figure's frame, and where the map writes its names and its callouts, as the dashboard
    computes them (tested in the browser: test_export.py)."""
    from dashboard.figures import map_labels, maps
    from dashboard.views import map as map_view

    narrow = embed.read_embedded(documents["map.html"], "map-narrow")
    assert narrow["frame"] == list(maps.MAP_FRAME)
    labels = map_labels.label_extents(map_view.map_labels(inputs.catalog.map_labels))
    assert narrow["labels"] == json.loads(json.dumps(labels))
    # the names a phone's edges cut before site.js fitted them
    assert {"city:Odesa", "city:Luhansk", "sea:Black Sea"} <= {
        label["key"] for label in narrow["labels"]
    }
    callouts = narrow["callouts"]
    assert len(callouts) >= 2 and all(callout["ems"] > 0 for callout in callouts), callouts


def test_the_pages_script_carries_the_dashboard_s_map_fitting_code(exported) -> None:
    """The export's script starts with the dashboard's FIT_JS as ``window.mapFit``, so the
    phone map's framing and names are not a second copy that could drift."""
    from dashboard.export import optimise
    from dashboard.figures.map_script import FIT_JS, LIBRARY_NAMES, fit_library

    script = exported.files[exported.assets["site.js"]].read_text(encoding="utf-8")
    assert script.startswith(optimise.minify_js(fit_library()).strip()[:200])
    assert optimise.minify_js(FIT_JS).strip()[:400] in script
    library = optimise.minify_js(fit_library())
    assert library.rstrip().endswith("return{" + ",".join(LIBRARY_NAMES) + "};})();")
    # site.js calls these (window.mapFit as fit)
    for name in ("overviewBox", "fitMap", "fitLabels", "fitCallouts"):
        assert name in LIBRARY_NAMES and f"fit.{name}(" in script, name


def test_map_details_for_every_region_and_place(inputs, documents) -> None:
    details = embed.read_embedded(documents["map.html"], "map-details")
    catalog = inputs.catalog
    assert sum(key.startswith("region:") for key in details) == 27
    assert {f"place:{p}" for p in catalog.places["place_id"]} <= set(details)
    donetsk = details["region:UA-14"]
    assert donetsk["title"] == "Donetsk Oblast"
    assert any("77%" in fact["text"] for fact in donetsk["facts"])
    titles = [section["title"] for section in donetsk["sections"] if section["items"]]
    assert "What Russia demands" in titles
    for section in donetsk["sections"]:
        for item in section["items"] + [i for g in section["groups"] for i in g["items"]]:
            assert item["source"], (section["title"], item["heading"])
    kupyansk = details["place:kupyansk"]
    groups = [g["title"] for s in kupyansk["sections"] for g in s["groups"]]
    assert any("Russia" in title for title in groups)
    options = [
        attrs.get("value") for tag, attrs in parse(documents["map.html"]).tags if tag == "option"
    ]
    assert set(options) - {""} == set(details)


# --------------------------------------------------------------------------- map preview


def svg_of(document: str, css: str) -> str:
    """The first inline ``<svg class="<css>…">…</svg>`` of a page."""
    match = re.search(rf'<svg class="{css}[^"]*".*?</svg>', document, re.DOTALL)
    assert match is not None, f"no {css} svg"
    return match.group(0)


def test_map_page_opens_with_a_static_preview(inputs, documents) -> None:
    """The map drawn at export time: shapes, shares, names, callouts, places, its button."""
    document = documents["map.html"]
    svg = svg_of(document, "map-preview")
    tags = parse(svg).tags
    root = tags[0][1]
    assert root["role"] == "img" and root["preserveaspectratio"] == "xMidYMid slice"
    title = re.search(rf'<title id="{root["aria-labelledby"]}">([^<]+)</title>', svg)
    assert title and "under Russian control on 17 December 2025" in title.group(1)
    # The units in the map's frame, each filled by its committed share, clickable.
    control = inputs.control
    day = pd.Timestamp(inputs.snapshot_day)
    shares = control[control["snapshot_date"] == day].set_index("region_id")["russian_share"]
    found = re.findall(r'<g fill="(#[0-9A-F]{6})"><path id="map-preview-([^"]+)"', svg)
    fills = {region: fill for fill, region in found}
    assert {"UA-09", "UA-14", "UA-23", "UA-65", "UA-43", "UA-63", "UA-12", "UA-51"} <= set(fills)
    low, high = map_content.SHARE_SCALE[0][1], map_content.SHARE_SCALE[1][1]
    for region, fill in fills.items():
        assert fill == preview.mix(low, high, shares.get(region, 0.0)), region
    options = {attrs["data-option"] for _, attrs in tags if "data-option" in attrs}
    assert {f"region:{region}" for region in fills} <= options
    places = {f"place:{place}" for place in inputs.catalog.places["place_id"]}
    assert places <= options
    # The claimed regions outlined again (the same shapes, reused).
    uses = {attrs["href"] for tag, attrs in tags if tag == "use"}
    assert {"#map-preview-UA-14", "#map-preview-UA-43"} <= uses
    # Every name the interactive map writes (in its frame), the callouts and the scale bar.
    texts = [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for _, label in inputs.catalog.map_labels.iterrows():
        capitals = label["kind"] in ("country", "region")  # written in capitals
        name = label["text"].upper() if capitals else label["text"]
        assert name in texts, name
    assert "Annexed by Russia in 2014" in texts and "100 km" in texts
    assert any(text.startswith("6,418 km² on 17 Dec 2025") for text in texts), texts
    assert any("Russia claims it" in text for text in texts)  # a place's status line
    # Its source line and the button that swaps in the interactive map (shown by site.js).
    assert f'<p class="map-credit">{map_content.MAP_CREDIT}</p>' in document
    button = next(attrs for tag, attrs in parse(document).tags if attrs.get("id") == "map-activate")
    assert "hidden" in button and button["type"] == "button"
    assert "Explore the interactive map</button>" in document
    assert "needs JavaScript" not in document.split('id="map"')[1].split("</figure>")[0]
    # Light: whole units, relative moves.
    assert len(svg) < 45_000
    assert not re.search(r'd="[^"]*\d\.\d', svg.split("<g pointer-events")[0])


def test_a_phone_s_map_preview_frames_the_narrow_view(inputs, documents) -> None:
    """A second preview for phones (the stylesheet shows one per width): the dashboard's
    narrow view, its full width; every place and claimed region named, without status
    lines; each name it keeps inside its frame by the estimate."""
    document = documents["map.html"]
    svg = svg_of(document, "map-preview narrow")
    root = parse(svg).tags[0][1]
    assert root["id"] == "map-preview-narrow" and root["role"] == "img"
    frame = preview.narrow_frame()
    west, south, east, north = NARROW_VIEW
    assert (frame.west, frame.east) == (west, east) and frame.south < south < north < frame.north
    assert frame.width / frame.height == pytest.approx(358 / 480)
    texts = [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert {"DONETSK", "LUHANSK", "ZAPORIZHZHIA", "KHERSON", "CRIMEA"} <= set(texts)
    assert set(inputs.catalog.map_labels.query("kind == 'place'")["text"]) <= set(texts)
    assert not any("Russia claims it" in text for text in texts)  # no status line
    assert "Annexed by Russia in 2014" in texts and "100 km" in texts
    labels = map_view.map_labels(inputs.catalog.map_labels)
    for label in preview.phone_labels(labels, frame):
        lines, anchor, offset, line_height = preview.label_layout(label)
        extent = preview.block_extent(lines, anchor, offset, line_height)
        left, top, right, bottom = preview.drawn_box(
            frame.point(label.lon, label.lat), extent, preview.PHONE_TEXT_SCALE
        )
        if label.kind != "place":
            assert left >= preview.NARROW_MARGIN and right <= frame.width - preview.NARROW_MARGIN
            assert top >= preview.NARROW_TOP, label
            assert bottom <= frame.height - preview.NARROW_MARGIN, label
    rules = preview.stylesheet_rules()
    assert ".map-preview.narrow { display: none; }" in rules
    assert f"@media (max-width: {preview.NARROW_MAX_WIDTH}px) {{ .map-preview.wide" in rules
    assert len(svg) < 45_000


def test_a_tablet_s_map_preview_frames_the_narrow_view_for_every_width_it_serves(
    inputs, documents
) -> None:
    """A third preview for 421-760 px pages (the desktop's, cropped to their map boxes, cut
    Luhansk's and Novorossiysk's names): the narrow view's full width on the narrowest of
    them; its names kept out of what any of them crops off and from under the button; no
    place marker where one of them would cut it."""
    document = documents["map.html"]
    svg = svg_of(document, "map-preview tablet")
    tablet = preview.TABLET_PREVIEW
    assert parse(svg).tags[0][1]["id"] == tablet.element_id == "map-preview-tablet"
    assert (tablet.min_width, tablet.max_width) == (preview.NARROW_MAX_WIDTH + 1, 760)
    frame = tablet.frame
    west, south, east, north = NARROW_VIEW
    assert frame.west < west < east < frame.east and frame.south < south < north < frame.north
    # on the narrowest page (421 px: a 389 x 480 px map), the view's full width shows
    cut_x, _, _ = preview.shown_part(frame, preview.map_box(421))
    assert frame.point(west, north)[0] == pytest.approx(cut_x, abs=0.5)
    for width in (421, 500, 600, 601, 700, 760):
        x, y, _ = preview.shown_part(frame, preview.map_box(width))
        left, top, right, bottom = tablet.margins
        assert x < left and y < top and x < right and y < bottom, width
    texts = [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert {"DONETSK", "LUHANSK", "ZAPORIZHZHIA", "KHERSON", "CRIMEA"} <= set(texts)
    assert set(inputs.catalog.map_labels.query("kind == 'place'")["text"]) <= set(texts)
    labels = map_view.map_labels(inputs.catalog.map_labels)
    for label in preview.phone_labels(labels, frame, margins=tablet.margins):
        lines, anchor, offset, line_height = preview.label_layout(label)
        extent = preview.block_extent(lines, anchor, offset, line_height)
        left, top, right, bottom = preview.drawn_box(
            frame.point(label.lon, label.lat), extent, preview.PHONE_TEXT_SCALE
        )
        if label.kind != "place":  # (a moved name's point is rounded: half a unit's slack)
            assert tablet.margins[0] - 0.5 <= left, label
            assert right <= frame.width - tablet.margins[2] + 0.5, label
            assert tablet.margins[1] - 0.5 <= top, label
            assert bottom <= frame.height - tablet.margins[3] + 0.5, label
    # Kyiv's marker stands where a 600 px page would show it cut at the corner: left out
    markers = re.findall(r'<g class="place" data-option="([^"]+)"', svg)
    assert "place:kyiv" not in markers and "place:kupyansk" in markers, markers
    rules = preview.stylesheet_rules()
    assert ".map-preview.tablet { display: none; }" in rules
    assert "@media (min-width: 421px) and (max-width: 760px) { .map-preview.wide" in rules
    assert len(svg) < 45_000


def test_history_chart_has_a_static_preview(inputs, documents) -> None:
    document = documents["map.html"]
    for variant in ("wide", "medium", "narrow"):
        svg = svg_of(document, f"history-preview {variant}")
        root = parse(svg).tags[0][1]
        assert root["role"] == "img" and "km² of Ukraine" in root["aria-label"]
        assert "<polyline" in svg and f"Article, {inputs.article_day:%-d %b %Y}" in svg
        assert "km²</text>" in svg
    assert len(re.findall(r"<svg class=\"history-preview", document)) == 3


def test_preview_projection_colours_and_paths() -> None:
    frame = preview.Frame()
    assert frame.point(frame.west, frame.north) == pytest.approx((0, 0))
    assert frame.point(frame.east, frame.south) == pytest.approx((frame.width, frame.height))
    assert frame.height == 600 and 1.6 < frame.width / frame.height < 1.8
    assert preview.mix("#FFFFFF", "#E07B47", 0) == "#FFFFFF"
    assert preview.mix("#FFFFFF", "#E07B47", 1) == "#E07B47"
    assert preview.mix("#000000", "#FFFFFF", 0.5) == "#808080"
    assert preview.mix("#000000", "#FFFFFF", 7) == "#FFFFFF"  # clamped
    square = shapely.box(10.2, 20.4, 30.6, 40.8)
    assert preview.path_data(square) == "M31 20l0 21-21 0 0-21z"  # whole units, relative
    assert preview.path_data(shapely.box(0, 0, 1, 1)) == ""  # a speck: left out
    assert preview.wrap("Russia claims it; Ukraine counter-attacks", 26) == [
        "Russia claims it;",
        "Ukraine counter-attacks",
    ]  # balanced lines
    assert preview.wrap("Short", 26) == ["Short"]


def test_preview_text_is_escaped() -> None:
    (element,) = preview.text_block([preview.Line('<b>"x" & y</b>', "t-city")], (1, 2), "left")
    assert "<b>" not in element and "&lt;b&gt;" in element and "&amp;" in element


# --------------------------------------------------------------------------- timeline


def test_timeline_lists_every_event_with_its_data(inputs, documents) -> None:
    document = documents["timeline.html"]
    data = embed.read_embedded(document, "timeline-data")
    ids = set(inputs.catalog.events["event_id"])
    assert {event["id"] for event in data["events"]} == ids
    listed = {
        attrs["data-event-id"]
        for tag, attrs in parse(document).tags
        if tag == "li" and "data-event-id" in attrs
    }
    assert listed == ids
    boxes = [
        (attrs.get("name"), attrs.get("value"))
        for tag, attrs in parse(document).tags
        if tag == "input" and attrs.get("type") == "checkbox"
    ]
    assert {kind for name, kind in boxes if name == "kind"} == set(inputs.catalog.events["kind"])
    assert ("party", "russia") in boxes
    figure = embed.read_embedded(document, "fig-timeline-recent")
    marked = {
        value[0] if isinstance(value, list) else value
        for trace in figure["data"]
        for value in trace.get("customdata") or []
    }
    assert marked and marked <= ids


# --------------------------------------------------------------------------- positions


def test_positions_page_has_every_issue_and_party(inputs, documents) -> None:
    parsed = parse(documents["positions.html"])
    issues = {attrs["data-issue"] for tag, attrs in parsed.tags if "data-issue" in attrs}
    assert issues == set(inputs.catalog.issues["issue_id"])
    cells = [attrs["data-party"] for tag, attrs in parsed.tags if "data-party" in attrs]
    assert len(cells) == 4 * len(issues)
    figure = embed.read_embedded(documents["positions.html"], "fig-distance")
    assert {trace.get("name") for trace in figure["data"]} >= {"Russia", "Ukraine"}


# --------------------------------------------------------------------------- colours


def test_text_colours_contrast_with_white(exported) -> None:
    css = exported.files[exported.assets["site.css"]].read_text(encoding="utf-8")
    assert (site.ASSETS / "site.css").read_text(encoding="utf-8") in site.stylesheet()
    assert css == optimise.minify_css(site.stylesheet())
    static = (site.ASSETS / "site.css").read_text(encoding="utf-8")
    colours = re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", static)
    colours += re.findall(r"--ink:\s*(#[0-9A-Fa-f]{6})", css)
    assert len(colours) > 5
    low = [c for c in colours if contrast_ratio(c, "#FFFFFF") < 4.5]
    assert low == []
    for stance, background in STANCE_COLOURS.items():
        assert contrast_ratio(site.text_on(background), background) >= 4.5, stance


# --------------------------------------------------------------------------- command line


def test_command_line_writes_the_site(tmp_path, capsys) -> None:
    assert cli.main(["--out", str(tmp_path / "site")]) == 0
    names = {p.name for p in (tmp_path / "site").iterdir() if p.suffix not in {".gz", ".br"}}
    assert names - {"app"} >= set(PAGES)
    for pattern in HASHED.values():
        assert len([name for name in names if pattern.fullmatch(name)]) == 1, pattern
    assert names == set(PAGES) | {"app"} | {
        name for name in names if any(p.fullmatch(name) for p in HASHED.values())
    }
    assert HASHED["plotly.min.js"].search(capsys.readouterr().out)


def test_command_line_refuses_a_folder_git_would_track(tmp_path) -> None:
    assert cli.tracked_by_git(REPO_ROOT / "dashboard" / "site")
    assert not cli.tracked_by_git(REPO_ROOT / "artifacts" / "export")
    assert not cli.tracked_by_git(tmp_path)
    target = REPO_ROOT / "dashboard" / "exported_site_should_not_exist"
    with pytest.raises(SystemExit):
        cli.main(["--out", str(target), "--quiet"])
    assert not target.exists()


def test_default_output_is_git_ignored() -> None:
    assert cli.DEFAULT_OUT == REPO_ROOT / "artifacts" / "export"
    assert not cli.tracked_by_git(cli.DEFAULT_OUT)
    assert pages.PLOTLY_FILE == "plotly.min.js"


def test_pages_show_prose_not_ids_or_file_names(documents) -> None:
    """The static pages' visible text names no internal ids or data files (see the e2e twin)."""
    for name, document in documents.items():
        visible = re.sub(r"<(script|style)\b.*?</\1>", " ", document, flags=re.S)
        visible = html.unescape(re.sub(r"<[^>]+>", " ", visible))
        assert plumbing(visible) == [], name


def test_positions_grid_comes_first_and_every_cell_links_to_its_card(inputs, documents) -> None:
    html = documents["positions.html"]
    parsed = parse(html)
    assert html.index('id="positions-grid"') < html.index('id="positions-filters"')
    cards = {attrs["id"] for _, attrs in parsed.tags if attrs.get("id", "").startswith("pos-")}
    links = [
        attrs["href"]
        for tag, attrs in parsed.tags
        if tag == "a" and "entry" in attrs.get("class", "").split()
    ]
    shown = on_record(inputs.catalog.positions, inputs.catalog.sources)
    assert sorted(links) == sorted(f"#pos-{p}" for p in shown["position_id"])
    assert {link[1:] for link in links} <= cards
    assert html.count("no position on record") == 4
    assert "Russia claims: " in html


def test_timeline_figures_label_the_key_events_and_split_off_the_background(documents) -> None:
    timeline = documents["timeline.html"]
    recent, whole = (
        embed.read_embedded(timeline, f"fig-timeline-{key}") for key in ("recent", "all")
    )
    labels = {a["text"] for a in recent["layout"]["annotations"]}
    assert {"28-point draft", "Berlin talks", "Lavrov's claim", "Submarine strike"} <= labels
    assert all(a["name"].startswith("event:") for a in recent["layout"]["annotations"])
    assert "xaxis2" not in recent["layout"]
    assert whole["layout"]["xaxis"]["range"] == recent["layout"]["xaxis"]["range"]
    assert whole["layout"]["xaxis2"]["domain"][1] < whole["layout"]["xaxis"]["domain"][0]
