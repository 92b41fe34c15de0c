"""The browser harness that the browser tests and the benchmarks both import (no tests here)."""
