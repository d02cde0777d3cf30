"""Vietnamese UI strings of the reports API and document export (danvan.reports.api,
danvan.reports.export_views), merged by tools/vi_catalog.py. The documents' own text is
Vietnamese in the code (it is the official document's wording)."""

VI = {
    "The server cannot print PDF documents: LibreOffice is not installed.": (
        "Máy chủ chưa cài LibreOffice nên chưa in được văn bản ra PDF; hãy tải bản DOCX."
    ),
}
