"""Every key figure of the report as a row of data: what the edition, profile and site-wide
downloads (CSV and JSON) and the API's figures are made of."""

from base.figures import key_figures, read_figure

COLUMNS = [
    "edition",
    "section",
    "project_or_working_group",
    "label",
    "value",
    "qualifier",
    "unit",
    "text",
    "source_url",
]


def profile_of(section):
    """The project or working group a section reports on, if any."""
    for name in ("project", "working_group"):
        profile = getattr(section, name, None)
        if profile is not None:
            return profile
    return None


def section_rows(section, year, request):
    profile = profile_of(section)
    url = section.get_full_url(request)
    for _title, text, label in key_figures(section):
        reading = read_figure(text)
        yield {
            "edition": year,
            "section": section.title,
            "project_or_working_group": profile.title if profile is not None else "",
            "label": " ".join(str(label).split()),
            "value": reading.number,
            "qualifier": reading.qualifier,
            "unit": reading.unit,
            "text": text,
            "source_url": url,
        }


def edition_rows(edition, request):
    """The released edition's figures in reading order, and the pages they come from."""
    sections = edition.get_sections()
    rows = [row for section in sections for row in section_rows(section, edition.year, request)]
    return rows, [edition, *sections]


def profile_rows(profile, request):
    """A profile's figures across editions, oldest edition first."""
    updates = sorted(profile.get_updates(), key=lambda update: update.edition.year)
    rows = [row for update in updates for row in section_rows(update, update.edition.year, request)]
    return rows, [profile, *updates]
