"""Writes a trace (JSON Lines, docs/TRACES.md) from timed events, as the generators need."""
import json


def trace_lines(events):
    """The trace's ops from (time in ms, op) pairs sorted by time: a sleep before each later op."""
    now = 0
    for t, op in events:
        if t > now:
            yield {"op": "sleep", "ms": t - now}
            now = t
        yield op


def write_trace(path, events):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for op in trace_lines(events):
            f.write(json.dumps(op, separators=(",", ":")) + "\n")
