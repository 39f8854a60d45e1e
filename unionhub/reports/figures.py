import datetime

from .registry import sections_for_json


def default_as_of(year: int, today: datetime.date) -> datetime.date:
    """31 December of the year, or today for the current year."""
    end = datetime.date(year, 12, 31)
    return min(end, today) if today.year == year else end


def report_figures(*, org, year: int, as_of: datetime.date) -> dict:
    """The one computation behind the JSON, the xlsx and the PDF."""
    figures = {"year": year, "org": org.code, "as_of": as_of.isoformat()}
    for section in sections_for_json():
        figures[section.key] = section.figures(org=org, year=year, as_of=as_of)
    return figures
