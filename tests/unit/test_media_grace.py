"""The media collector's grace period, on the installed Streamlit's own MediaFileManager.

Outside a script run every call belongs to one session ("dontcare"); a rerun's start is
``clear_session_refs``, any session's run end is ``remove_orphaned_files``.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.ui import media_grace

CSV = "event_id\nberlin_talks\n"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def manager(patched: bool) -> MediaFileManager:
    """A fresh manager of a fresh subclass (patched or not); the real class stays as it is."""

    class Manager(MediaFileManager):
        pass

    if patched:
        media_grace.install(Manager)
    else:
        # Streamlit's own methods, even when the app (loaded by other tests in this process)
        # has already patched Streamlit's class.
        for name, method in media_grace.UNPATCHED.items():
            setattr(Manager, name, method)
    return Manager(MemoryMediaFileStorage("/media"))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(media_grace, "clock", clock)
    return clock


def click(files: MediaFileManager, file_id: str) -> bytes:
    """What a click does: make the file, then fetch it by its URL."""
    url = files.execute_deferred(file_id)
    stored = files.read_file(url.rsplit("/", 1)[-1])
    if stored is None:
        raise LookupError(f"{url} answers 404")
    return stored.content


def test_without_the_patch_a_redraw_beside_another_run_loses_the_download():
    files = manager(patched=False)
    file_id = files.add_deferred(lambda: CSV, "text/csv", "coords", file_name="events.csv")
    files.clear_session_refs()  # this reader's page starts its redraw
    files.remove_orphaned_files()  # another reader's run ends
    with pytest.raises(MediaFileStorageError):
        files.execute_deferred(file_id)  # the click on the button still on screen

    file_id = files.add_deferred(lambda: CSV, "text/csv", "coords", file_name="events.csv")
    url = files.execute_deferred(file_id)
    files.remove_orphaned_files()
    files.remove_orphaned_files()  # two runs end before the browser fetches the file
    assert files.read_file(url.rsplit("/", 1)[-1]) is None


def test_a_download_survives_redraws_and_other_runs_for_the_grace(clock: Clock):
    files = manager(patched=True)
    file_id = files.add_deferred(lambda: CSV, "text/csv", "coords", file_name="events.csv")
    files.remove_orphaned_files()  # a first collection (at 1000 s)
    files.clear_session_refs()  # the page starts a redraw
    for _ in range(50):  # other readers' runs end meanwhile
        files.remove_orphaned_files()
    assert click(files, file_id) == CSV.encode()

    clock.now += media_grace.GRACE_SECONDS  # a collection runs: it only marks
    files.remove_orphaned_files()
    url = files.execute_deferred(file_id)
    for _ in range(50):
        files.remove_orphaned_files()
    assert files.read_file(url.rsplit("/", 1)[-1]) is not None  # fetched after 50 runs ended

    clock.now += media_grace.GRACE_SECONDS  # the next collection drops what is still let go
    files.remove_orphaned_files()
    with pytest.raises(MediaFileStorageError):
        files.execute_deferred(file_id)
    clock.now += media_grace.GRACE_SECONDS
    files.remove_orphaned_files()
    assert files.read_file(url.rsplit("/", 1)[-1]) is None


def test_a_button_still_on_the_page_keeps_its_function(clock: Clock):
    files = manager(patched=True)
    for _ in range(4):
        clock.now += media_grace.GRACE_SECONDS
        file_id = files.add_deferred(lambda: CSV, "text/csv", "coords", file_name="events.csv")
        files.remove_orphaned_files()
    clock.now += media_grace.GRACE_SECONDS
    files.remove_orphaned_files()
    clock.now += media_grace.GRACE_SECONDS
    files.remove_orphaned_files()
    assert click(files, file_id) == CSV.encode()  # the last run's button, still referenced
    assert len(files._deferred_callables) == 1  # the older ones are gone


def test_install_is_idempotent():
    class Manager(MediaFileManager):
        pass

    media_grace.install(Manager)
    first = Manager.remove_orphaned_files
    media_grace.install(Manager)
    assert Manager.remove_orphaned_files is first
    assert MediaFileManager.remove_orphaned_files is not first
