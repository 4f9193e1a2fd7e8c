"""Exports that open safely in a spreadsheet.

A cell starting with "=", "+", "-" or "@" is run as a formula by spreadsheets: a visitor
who types ``=HYPERLINK(...)`` as their name could make it a link in a manager's sheet. A
leading apostrophe keeps it text. Wagtail already does this for XLSX, not for CSV.
"""

from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """``value``, kept as text in a spreadsheet; numbers such as "-3" stay numbers."""
    if value[:1] in FORMULA_STARTS and not _is_number(value):
        return "'" + value
    return value


def _is_number(value):
    try:
        float(value)
    except ValueError:
        return False
    return True


class SpreadsheetSafeExport:
    """For an admin index view with ``list_export``: CSV cells stay text."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return spreadsheet_text(value)
        return value


class SafeExportSnippetIndexView(SpreadsheetSafeExport, SnippetIndexView):
    pass
