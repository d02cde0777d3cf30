"""Numbers as Vietnamese readers write them (and as English readers do on English pages)."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from danvan.charts import format_compact, format_number, format_percent


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, None, "0"),
        (7, None, "7"),
        (1500, None, "1.500"),
        (12_500_000, None, "12.500.000"),
        (-1500, None, "-1.500"),
        (2.5, None, "2,5"),
        (Decimal("1234.56"), None, "1.234,6"),
        (2.96, None, "3"),  # rounds to a whole number: no ",0"
        (3.0, None, "3"),
        (Decimal("0.05"), None, "0,1"),  # half up, as people round
        (1234.5, 2, "1.234,50"),
        (1234, 0, "1.234"),
        (None, None, "—"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_english_pages_get_english_separators():
    with translation.override("en"):
        assert format_number(1500) == "1,500"
        assert format_number(1234.5, 1) == "1,234.5"
        assert format_percent(45.55) == "45.6%"


def test_percent():
    assert format_percent(45.55) == "45,6%"
    assert format_percent(50) == "50%"
    assert format_percent(0) == "0%"
    assert format_percent(100.0) == "100%"
    assert format_percent(33.333, 2) == "33,33%"


def test_compact_amounts():
    assert format_compact(999_999) == "999.999"
    assert format_compact(1_250_000_000) == f"1,25 {gettext('billion')}"
    assert format_compact(2_000_000_000) == f"2 {gettext('billion')}"
    assert format_compact(350_500_000) == f"350,5 {gettext('million')}"
    assert format_compact(Decimal("12500000")) == f"12,5 {gettext('million')}"
