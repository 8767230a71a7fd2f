#!/usr/bin/env python3
"""Draws the budget-pressure curve as a self-contained SVG: requests sent (left axis) and time to
deliver every final state (right axis) against the budget, loosest first.

Usage: pressure_chart.py ROWS.jsonl OUT.svg
ROWS: one JSON object a line, {"budget": N (0: unlimited), "requests", "seconds", "lost", ...}.
Standard library only, so the chart can be drawn wherever the benchmark runs.
"""
import json
import math
import os
import sys
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 80, 80, 78, 70      # the plot's margins
REQUESTS_COLOUR = "#1f5fa8"
SECONDS_COLOUR = "#c4501b"
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"


def budget_label(budget):
    return "unlimited" if not budget else str(budget)


def nice_scale(top, ticks=5):
    """(step, maximum): a 1-2-5 step so that about `ticks` steps cover `top`."""
    if top <= 0:
        return 1, ticks
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step, step * math.ceil(top / step)


def number(value):
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def text(x, y, content, anchor="middle", size=12, colour="#222", extra=""):
    return (f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' font-size='{size}' "
            f"fill='{colour}' {FONT}{extra}>{escape(content)}</text>")


def series(points, colour, label_below, fmt):
    """A line through the points, a dot on each and its value next to it."""
    parts = []
    drawn = [(x, y, v) for x, y, v in points if v is not None]
    if len(drawn) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in drawn)
        parts.append(f"<polyline points='{path}' fill='none' stroke='{colour}' "
                     f"stroke-width='2.5'/>")
    for x, y, v in drawn:
        parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4.5' fill='{colour}'/>")
        # Above a falling line, below and to the right of a rising one: clear of the line.
        if label_below:
            parts.append(text(x + 7, y + 16, fmt(v), anchor="start", size=11, colour=colour,
                              extra=" font-weight='bold'"))
        else:
            parts.append(text(x, y - 10, fmt(v), size=11, colour=colour,
                              extra=" font-weight='bold'"))
    return parts


def svg(rows, title="Budget pressure: 6-PR monorepo trace"):
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    requests = [r.get("requests") for r in rows]
    seconds = [r.get("seconds") for r in rows]
    req_step, req_max = nice_scale(1.1 * max([v for v in requests if v is not None] or [1]))
    sec_step, sec_max = nice_scale(1.1 * max([v for v in seconds if v is not None] or [1]))
    slot_w = plot_w / max(len(rows), 1)
    xs = [LEFT + slot_w * (i + 0.5) for i in range(len(rows))]

    def y_of(value, top):
        return TOP + plot_h - plot_h * value / top

    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
           f"viewBox='0 0 {WIDTH} {HEIGHT}'>",
           f"<rect width='{WIDTH}' height='{HEIGHT}' fill='white'/>",
           text(WIDTH / 2, 26, title, size=16, extra=" font-weight='bold'")]
    lost = sum(r.get("lost") or 0 for r in rows)
    limited = sum(r.get("rate_limited") or 0 for r in rows)
    out.append(text(WIDTH / 2, 46, f"lost content: {lost}, 429 answers: {limited}, "
                                   f"over all {len(rows)} budgets", size=12, colour="#555"))

    # Grid and both value axes; the grid follows the requests axis.
    for i in range(int(round(req_max / req_step)) + 1):
        value = i * req_step
        y = y_of(value, req_max)
        out.append(f"<line x1='{LEFT}' y1='{y:.1f}' x2='{LEFT + plot_w}' y2='{y:.1f}' "
                   f"stroke='#e3e3e3'/>")
        out.append(text(LEFT - 8, y + 4, number(value), anchor="end", size=11,
                        colour=REQUESTS_COLOUR))
    for i in range(int(round(sec_max / sec_step)) + 1):
        value = i * sec_step
        y = y_of(value, sec_max)
        out.append(f"<line x1='{LEFT + plot_w}' y1='{y:.1f}' x2='{LEFT + plot_w + 5}' "
                   f"y2='{y:.1f}' stroke='{SECONDS_COLOUR}'/>")
        out.append(text(LEFT + plot_w + 8, y + 4, number(value), anchor="start", size=11,
                        colour=SECONDS_COLOUR))
    out.append(f"<line x1='{LEFT}' y1='{TOP}' x2='{LEFT}' y2='{TOP + plot_h}' "
               f"stroke='{REQUESTS_COLOUR}' stroke-width='1.5'/>")
    out.append(f"<line x1='{LEFT + plot_w}' y1='{TOP}' x2='{LEFT + plot_w}' y2='{TOP + plot_h}' "
               f"stroke='{SECONDS_COLOUR}' stroke-width='1.5'/>")
    out.append(f"<line x1='{LEFT}' y1='{TOP + plot_h}' x2='{LEFT + plot_w}' y2='{TOP + plot_h}' "
               f"stroke='#444' stroke-width='1.5'/>")
    for x, row in zip(xs, rows):
        out.append(f"<line x1='{x:.1f}' y1='{TOP + plot_h}' x2='{x:.1f}' y2='{TOP + plot_h + 5}' "
                   f"stroke='#444'/>")
        out.append(text(x, TOP + plot_h + 20, budget_label(row.get("budget")), size=12))
    out.append(text(LEFT + plot_w / 2, HEIGHT - 18, "budget (requests per 10 s window)", size=13))
    mid = TOP + plot_h / 2
    out.append(text(22, mid, "requests sent", size=13, colour=REQUESTS_COLOUR,
                    extra=f" transform='rotate(-90 22 {mid:.1f})'"))
    right = WIDTH - 20
    out.append(text(right, mid, "time to deliver all final states (s)", size=13,
                    colour=SECONDS_COLOUR, extra=f" transform='rotate(90 {right} {mid:.1f})'"))

    out += series([(x, y_of(v, req_max) if v is not None else 0, v)
                   for x, v in zip(xs, requests)], REQUESTS_COLOUR, label_below=False,
                   fmt=lambda v: f"{v:.0f}")
    out += series([(x, y_of(v, sec_max) if v is not None else 0, v)
                   for x, v in zip(xs, seconds)], SECONDS_COLOUR, label_below=True,
                   fmt=lambda v: f"{v:.1f} s")

    # Legend, above the plot.
    lx, ly = LEFT + 10, 62
    for colour, label in ((REQUESTS_COLOUR, "requests sent"),
                          (SECONDS_COLOUR, "time to deliver (s)")):
        out.append(f"<line x1='{lx}' y1='{ly}' x2='{lx + 24}' y2='{ly}' stroke='{colour}' "
                   f"stroke-width='2.5'/>")
        out.append(f"<circle cx='{lx + 12}' cy='{ly}' r='4' fill='{colour}'/>")
        out.append(text(lx + 30, ly + 4, label, anchor="start", size=12))
        lx += 170
    out.append("</svg>")
    return "\n".join(out) + "\n"


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv):
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__.strip())
        return 0
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rows = read_rows(argv[1])
    os.makedirs(os.path.dirname(argv[2]) or ".", exist_ok=True)
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(svg(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
