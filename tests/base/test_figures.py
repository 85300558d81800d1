"""Key figures read as data: the text stays, the number, qualifier and unit are derived."""

import pytest

from base.figures import read_figure


@pytest.mark.parametrize(
    "text, number, qualifier, unit",
    [
        ("3,016", 3016, "", ""),
        ("20+", 20, "at least", ""),
        ("54,000+", 54000, "at least", ""),
        ("1.5M", 1_500_000, "", ""),
        ("45%", 45, "", "percent"),
        ("~300", 300, "about", ""),
        ("over 70", 70, "more than", ""),
        ("Top-level", None, "", ""),
        ("", None, "", ""),
    ],
)
def test_a_figure_is_read_as_number_qualifier_and_unit(text, number, qualifier, unit):
    reading = read_figure(text)
    assert (reading.number, reading.qualifier, reading.unit) == (number, qualifier, unit)
