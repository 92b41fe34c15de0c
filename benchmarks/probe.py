"""In-page timing probe for the benchmarks: when did the page become ready, when was the input.

Installed as an init script next to ``tests.harness.browser.RUN_COUNTER_JS`` (which counts finished
script runs and stamps the last DOM change). Every animation frame it evaluates the readiness
predicate the tests wait for (``tests.harness.browser.APP_READY_JS``) with "more runs finished
than ``baseline``":

``window.__bench.readySince``  the moment (``performance.now()``, ms since navigation start)
                               from which the page has been ready without interruption: the
                               frame the predicate became true, moved later to the last DOM
                               change while it stays true. ``null`` while not ready.
``window.__bench.lastInputAt`` the last ``click`` or ``keydown`` (capture phase, so a click on
                               the map canvas or a dropdown option counts).

*Interactive* (page load) is ``readySince`` once the page has stayed ready for
``tests.harness.browser.QUIET_MS``; a *round trip* is ``readySince - lastInputAt`` after an input
that caused a rerun (``baseline`` is set to the run count just before the input).
"""

from __future__ import annotations

from typing import Any

from tests.harness.browser import APP_READY_JS, QUIET_MS

PROBE_JS = """
(() => {
  if (window.__bench) return;
  const bench = window.__bench = {readySince: null, lastInputAt: null, baseline: 0};
  const onInput = () => { bench.lastInputAt = performance.now(); };
  window.addEventListener('click', onInput, true);
  window.addEventListener('keydown', onInput, true);
  const ready = () => (APP_READY_JS)(bench.baseline);
  const tick = () => {
    const now = performance.now();
    if (!ready()) {
      bench.readySince = null;
    } else if (bench.readySince === null) {
      bench.readySince = now;
    } else if ((window.__stLastMutationAt || 0) > bench.readySince) {
      bench.readySince = window.__stLastMutationAt;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""".replace("APP_READY_JS", APP_READY_JS.strip())

#: Returns ``{since: readySince}`` once ready for ``quietMs`` (read in the same evaluation, so
#: a frame that resets it in between cannot be observed), else false.
_STABLE_JS = """
(quietMs) => {
  const bench = window.__bench;
  if (!bench || bench.readySince === null) return false;
  return performance.now() - bench.readySince >= quietMs ? {since: bench.readySince} : false;
}
"""


def install(context: Any) -> None:
    """Add the probe to every page of a Playwright context."""
    context.add_init_script(PROBE_JS)


def wait_ready(page: Any, timeout_ms: float) -> float:
    """Wait until the page has been ready for ``QUIET_MS``; return ``readySince`` (ms)."""
    handle = page.wait_for_function(_STABLE_JS, arg=QUIET_MS, timeout=timeout_ms, polling=20)
    return float(handle.json_value()["since"])


def arm(page: Any) -> None:
    """Require one more finished run before the page counts as ready again."""
    page.evaluate(
        """() => {
          window.__bench.baseline = window.__stRunsFinished || 0;
          window.__bench.readySince = null;
          window.__bench.lastInputAt = null;
        }"""
    )


def last_input(page: Any) -> float | None:
    """``performance.now()`` of the last click or key press, or None."""
    value = page.evaluate("() => window.__bench.lastInputAt")
    return None if value is None else float(value)
