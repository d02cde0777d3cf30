"""Dates as Vietnamese offices write them."""

from datetime import date


def vn_date(value: date | None) -> str:
    """dd/mm/yyyy, the form every page shows."""
    return value.strftime("%d/%m/%Y") if value else ""


def vn_long_date(value: date) -> str:
    """ "ngày 09 tháng 01 năm 2026": days below 10 and months 1–2 are zero-padded (HD 36)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
