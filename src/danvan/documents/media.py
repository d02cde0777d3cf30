"""The media types of the documents the system writes: a module of its own, so that the routers
that name them (in the OpenAPI description) need not load the libraries that write them."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
REPORT_FORMATS = {"docx": DOCX, "xlsx": XLSX, "pdf": PDF}  # a report's downloads, by extension
