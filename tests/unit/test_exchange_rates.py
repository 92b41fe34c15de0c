"""The fact checks' currency figures, recomputed from the ECB reference rates.

The ``currencyconverter`` package ships the European Central Bank's daily reference-rate
history; the fact checks quote the rates of 16 Dec 2025 and the sums derived from them.
"""

from __future__ import annotations

from datetime import date

import pytest
from currency_converter import CurrencyConverter

from dashboard.datasets.catalog import load_catalog

DAY = date(2025, 12, 16)


@pytest.fixture(scope="module")
def rates() -> dict[str, float]:
    converter = CurrencyConverter(fallback_on_missing_rate=False)
    return {code: converter.convert(1, "EUR", code, date=DAY) for code in ("GBP", "USD", "NZD")}


@pytest.fixture(scope="module")
def checks():
    return load_catalog().fact_checks.set_index("check_id")


def test_the_quoted_reference_rates_are_the_ecbs(rates, checks):
    quoted = f"1 EUR = {rates['GBP']:.4f} GBP = {rates['NZD']:.4f} NZD = {rates['USD']:.4f} USD"
    for check_id in ("fc_submarine_cost_nzd", "fc_submarine_cost_usd"):
        assert quoted in checks.loc[check_id, "source_quote"]
        assert checks.loc[check_id, "source_id"] == "ecb_reference_rates"


def test_300_million_pounds_is_696_million_new_zealand_dollars(rates, checks):
    nzd_per_gbp = rates["NZD"] / rates["GBP"]
    usd_per_gbp = rates["USD"] / rates["GBP"]
    assert round(300 * nzd_per_gbp) == 696  # the article's "$696m" are NZ dollars
    assert round(300 * usd_per_gbp) == 403  # not US dollars
    nzd = checks.loc["fc_submarine_cost_nzd", "finding"]
    usd = checks.loc["fc_submarine_cost_usd", "finding"]
    assert f"£1 = NZ${nzd_per_gbp:.4f}" in nzd and "£300m = NZ$696m" in nzd
    assert f"£1 = US${usd_per_gbp:.4f}" in usd and "£300m = US$403m" in usd
    # the SBU's US$400m, in pounds at the same rates
    gbp = checks.loc["fc_submarine_cost_gbp", "finding"]
    assert f"US$400m is £{400 / usd_per_gbp:.0f}m" in gbp
