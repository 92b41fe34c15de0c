"""Downloads outlive a redraw: Streamlit's media collector waits a grace period (1.67 patch).

Streamlit's ``MediaFileManager`` collects the files and deferred-download functions no
session refers to at the end of every script run of *any* session. A session lets go of
its own at the start of each of its reruns, and a file made by a deferred download's click
is never referred to at all. Under concurrent readers that collection runs several times a
second, so:

* a download button clicked while its page is being redrawn asks for a function that
  another reader's run has just dropped ("Failed to generate file for download");
* the file a click has just made is marked by one run's collection and deleted by the next,
  sometimes before the browser has fetched it (a 404 under ``/media/``).

:func:`install` wraps the manager so that a collection runs at most once every
:data:`GRACE_SECONDS`, and deferred functions are collected in two passes, like Streamlit's
own downloadable files: marked by the first collection that finds them unreferenced,
dropped by the next one if still unreferenced. Nothing a reader may still click goes within
:data:`GRACE_SECONDS` of being let go, and everything unreferenced goes within twice that.

It relies on the manager's internals as of Streamlit 1.67 (``remove_orphaned_files``,
``_remove_orphaned_deferred_callables``, ``_files_by_session_and_coord``,
``_deferred_callables``, ``_drop_deferred_id``); ``tests/unit/test_media_grace.py`` runs it
against the installed Streamlit and fails when those change (pyproject pins ``<1.68``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from streamlit.runtime.media_file_manager import MediaFileManager

#: Shortest time between two collections, and so the least time a let-go file or function
#: stays available (seconds).
GRACE_SECONDS = 30.0
#: The clock the grace is measured with (a test replaces it).
clock: Callable[[], float] = time.monotonic

_MARK = "_dashboard_grace_installed"
_guard = threading.Lock()
#: Streamlit's own collection methods, as imported (before any :func:`install`): for tests
#: that compare with the unpatched manager once the app has patched Streamlit's class.
UNPATCHED: dict[str, Callable] = {
    name: getattr(MediaFileManager, name)
    for name in ("remove_orphaned_files", "_remove_orphaned_deferred_callables")
}


def install(manager_class: type[MediaFileManager] = MediaFileManager) -> None:
    """Patch ``manager_class`` (Streamlit's manager by default) once per process."""
    with _guard:
        if manager_class.__dict__.get(_MARK):
            return
        # A subclass of an already patched class wraps Streamlit's own collection, not ours.
        inherited = getattr(manager_class, _MARK, False)
        collect = (
            UNPATCHED["remove_orphaned_files"] if inherited else manager_class.remove_orphaned_files
        )

        def remove_orphaned_files(self: MediaFileManager) -> None:
            """Streamlit's collection, at most once every GRACE_SECONDS."""
            now = clock()
            with _guard:
                last = getattr(self, "_dashboard_collected_at", None)
                if last is not None and now - last < GRACE_SECONDS:
                    return
                self._dashboard_collected_at = now
            collect(self)

        def remove_orphaned_deferred_callables(self: MediaFileManager) -> None:
            """Drop deferred functions unreferenced at this and the previous collection.

            Called by ``remove_orphaned_files`` with the manager's lock held.
            """
            active = {
                file_id
                for by_coordinates in self._files_by_session_and_coord.values()
                for file_id in by_coordinates.values()
            }
            orphans = {file_id for file_id in self._deferred_callables if file_id not in active}
            marked: set[str] = getattr(self, "_dashboard_marked_deferred", set())
            for file_id in orphans & marked:
                self._drop_deferred_id(file_id)
            self._dashboard_marked_deferred = orphans - marked

        manager_class.remove_orphaned_files = remove_orphaned_files
        manager_class._remove_orphaned_deferred_callables = remove_orphaned_deferred_callables
        setattr(manager_class, _MARK, True)
