"""CSV exports that spreadsheet programs cannot mistake for formulas.

Emails, names and checkout metadata come from readers. A cell starting with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula to Excel,
LibreOffice and Google Sheets, so such text gets a leading apostrophe in CSV.
(Wagtail's XLSX export already stores every such cell as text.)"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class FormulaSafeCSVMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``."""

    def write_csv_row(self, writer: Any, row_dict: dict[str, Any]) -> Any:
        safe = {field: csv_safe(value) for field, value in row_dict.items()}
        return super().write_csv_row(writer, safe)  # type: ignore[misc]
