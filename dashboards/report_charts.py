"""The report's charts: server-rendered SVG from pygal, shown as images (no script runs in
an SVG loaded through ``<img>``, and the page's CSP forbids inline style, which pygal's SVG
carries) with the data table beside each. The same images go into the PDF."""

from __future__ import annotations

import base64
import re
from typing import Any

import pygal
from pygal.style import Style

# GOV.UK colour palette: blue, green, orange, purple, red, turquoise, pink, brown.
COLOURS = ("#1d70b8", "#00703c", "#f47738", "#4c2c92", "#d4351c", "#28a197", "#d53880", "#b58840")

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    colors=COLOURS,
    font_family="Arial, Helvetica, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    value_font_size=12,
)


_SCRIPT = re.compile(rb"<script\b.*?</script>", re.S)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def chart_svg(table: dict[str, Any]) -> bytes:
    """The table as a line or bar chart: one series per column, one point per row."""
    kind = pygal.Line if table["chart"] == "line" else pygal.Bar
    chart = kind(
        style=STYLE,
        width=760,
        height=380,
        js=[],  # no script: the SVG is shown as an image
        disable_xml_declaration=False,
        show_y_guides=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_legend=40,
        x_label_rotation=0 if len(table["rows"]) <= 8 else 30,
        print_values=False,
        min_scale=1,
        title=table["title"],
    )
    chart.x_labels = [label for label, _cells in table["rows"]]
    for index, column in enumerate(table["columns"]):
        chart.add(column, [_number(cells[index]["value"]) for _label, cells in table["rows"]])
    # pygal always writes a small configuration <script>; the chart does not need it.
    return _SCRIPT.sub(b"", chart.render())


def chart_data_uri(table: dict[str, Any]) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(table)).decode("ascii")


def add_charts(content: dict[str, Any]) -> dict[str, Any]:
    """Each table that asks for a chart (and has rows) gets ``chart_uri``, in place."""
    for section in content.get("sections", []):
        for table in section.get("tables", []):
            if table.get("chart") and table["rows"]:
                table["chart_uri"] = chart_data_uri(table)
    return content
