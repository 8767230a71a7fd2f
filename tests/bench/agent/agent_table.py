#!/usr/bin/env python3
"""The tables of scripts/lib/agent_bench.sh, from its rows (JSON Lines, one per run): "floor" rows
(trace-floor --json), "direct" and "agent" rows (cli_replay.py's figures merged with forge-sim's
/_sim/stats, the GETs it saw, pressure_state.py's lost slots and the agent's idle samples) and
one "load" row (post_load.py's). Prints the replay table, its Markdown twin and the agent's
memory, and exits 1 when an agent run sent more requests than the floor or lost a post (a slot
whose final content the host does not hold, a step or flush that failed, a load post refused).

Usage: agent_table.py ROWS
Standard library only.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from post_load import percentile  # noqa: E402

HEAD = ["trace", "host", "mode", "requests", "GETs", "floor", "vs floor", "step p50 ms",
        "step p99 ms", "start-up ms", "flushes ms", "wall s", "429s", "lost"]


def cell(v, fmt="{}"):
    return "-" if v is None else fmt.format(v)


def table_rows(rows):
    """([cells], problems) of every direct and agent run against its trace's floor."""
    floors = {(os.path.basename(r["trace"]), r["host"]): r for r in rows if r["mode"] == "floor"}
    cells, problems = [], []
    for r in rows:
        if r["mode"] not in ("direct", "agent"):
            continue
        floor = floors.get((r["trace"], r["host"]), {})
        requests, lowest = r.get("requests"), floor.get("floor")
        over = None if requests is None or not lowest else requests / lowest
        cells.append([r["trace"], r["host"], r["mode"], cell(requests),
                      f'{cell(r.get("lookups"))}/{cell(floor.get("lookups"))}', cell(lowest),
                      cell(over, "{:.2f}x"), cell(percentile(r.get("waits_ms"), 50), "{:.1f}"),
                      cell(percentile(r.get("waits_ms"), 99), "{:.1f}"),
                      cell(r.get("startup_ms"), "{:.1f}"),
                      "+".join(f"{ms:.0f}" for ms in r.get("flushes_ms", [])) or "-",
                      cell(r.get("wall_ms") and r["wall_ms"] / 1000.0, "{:.1f}"),
                      cell(r.get("rate_limited")),
                      f'{cell(r.get("lost"))}/{cell(r.get("slots"))}'])
        if r["mode"] == "agent":
            problems += agent_problems(r, lowest)
    return cells, problems


def agent_problems(r, lowest):
    name = f'{r["trace"]} on {r["host"]} through the agent'
    out = []
    if r.get("requests") is None or lowest is None or r["requests"] > lowest:
        out.append(f'{name}: {cell(r.get("requests"))} requests, the floor is {cell(lowest)}')
    if r.get("lost") != 0:
        out.append(f'{name}: {cell(r.get("lost"))} slots lost their final content')
    if r.get("failed") or r.get("flush_exit"):
        out.append(f'{name}: {r.get("failed")} steps failed, the last flush exited '
                   f'{r.get("flush_exit")}')
    if r.get("invalid"):
        out.append(f'{name}: the host found {r["invalid"]} requests invalid')
    return out


def ratios(rows):
    """Lines "trace host: direct/agent Nx" for every pair of runs."""
    runs = {(r["trace"], r["host"], r["mode"]): r for r in rows if "requests" in r}
    out = []
    for (trace, host, mode), direct in sorted(runs.items()):
        agent = runs.get((trace, host, "agent"))
        if mode != "direct" or not agent or not agent["requests"]:
            continue
        out.append(f'{trace} on {host}: direct/agent requests {direct["requests"] / agent["requests"]:.2f}x, '
                   f'wall {direct["wall_ms"] / max(agent["wall_ms"], 1):.2f}x')
    return out


def print_table(cells):
    widths = [max(len(str(c)) for c in col) for col in zip(HEAD, *cells)]
    for line in [HEAD] + cells:
        print("  ".join(str(c).rjust(w) if i > 2 else str(c).ljust(w)
                        for i, (c, w) in enumerate(zip(line, widths))))
    print()
    print("| " + " | ".join(HEAD) + " |")
    print("|" + "---|" * len(HEAD))
    for line in cells:
        print("| " + " | ".join(str(c) for c in line) + " |")


def memory_lines(rows):
    """The agent's memory lines, and the problems of the load run."""
    lines, problems = [], []
    for r in rows:
        if r["mode"] == "agent":
            lines.append(f'idle, {r["trace"]} on {r["host"]}: {cell(r.get("idle_start_rss_kb"))} kB '
                         f'RSS and {cell(r.get("idle_start_threads"))} threads after start-up, '
                         f'{cell(r.get("idle_end_rss_kb"))} kB and '
                         f'{cell(r.get("idle_end_threads"))} after the replay')
        if r["mode"] == "load" and "posts" not in r:
            problems.append("under load: the load run failed")
        elif r["mode"] == "load":
            lines.append(f'under load: {r["posts"]} posts at {r["rate"]}/s, one connection each: '
                         f'max {r["rss_max_kb"]} kB RSS, {r["threads_max"]} threads '
                         f'({r["samples"]} samples); acknowledged {r["acked"]}, p50 '
                         f'{r["ack_p50_ms"]} ms, p99 {r["ack_p99_ms"]} ms; idle '
                         f'{r["idle_start_rss_kb"]} kB before, {r["idle_end_rss_kb"]} kB after')
            if r["refused"]:
                problems.append(f'under load: {r["refused"]} of {r["posts"]} posts not taken')
    return lines, problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    cells, problems = table_rows(rows)
    print()
    print("separate cibatch commands, one per op: without an agent (direct) and through one")
    print_table(cells)
    print()
    for line in ratios(rows):
        print(line)
    print("GETs: look-ups the host saw / the floor's cold-start reads; step: a posting "
          "command's wall time;\nstart-up: `cibatch --help`'s (the process alone); flushes: each "
          "`cibatch flush`, the build's last step last")
    print()
    lines, load_problems = memory_lines(rows)
    print("cibatch agent memory:")
    for line in lines:
        print("  " + line)
    print()
    for p in problems + load_problems:
        print("agent: " + p)
    return 1 if problems or load_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
