"""Downloads in real Chromium: the file a click yields holds the view on screen, after reruns.

Under load a download button's file under ``/media/`` once answered 404 while the page was
being redrawn: Streamlit let go of the stored file when the rerun started, and another
session's run deleted it. The buttons now make their file when clicked
(:func:`dashboard.ui.download_button`). These tests click a download right after a rerun
(the timeline narrowed to one party), check that the file arrives and that its rows are
exactly the events the page lists, that the click does not rerun the page, and do the same
while a second reader's session reruns beside it, and while the page itself is redrawing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tests.harness.browser import (
    VIEWPORTS,
    PageRecorder,
    assert_page_clean,
    expect_rerun,
    install_run_counter,
    open_page,
    runs_finished,
    wait_for_rerun,
    wait_until_settled,
)

LABEL = "Download these events (CSV)"
FILE_NAME = "timeline_events.csv"
ITEM_PREFIX = "st-key-timeline-item-"
LISTED_IDS_JS = """
(prefix) => [...document.querySelectorAll(`[class*="${prefix}"]`)].map(
  (element) => [...element.classList].find((name) => name.startsWith(prefix)).slice(prefix.length)
)
"""


def listed_ids(page: Any) -> list[str]:
    """The events the page lists, by id."""
    return page.evaluate(LISTED_IDS_JS, ITEM_PREFIX)


def download(page: Any, label: str = LABEL) -> tuple[str, str]:
    """Click the download button named ``label``; the file's suggested name and its text."""
    button = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button')
    with page.expect_download(timeout=30_000) as info:
        button.filter(has_text=label).click()
    file = info.value
    assert file.failure() is None, f"the download failed: {file.failure()}"
    errors = page.locator('[data-testid="stDownloadButtonError"]')
    assert errors.count() == 0, f"the button shows an error: {errors.all_inner_texts()}"
    return file.suggested_filename, Path(file.path()).read_text(encoding="utf-8")


def csv_ids(text: str) -> list[str]:
    """The event ids of a downloaded CSV, in file order."""
    return [row["event_id"] for row in csv.DictReader(io.StringIO(text))]


def toggle_party(page: Any, party: str) -> None:
    """Add ``party`` to the Parties filter, or remove it when it is chosen (one rerun)."""
    remove = page.get_by_role("button", name=f"Remove {party}")
    if remove.count():
        remove.first.click()
        return
    box = page.get_by_role("combobox", name="Parties")
    box.focus()
    box.press_sequentially(party)
    page.get_by_role("option", name=party, exact=True).wait_for()
    box.press("Enter")
    box.press("Escape")


def test_a_download_right_after_a_rerun_holds_the_new_view(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")
    everything = listed_ids(page)
    name, text = download(page)
    assert name == FILE_NAME
    assert sorted(csv_ids(text)) == sorted(everything)

    with expect_rerun(page):
        toggle_party(page, "Europe")
    narrowed = listed_ids(page)
    assert 0 < len(narrowed) < len(everything)
    name, text = download(page)  # at once, right after the rerun
    assert name == FILE_NAME
    assert sorted(csv_ids(text)) == sorted(narrowed)

    # The click does not rerun the page, and a second click yields the same file again.
    runs = runs_finished(page)
    assert download(page)[1] == text
    page.wait_for_timeout(500)
    assert runs_finished(page) == runs
    assert_page_clean(recorder)


def test_downloads_hold_while_another_reader_reruns(browser, page, recorder, dashboard_url):
    other_recorder = PageRecorder()
    other_context = browser.new_context(
        viewport=dict(VIEWPORTS["desktop"]), service_workers="block"
    )
    other_context.set_default_timeout(60_000)
    install_run_counter(other_context)
    other_recorder.attach(other_context)
    try:
        other = other_context.new_page()
        open_page(other, dashboard_url, "timeline")
        open_page(page, dashboard_url, "timeline")
        everything = listed_ids(page)
        for party in ("Russia", "Russia", "Ukraine"):
            # The other reader's rerun runs on the server while this reader reruns and downloads.
            other_before = runs_finished(other)
            toggle_party(other, party)
            with expect_rerun(page):
                toggle_party(page, party)
            shown = listed_ids(page)
            name, text = download(page)
            assert name == FILE_NAME
            assert sorted(csv_ids(text)) == sorted(shown)
            wait_for_rerun(other, since=other_before)

        # A click while this page is still being redrawn yields a file too: the view before
        # the rerun or the one after it, never nothing.
        before = listed_ids(page)
        runs = runs_finished(page)
        toggle_party(other, "Europe")
        toggle_party(page, "Europe")
        name, text = download(page)
        wait_for_rerun(page, since=runs)
        after = listed_ids(page)
        assert sorted(csv_ids(text)) in (sorted(before), sorted(after))
        assert sorted(after) != sorted(before)
        assert set(after) <= set(everything)
        wait_until_settled(other)
    finally:
        other_context.close()
    assert_page_clean(recorder)
    assert_page_clean(other_recorder)
