"""How the audience reports show things: dates as dates, and downloads as
buttons in the header.

Wagtail's ``DateColumn`` shows "Just now" or "3 hours ago", which tells staff
nothing when they compare rows or match them with Stripe; these columns show
the date (and time) in the site's time zone. Wagtail puts "Download CSV/XLSX"
in the header's "⋯" menu, where staff did not find them."""

import datetime
from collections import OrderedDict
from functools import cached_property
from typing import Any

from django.utils import dateformat, timezone

from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton

DATE = "j M Y"
DATE_TIME = "j M Y, H:i"


def absolute(value: Any, with_time: bool = True) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        return dateformat.format(value, DATE_TIME if with_time else DATE)
    return dateformat.format(value, DATE)


class AbsoluteDateColumn(Column):
    """A date, or a date and time, as it is ("5 Jan 2026, 12:00")."""

    def __init__(self, name: str, *, with_time: bool = True, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.with_time = with_time

    def get_value(self, instance: Any) -> str:
        return absolute(super().get_value(instance), self.with_time)


class VisibleDownloadsMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: "Download CSV"
    and "Download XLSX" as header buttons rather than in the "⋯" menu."""

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        buttons = list(super().header_buttons)  # type: ignore[misc]
        if self.show_export_buttons:  # type: ignore[attr-defined]
            buttons += [
                HeaderButton(
                    "Download CSV",
                    url=self.csv_export_url,  # type: ignore[attr-defined]
                    icon_name="download",
                    priority=100,
                ),
                HeaderButton(
                    "Download XLSX",
                    url=self.xlsx_export_url,  # type: ignore[attr-defined]
                    icon_name="download",
                    priority=110,
                ),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        more = super().header_more_buttons  # type: ignore[misc]
        return [b for b in more if "export=" not in (getattr(b, "url", "") or "")]


class MonthlyExportMixin:
    """CSV/XLSX of a month-by-month report: the month and when it was counted,
    then the report's own ``export_columns()`` (key: heading) with
    ``export_values(item)``
    in the same order; the file is ``<filename_stem>-<today>``."""

    filename_stem: str

    def export_columns(self) -> dict[str, str]:
        raise NotImplementedError

    def export_values(self, item: Any) -> list[Any]:
        raise NotImplementedError

    @property
    def list_export(self) -> list[str]:
        return ["month", "as_of", *self.export_columns()]

    @property
    def export_headings(self) -> dict[str, str]:
        return {"month": "Month", "as_of": "Counted at", **self.export_columns()}

    @cached_property
    def show_export_buttons(self) -> bool:
        return True

    def get_filename(self) -> str:
        return f"{self.filename_stem}-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item: Any) -> "OrderedDict[str, Any]":
        counted = timezone.localtime(item.as_of).isoformat(timespec="seconds")
        return OrderedDict(
            [
                ("month", item.month.key),
                ("as_of", counted),
                *zip(self.export_columns(), self.export_values(item), strict=True),
            ]
        )
