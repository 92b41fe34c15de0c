"""Write a file so that readers see either the old complete file or the new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` through a temporary file."""
    return write_bytes_atomically(path, text.encode("utf-8"))
