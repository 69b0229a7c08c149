"""The cards' date filters write what Django's ``date`` filter writes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.template.defaultfilters import date
from django.utils import timezone

import pytest

from articles.templatetags.date_tags import day_month_year, iso_datetime

UTC = ZoneInfo("UTC")
MOMENTS = [
    datetime(2026, 1, 1, 0, 0, 0, tzinfo=UTC) + timedelta(days=day, hours=day % 24, minutes=day)
    for day in range(0, 366, 7)
] + [datetime(999, 3, 9, 7, 5, 3, tzinfo=UTC), datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Ljubljana", "America/St_Johns", "Asia/Kolkata"])
def test_the_cards_dates_are_djangos(settings, zone):
    settings.TIME_ZONE = zone
    with timezone.override(ZoneInfo(zone)):
        for moment in MOMENTS:
            local = timezone.localtime(moment)  # what the template hands the filters
            assert iso_datetime(local) == date(local, "Y-m-d\\TH:i:sO"), moment
            assert day_month_year(local) == date(local, "j M Y"), moment


def test_no_date_is_an_empty_string():
    assert iso_datetime(None) == day_month_year(None) == ""
