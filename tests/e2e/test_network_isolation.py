"""The isolation check the smoke tests rely on does catch a page that leaves 127.0.0.1.

The pages are the throwaway map app (tests/e2e/apps/choropleth_click.py), which is clean on its
own, so these tests prove the check whatever state the dashboard is in; the check itself is
the one the smoke tests call.
"""

from __future__ import annotations

import pytest

from tests.harness.browser import (
    assert_dom_urls_local,
    assert_no_external_requests,
    assert_page_clean,
    is_local_url,
    open_page,
)

EXTERNAL_IMAGE = "https://example.org/x.png"
CLEAN_APP = "choropleth_click.py"


def test_an_external_image_fails_the_check(page, recorder, test_app_url):
    open_page(page, test_app_url(CLEAN_APP))
    assert_no_external_requests(recorder)
    assert_dom_urls_local(page)

    with page.expect_event("requestfailed", lambda request: request.url == EXTERNAL_IMAGE):
        page.evaluate(
            """(src) => {
                const img = document.createElement('img');
                img.src = src;
                document.body.appendChild(img);
            }""",
            EXTERNAL_IMAGE,
        )

    assert EXTERNAL_IMAGE in recorder.requests
    assert EXTERNAL_IMAGE in recorder.blocked, "the request was not aborted by the route"
    with pytest.raises(AssertionError, match=r"example\.org"):
        assert_no_external_requests(recorder)
    with pytest.raises(AssertionError, match=r"example\.org"):
        assert_page_clean(recorder)
    with pytest.raises(AssertionError, match=r"example\.org"):
        assert_dom_urls_local(page)


def test_an_external_frame_fails_the_check(page, recorder, test_app_url):
    open_page(page, test_app_url(CLEAN_APP))
    assert_no_external_requests(recorder)

    with page.expect_event("requestfailed", lambda request: "example.com" in request.url):
        page.evaluate(
            """() => {
                const frame = document.createElement('iframe');
                frame.src = 'https://example.com/embed';
                document.body.appendChild(frame);
            }"""
        )

    with pytest.raises(AssertionError, match=r"example\.com"):
        assert_no_external_requests(recorder)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8501/static/js/index.js", True),
        ("ws://127.0.0.1:8501/_stcore/stream", True),
        ("http://localhost:8501/", True),
        ("data:image/png;base64,AAAA", True),
        ("blob:http://127.0.0.1:8501/uuid", True),
        ("https://fonts.googleapis.com/css", False),
        ("https://tiles.example.org/1/2/3.png", False),
        ("http://127.0.0.1.example.org/", False),
    ],
)
def test_is_local_url(url, local):
    assert is_local_url(url) is local
