"""Make the static site light: minify, name files by their content, write compressed twins.

- CSS and the page script are minified (``rcssmin``, ``rjsmin``).
- The stylesheet, the page script and plotly.js are named by a hash of their bytes
  (``site.css`` → ``site.0123456789.css``): a changed file gets a new name, so a server may
  let browsers keep them for a year (``Cache-Control: immutable``); the pages, whose names
  stay, point at the new names (:func:`link_assets`).
- Every text file of the site gets a ``.gz`` twin (gzip, level 9) and a ``.br`` twin
  (Brotli, quality 11) next to it, for servers that send a stored compressed copy instead
  of compressing on every request (nginx's ``gzip_static``, ``brotli_static``; most CDNs).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import brotli
import rcssmin
import rjsmin

#: Hex digits of the content hash in a file name.
HASH_LENGTH = 10
#: Files that get compressed twins (the glyphs are protobuf: they compress well too).
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".md", ".pbf")
#: Below this size a twin saves nothing worth a file (nginx's gzip_min_length is 1024).
MIN_COMPRESS_BYTES = 1024
COMPRESSED_SUFFIXES = (".gz", ".br")
#: Compressed copies already made in this process, by algorithm and SHA-256 of the input:
#: Brotli at quality 11 takes about 20 s for plotly.js, which every export ships again.
_MADE: dict[tuple[str, str], bytes] = {}


def minify_css(text: str) -> str:
    """The stylesheet without comments and needless whitespace."""
    return rcssmin.cssmin(text)


def minify_js(text: str) -> str:
    """The script without comments and needless whitespace (names are kept)."""
    return rjsmin.jsmin(text)


def content_hash(data: bytes) -> str:
    """The first :data:`HASH_LENGTH` hex digits of the SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def hashed_name(name: str, data: bytes) -> str:
    """``site.css`` → ``site.<hash>.css``; ``plotly.min.js`` → ``plotly.<hash>.min.js``."""
    stem, _, suffixes = name.partition(".")
    return f"{stem}.{content_hash(data)}.{suffixes}"


def hashed_pattern(name: str) -> re.Pattern[str]:
    """Matches every content-hashed version of ``name`` (and its compressed twins)."""
    stem, _, suffixes = name.partition(".")
    return re.compile(
        rf"{re.escape(stem)}\.[0-9a-f]{{{HASH_LENGTH}}}\.{re.escape(suffixes)}(\.gz|\.br)?"
    )


def link_assets(document: str, names: Mapping[str, str]) -> str:
    """``document`` with asset attributes that name a key of ``names`` set to its value.

    The attributes are ``src``, ``href`` and ``data-plotly`` (the plotly.js that site.js
    loads). Only whole, double-quoted attribute values change (``src="site.js"``); other text that
    mentions a file name stays as it is.
    """
    if not names:
        return document
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf'(?<![\w-])(src|href|data-plotly)="({alternatives})"')
    return pattern.sub(lambda match: f'{match.group(1)}="{names[match.group(2)]}"', document)


def gzip_bytes(data: bytes) -> bytes:
    """Gzip at level 9 with no name and a zero timestamp: the same input, the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    """Brotli at quality 11 (text mode)."""
    return brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)


def compressed(data: bytes, suffix: str) -> bytes:
    """``data`` gzip- (``.gz``) or Brotli-compressed (``.br``), remembered for this process."""
    key = (suffix, hashlib.sha256(data).hexdigest())
    if key not in _MADE:
        _MADE[key] = gzip_bytes(data) if suffix == ".gz" else brotli_bytes(data)
    return _MADE[key]


def compress_twins(paths: Iterable[Path]) -> dict[Path, list[Path]]:
    """Write ``.gz`` and ``.br`` twins of the compressible files among ``paths``.

    A twin is written only when it is smaller than its file; an old twin that is no longer
    smaller is removed, so a server never sends a stale or bigger copy. Returns each file's
    twins.
    """
    written: dict[Path, list[Path]] = {}
    for path in paths:
        if path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        for suffix in COMPRESSED_SUFFIXES:
            twin = path.with_name(path.name + suffix)
            packed = compressed(data, suffix) if len(data) >= MIN_COMPRESS_BYTES else data
            if len(packed) < len(data):
                twin.write_bytes(packed)
                written.setdefault(path, []).append(twin)
            else:
                twin.unlink(missing_ok=True)
    return written


def remove_stale(folder: Path, names: Iterable[str], keep: Iterable[str]) -> list[Path]:
    """Delete older content-hashed versions of ``names`` in ``folder`` (not those in ``keep``).

    Also removes the unhashed file of an earlier export (``site.css``) and its twins.
    """
    keep = set(keep)
    removed = []
    for name in names:
        pattern = hashed_pattern(name)
        plain = {name, *(name + suffix for suffix in COMPRESSED_SUFFIXES)}
        for path in folder.iterdir():
            base = path.name.removesuffix(".gz").removesuffix(".br")
            stale = pattern.fullmatch(path.name) or path.name in plain
            if stale and base not in keep and path.is_file():
                path.unlink()
                removed.append(path)
    return removed
