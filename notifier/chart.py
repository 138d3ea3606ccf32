"""A small PNG chart of a print's recent history, for the alert's Slack thread. matplotlib's object API with the
Agg canvas: no pyplot, no display, no global state, so it is safe in the delivery worker thread.

Pure apart from CPU: chart in, PNG bytes out (None when there is nothing worth drawing). numpy and matplotlib
are imported by the first drawing, never by the daemon's start-up.
"""

from __future__ import annotations

import io

from domain.formats import with_unit
from notifier.cards.common import Chart

SIZE_INCHES = (6.4, 2.6)
DPI = 100
LINE, MARK = "#1f6feb", "#d1242f"


def _drawable(text: str) -> bool:
    """The bundled DejaVu font has no CJK glyphs; such text would come out as boxes."""
    return all(ord(c) < 0x2E80 for c in text)


def chart_title(chart: Chart) -> str:
    """Name and unit where the default font can draw them; a CJK name falls back to the series id."""
    label = chart.name if chart.name and _drawable(chart.name) else chart.series
    return f"{label} ({chart.unit})" if chart.unit and _drawable(chart.unit) else label


def chart_png(chart: Chart) -> bytes | None:
    import numpy as np

    periods, values = list(chart.periods), list(chart.values)
    try:
        days = np.array(periods, dtype="datetime64[D]")
    except ValueError:
        return None
    if len(days) < 2:
        return None

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot(days, values, color=LINE, linewidth=1.5)
    ax.scatter([days[-1]], [values[-1]], color=MARK, zorder=3, s=18)
    unit = chart.unit
    ax.annotate(
        with_unit(values[-1], unit if _drawable(unit) else ""),
        (days[-1], values[-1]),
        textcoords="offset points",
        xytext=(-4, 6),
        ha="right",
        fontsize=8,
        color=MARK,
    )
    if min(values) < 0 < max(values):
        ax.axhline(0, color="#888888", linewidth=0.8)
    locator = AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_title(chart_title(chart), fontsize=9, loc="left")
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3, linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
