"""A small bar chart, laid out here and drawn as inline SVG by a template
(``membership/reports/bar_chart.html``): no script, no third-party code, and
nothing the admin's Content Security Policy has to allow. Colours come from
classes in ``static/css/audience-dashboard.css``."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 240
LEFT = 64  # room for the value labels
RIGHT = 8
TOP = 12
BOTTOM = 28  # room for the month labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_label: str
    show_label: bool

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    axis_x: int = LEFT - 6
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - 8


def nice_ceiling(value: float, steps: Sequence[float] = (1, 2, 2.5, 5, 10)) -> float:
    """The smallest of ``steps`` times a power of ten that is at least ``value`` (and > 0)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in steps:
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def tick_values(top: float, whole_numbers: bool) -> list[float]:
    """0, the middle and the top; for counts only the ones that are whole
    numbers (an axis of one member read "1, 0, 0" when 0.5 was rounded)."""
    values = [0, top / 2, top]
    if whole_numbers:
        values = [v for v in values if float(v).is_integer()]
    return values


def bar_chart(
    id: str,
    title: str,
    points: Sequence[tuple[str, float]],
    format_value: Callable[[float], str],
    *,
    whole_numbers: bool = False,
) -> BarChart:
    """One bar per ``(label, value)``; the axis runs from 0 to a round number.
    ``whole_numbers`` (head counts): the axis ticks are whole numbers only."""
    highest = max((value for _, value in points), default=0)
    top = nice_ceiling(highest, (1, 2, 5, 10)) if whole_numbers else nice_ceiling(highest)
    plot_height = HEIGHT - BOTTOM - TOP
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / max(len(points), 1)
    every = max(1, math.ceil(len(points) / 12))  # at most 12 month labels
    bars = []
    for index, (label, value) in enumerate(points):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value_label=format_value(value),
                show_label=(len(points) - 1 - index) % every == 0,
            )
        )
    ticks = [
        Tick(y=round(HEIGHT - BOTTOM - plot_height * value / top, 1), label=format_value(value))
        for value in tick_values(top, whole_numbers)
    ]
    first, last = (points[0][0], points[-1][0]) if points else ("", "")
    description = (
        f"{len(points)} months from {first} to {last}; highest "
        f"{format_value(max((v for _, v in points), default=0))}."
    )
    return BarChart(id=id, title=title, description=description, bars=bars, ticks=ticks)
