"""The lists under the map's detail panel, as one HTML element (dashboard.ui.map_panel)."""

from __future__ import annotations

from dataclasses import replace

from dashboard.ui.map_panel import (
    groups_html,
    item_html,
    items_html,
    lists_html,
    place_summary_html,
    region_summary_html,
)
from dashboard.views.map import Group, Item, PlaceDetail, RegionDetail
from tests.harness.prose import html_visible


def words(html: str) -> str:
    """The text of ``html`` as a reader reads it, white space folded."""
    return " ".join(html_visible(html).split())


HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def test_an_item_shows_every_part_in_the_markdown_version_s_order():
    check = Item(heading="Confirmed.", body="It was.", source="Reuters")
    item = Item(
        heading="Russia claims Pokrovsk",
        body="The Kremlin said so.",
        when="1 Dec 2025",
        label="Claim by Russia",
        meta="Dmitry Peskov",
        dating="Announced on 1 Dec 2025",
        source="Reuters",
        quote="liberated",
        checks=(check,),
    )
    text = html_visible(item_html(item))
    order = [
        "Claim by Russia",
        "1 Dec 2025 ·",
        "Russia claims Pokrovsk",
        "The Kremlin said so.",
        "“liberated”",
        "Dmitry Peskov",
        "Date: Announced on 1 Dec 2025",
        "Source: Reuters",
        "Fact check. Confirmed.",
        "It was. (Reuters)",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text
    assert "Claim by Russia" not in item_html(item, show_label=False)


def test_item_text_is_escaped_never_markup():
    html = item_html(Item(heading=HOSTILE, body=HOSTILE, quote=HOSTILE, source=HOSTILE))
    assert "<script>" not in html and "<b>" not in html
    assert html.count("&lt;script&gt;") == 4
    assert "alert(&quot;x&quot;)" in html
    # what the reader sees is the text as written
    assert html_visible(html).count('<script>alert("x")</script> & <b>bold</b>') == 4


def test_empty_lists_say_so():
    assert html_visible(items_html((), "No event on record.")).strip() == "No event on record."
    assert html_visible(groups_html((), "No claim on record.")).strip() == "No claim on record."
    group = Group(key="ru", title="Russia says", items=())
    assert "Nothing on record." in html_visible(groups_html((group,), ""))


def test_lists_are_sections_with_headings_groups_in_boxes_items_between_rules():
    items = (Item(heading="One"), Item(heading="Two"))
    groups = (Group("ru", "Russia says", items), Group("ua", "Ukraine says", items[:1]))
    html = lists_html((("Who claims what about <Kupiansk>", groups_html(groups, "")),))
    assert html.startswith('<div class="map-lists"><h3>Who claims what about &lt;Kupiansk&gt;</h3>')
    assert html.count('<section class="map-group">') == 2
    assert "<h4>Russia says</h4>" in html and "<h4>Ukraine says</h4>" in html
    assert html.count("<hr>") == 1  # between the two items of one group only


def test_a_region_s_summary_box_escapes_its_text_and_shows_its_figures():
    region = RegionDetail(
        region_id="UA-14",
        name="Donetsk <Oblast>",
        name_uk="Донецька область",
        kind="oblast",
        status="annexed",
        status_text="claimed",
        in_regions_table=False,
        donbas_km2=5123.4,
        demand=Item(heading="Leave the Donbas", label="Russia's demand"),
    )
    html = region_summary_html(region, "Reuters says about 5,000 km².")
    assert html.startswith('<div class="map-summary"><h3>Donetsk &lt;Oblast&gt;</h3>')
    text = words(html)
    assert "Status: claimed" in text
    assert "No control figures for this date." in text
    assert "5,123 km² (Donetsk and Luhansk together)" in text
    assert "Reuters says about 5,000 km²." in text
    assert "What Russia demands" in text and "Leave the Donbas" in text
    assert "The article does not discuss this region." in text


def test_a_place_s_summary_box_gives_its_location_and_local_name_once():
    place = PlaceDetail(
        place_id="kupyansk",
        name="Kupiansk",
        name_local="Куп'янськ",
        kind="town",
        where="Kharkiv Oblast",
        location_source="GeoNames",
        lat=49.71,
        lon=37.616,
    )
    text = words(place_summary_html(place))
    assert "Куп'янськ · town · Kharkiv Oblast" in text
    assert "Location 49.710° N, 37.616° E. Source: GeoNames." in text
    same = html_visible(place_summary_html(replace(place, name_local="Kupiansk")))
    assert same.count("Kupiansk") == 1
