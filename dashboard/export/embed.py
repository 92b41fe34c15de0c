r"""Safe embedding of data and figures in static HTML. Pure.

Data travels to the browser as JSON inside ``<script type="application/json">`` elements and
is read with ``JSON.parse(element.textContent)``. The HTML parser ends a script element at
the first ``</script`` whatever the type, and ``<!--`` inside one changes how it is parsed,
so every ``<``, ``>`` and ``&`` is written as a JSON unicode escape (``\u003c`` …): the text
stays valid JSON that decodes to exactly the same value, and it cannot close the element.
Text meant for HTML (attributes and element content) is escaped by the page templates'
environment; :func:`json_script` is the one place where text is marked safe for it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

#: Characters that may not appear literally inside an embedded JSON script element.
_UNSAFE_IN_SCRIPT = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_UNSAFE_PATTERN = re.compile("[<>&\u2028\u2029]")
#: Ids of embedded elements: letters, digits, ``-`` and ``_`` (they are set by us).
_ELEMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def escape_json_text(text: str) -> str:
    """JSON text with ``< > &`` and the JS line separators written as unicode escapes.

    Parameters
    ----------
    text
        A JSON document. Outside string literals JSON has none of these characters, so only
        string contents change, and only in spelling.
    """
    return _UNSAFE_PATTERN.sub(lambda match: _UNSAFE_IN_SCRIPT[match.group(0)], text)


def plain(value: Any) -> Any:
    """``value`` as plain JSON types: dataclasses, tuples, dates, numpy and NaN converted.

    Dates become ISO strings, NaN / NaT / ``pd.NA`` become None, sets become sorted lists.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(item) for item in value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def to_json(value: Any) -> str:
    """Compact JSON of ``value`` (after :func:`plain`), safe to embed in a script element."""
    text = json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return escape_json_text(text)


def figure_json(figure: go.Figure) -> str:
    """A plotly figure's ``{"data", "layout"}`` as embeddable JSON (plotly's own encoder)."""
    text = figure.to_json(validate=False, pretty=False, remove_uids=True)
    payload = json.loads(text)
    document = {"data": payload.get("data", []), "layout": payload.get("layout", {})}
    return escape_json_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    )


def json_script(element_id: str, json_text: str) -> Markup:
    """A ``<script type="application/json">`` element holding already-escaped JSON text.

    Marked safe for the autoescaping templates: the id is checked against a strict pattern
    and the text must hold none of ``< > &`` (what :func:`escape_json_text` guarantees).
    """
    if not _ELEMENT_ID.match(element_id):
        raise ValueError(f"not a safe element id: {element_id!r}")
    if _UNSAFE_PATTERN.search(json_text):
        raise ValueError("JSON text must go through escape_json_text() before embedding")
    return Markup(f'<script type="application/json" id="{element_id}">{json_text}</script>')


def read_embedded(document: str, element_id: str) -> Any:
    """Parse the JSON of the embedded script element ``element_id`` out of an HTML page.

    What a browser does with ``JSON.parse(element.textContent)``; used by the tests.
    """
    pattern = re.compile(
        rf'<script type="application/json" id="{re.escape(element_id)}">(.*?)</script>',
        re.DOTALL,
    )
    match = pattern.search(document)
    if match is None:
        raise KeyError(f"no embedded JSON with id {element_id!r}")
    return json.loads(match.group(1))
