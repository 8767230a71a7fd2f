#!/usr/bin/env python3
"""Replays a trace (docs/TRACES.md) as a build's shell steps would: one `cibatch` process per op,
each started at the op's offset in the trace (the sleeps before it, added up; a step that
overruns delays the next), then `cibatch flush`, the build's last step. Prints one JSON line:

  {"steps":N,"failed":K,"waits_ms":[...],"flushes_ms":[...],"flush_exit":E,"wall_ms":W,
   "startup_ms":S}

waits_ms: each posting step's wall time, in trace order; flushes_ms: each `cibatch flush`'s (the
trace's flush ops, then the last one); wall_ms: from the first step's start until the last
flush returned; startup_ms: the median of 10 runs of `cibatch --help` before the replay, what
starting the process costs alone. Whether
the steps go through an agent is the environment's business (CIBATCH_AGENT_SOCKET, or
CIBATCH_AGENT=off); --arg adds an option to every command (e.g. --arg=--set --arg=K=V).

Usage: cli_replay.py TRACE --cibatch BIN --config FILE [--tag N] [--arg A ...]
Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

STATUS_FIELDS = ("name", "url", "description", "ref")
REPORT_FIELDS = ("details", "link", "reporter")
SONAR_FILES = ("gate", "measures", "sarif")
SONAR_TEXT = ("pr", "id", "server_url", "dashboard_url")


def options(op, names):
    """--name VALUE for each of names the op has (underscores become dashes)."""
    out = []
    for name in names:
        if name in op:
            out += ["--" + name.replace("_", "-"), str(op[name])]
    return out


def json_file(tmp, value):
    """A temporary JSON file holding value, removed with tmp."""
    fd, path = tempfile.mkstemp(suffix=".json", dir=tmp)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(value, f)
    return path


def sonar_args(op, trace_dir):
    issues = op.get("issues", [])
    issues = [issues] if isinstance(issues, str) else issues
    out = ["--repo", op["repo"], "--commit", op["commit"]] + options(op, SONAR_TEXT)
    for page in issues:
        out += ["--issues", os.path.join(trace_dir, page)]
    for name in SONAR_FILES:
        if name in op:
            out += ["--" + name, os.path.join(trace_dir, op[name])]
    return out


def step_args(op, trace_dir, tmp):
    """The cibatch command line (after the program) of one trace op; None for a sleep."""
    kind = op["op"]
    if kind == "status":
        return ["status", "--repo", op["repo"], "--commit", op["commit"], "--key", op["key"],
                "--state", op["state"]] + options(op, STATUS_FIELDS)
    if kind == "comment":
        return ["comment", "--repo", op["repo"], "--pr", str(op["pr"]), "--key", op["key"],
                "--body", op["body"]]
    if kind == "report":
        out = ["report", "--repo", op["repo"], "--commit", op["commit"], "--id", op["id"],
               "--title", op["title"], "--result", op["result"]] + options(op, REPORT_FIELDS)
        if "data" in op:
            out += ["--data-json", json_file(tmp, op["data"])]
        if "annotations" in op:
            out += ["--annotations-json", json_file(tmp, op["annotations"])]
        return out
    if kind == "sonar":
        return ["sonar"] + sonar_args(op, trace_dir)
    if kind == "flush":
        return ["flush"] + (["--timeout-ms", str(op["timeout_ms"])] if "timeout_ms" in op else [])
    if kind == "sleep":
        return None
    raise ValueError(f"unknown op {kind!r}")


def schedule(lines, trace_dir, tmp):
    """[(offset_ms, args)] of every step, in trace order."""
    steps, offset = [], 0
    for line in lines:
        if not line.strip():
            continue
        op = json.loads(line)
        if op["op"] == "sleep":
            offset += op["ms"]
            continue
        steps.append((offset, step_args(op, trace_dir, tmp)))
    return steps


def run_step(command, log):
    """(wall ms, exit status) of one command; its output goes to log."""
    start = time.monotonic()
    rc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log).returncode
    return (time.monotonic() - start) * 1000.0, rc


def startup_ms(cibatch, runs=10):
    """The median wall time of `cibatch --help`: a process's start-up and exit alone."""
    with open(os.devnull, "w", encoding="utf-8") as null:
        times = sorted(run_step([cibatch, "--help"], null)[0] for _ in range(runs))
    return round(times[len(times) // 2], 2)


def replay(steps, common, cibatch, log):
    waits, flushes, failed = [], [], 0
    start = time.monotonic()
    for offset, args in steps:
        delay = start + offset / 1000.0 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        ms, rc = run_step([cibatch] + args + common, log)
        (flushes if args[0] == "flush" else waits).append(round(ms, 2))
        failed += rc != 0
    flush_ms, flush_rc = run_step([cibatch, "flush"] + common, log)
    return {"steps": len(steps), "failed": failed, "waits_ms": waits,
            "flushes_ms": flushes + [round(flush_ms, 2)], "flush_exit": flush_rc,
            "wall_ms": round((time.monotonic() - start) * 1000.0, 1)}


def main(argv):
    p = argparse.ArgumentParser(description="Replays a trace as one cibatch process per op.")
    p.add_argument("trace")
    p.add_argument("--cibatch", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--tag", default="1")
    p.add_argument("--arg", action="append", default=[])
    p.add_argument("--log", default=os.devnull, help="the commands' output (default: dropped)")
    a = p.parse_args(argv[1:])
    common = ["--config", a.config, "--tag", a.tag, "-q"] + a.arg
    with tempfile.TemporaryDirectory() as tmp, open(a.trace, encoding="utf-8") as f:
        steps = schedule(f, os.path.dirname(os.path.abspath(a.trace)), tmp)
        with open(a.log, "a", encoding="utf-8") as log:
            result = {"startup_ms": startup_ms(a.cibatch)}
            result.update(replay(steps, common, a.cibatch, log))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
