"""Key figures of a project or working group across editions, drawn as server-side SVG.

A profile's updates carry key figures ("3,016 commits", "128 authors"); the same label in
several editions makes a series. Each series is drawn as a small bar chart of its own, because
commits and authors do not share a scale, and the template shows the same numbers in a table
beside the charts: the SVG is for the eye, the table for everyone (screen readers, copying).
No JavaScript, nothing to download: the SVG is part of the HTML.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from base.figures import parse_figure


@dataclass
class Point:
    year: int
    value: float
    display: str


@dataclass
class Series:
    label: str
    points: list = field(default_factory=list)

    @property
    def slug(self):
        return slugify(self.label) or "figure"


def figures_by_label(updates):
    """Series of key figures, one per label, points in year order. `updates` are the profile's
    update pages, each with its `edition` attached (ProfilePage.get_updates does that)."""
    series = {}
    for update in sorted(updates, key=lambda u: u.edition.year):
        for block in update.body:
            if block.block_type != "key_figures":
                continue
            for figure in block.value["figures"]:
                number = parse_figure(figure["value"])
                label = " ".join(str(figure["label"]).split())
                if number is None or not label:
                    continue
                entry = series.setdefault(label.lower(), Series(label=label))
                entry.label = label  # the newest wording wins
                # One point per edition: a label repeated in one update keeps its first value.
                if all(p.year != update.edition.year for p in entry.points):
                    entry.points.append(Point(update.edition.year, number, figure["value"]))
    return list(series.values())


WIDTH, HEIGHT = 240, 150
TOP, BOTTOM, SIDE = 24, 26, 8


def bar_chart_svg(series, chart_id):
    """One series as an SVG bar chart: a bar per edition, its value above, the year below."""
    points = series.points
    peak = max((p.value for p in points), default=0) or 1
    slot = (WIDTH - 2 * SIDE) / max(len(points), 1)
    bar = min(48.0, slot * 0.62)
    plot = HEIGHT - TOP - BOTTOM
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    summary = ", ".join(f"{p.display} in {p.year}" for p in points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(series.label)}</title>',
        f'<desc id="{desc_id}">{escape(summary)}</desc>',
        f'<line class="chart__axis" x1="{SIDE}" x2="{WIDTH - SIDE}"'
        f' y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for index, point in enumerate(points):
        height = max(2.0, plot * point.value / peak)
        x = SIDE + slot * index + (slot - bar) / 2
        y = HEIGHT - BOTTOM - height
        latest = " chart__bar--latest" if index == len(points) - 1 else ""
        centre = x + bar / 2
        parts.append(
            f'<rect class="chart__bar{latest}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}"'
            f' height="{height:.1f}" rx="2"/>'
        )
        parts.append(
            f'<text class="chart__value" x="{centre:.1f}" y="{y - 7:.1f}"'
            f' text-anchor="middle">{escape(point.display)}</text>'
        )
        parts.append(
            f'<text class="chart__year" x="{centre:.1f}" y="{HEIGHT - BOTTOM + 18}"'
            f' text-anchor="middle">{point.year}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def key_figures_chart(updates):
    """What the profile template needs: the years, one row per series with its SVG and its
    value for each year (None where that edition did not report it). Empty when no figure."""
    series = figures_by_label(updates)
    if not series:
        return None
    years = sorted({p.year for s in series for p in s.points})
    rows = []
    for n, entry in enumerate(series, start=1):
        by_year = {p.year: p.display for p in entry.points}
        rows.append(
            {
                "label": entry.label,
                "svg": bar_chart_svg(entry, f"chart-{n}-{entry.slug}"),
                "values": [by_year.get(year) for year in years],
            }
        )
    return {"years": years, "rows": rows}
