#!/usr/bin/env python3
"""The polling workload of the gateway (issue 16): 20 repositories with open pull requests
polled every 10 s by three tools (each poll: the PR list, then each open PR), one repository
listing every 60 s, and a monorepo CI trace replayed by the library (`cibatch replay`), over a
compressed hour (--scale 30: an hour in 2 minutes, a poll every 1/3 s) against forge-sim
playing Bitbucket Cloud with its limit of 1,000 requests an hour scaled to match (the window
shrinks, the count stays; the library's and the gateway's budget.limit/window_s the same).

It runs once with every tool straight to forge-sim on the account's token, and once through
cibatch-gateway (two background bots, one interactive, a background portal; a cache rule for
pull requests with a TTL of 30 s, scaled), and measures in each run: upstream requests and 429s
(forge-sim's log), the gating statuses' delivery latency (from each post, as the replay echoes
it, to forge-sim's log time of that status), the cache hit ratio and collapsed requests
(/metrics), and each tool's answers' age. It prints a Markdown table and, through the gateway,
asserts: no upstream 429, every gating status delivered within its linger + 1 s, upstream
requests at least 5x fewer than direct, and no answer older than its TTL unless marked stale.

Usage: polling_bench.py --bin BUILD_BIN [--trace T] [--scale 30] [--minutes 60]
                        [--mode both|direct] [--json-out FILE]
Exit status: 0 when the assertions hold (direct only: when the run completed), 1 otherwise.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "gateway", "e2e"))
import gating  # noqa: E402
import harness  # noqa: E402

WORKSPACE = "acme"
REPOS, OPEN_PRS = 20, 2
HOUR_S = 3600
HOST_LIMIT_PER_HOUR = 1000        # Bitbucket Cloud's, per account
POLL_PERIOD_S, LIST_PERIOD_S = 10, 60
PR_TTL_S, STALE_MAX_S = 30, 300
INTERACTIVE_WAIT_MS = 5000
TERMINAL_LINGER_MS = 200          # batching.terminal_linger_ms's default
GATING_SLACK_MS = 1000            # "within its linger + 1 s"
MIN_REDUCTION = 5                 # upstream requests, direct against through the gateway
WARM_UP_SHARE = 0.15              # of the run, before the CI trace starts
FLUSH_TIMEOUT_MS = 20000
CLOCK_MARKER = "/2.0/_bench/clock"
DEFAULT_TRACE = os.path.join(HERE, "..", "pressure", "monorepo-6pr.jsonl")
TOOLS = [("bot-a", "background", "bot"), ("bot-b", "background", "bot"),
         ("dev", "interactive", "bot"), ("portal", "background", "portal")]


class Scaled:
    """The workload's periods, TTLs and window in compressed seconds."""

    def __init__(self, scale, minutes):
        self.scale = scale
        self.run_s = minutes * 60 / scale
        self.window_s = max(1, round(HOUR_S / scale))
        self.poll_s, self.list_s = POLL_PERIOD_S / scale, LIST_PERIOD_S / scale
        self.ttl_s = max(1, round(PR_TTL_S / scale))  # ttl_s is whole seconds
        self.stale_max_s = max(1, round(STALE_MAX_S / scale))
        self.interactive_wait_ms = max(1, round(INTERACTIVE_WAIT_MS / scale))


class Run:
    """One run of the workload in its own folder: forge-sim, maybe the gateway, the tools and
    the replay; row() gives its figures."""

    def __init__(self, args, scaled, mode):
        self.args, self.s, self.mode = args, scaled, mode
        self.folder = tempfile.mkdtemp(prefix=f"gateway-polling-{mode}-")
        self.token = harness.new_token("account")
        self.token_file = harness.write_secret(os.path.join(self.folder, "account.token"),
                                               self.token)
        self.budget = {"limit": HOST_LIMIT_PER_HOUR, "window_s": self.s.window_s,
                       "path": os.path.join(self.folder, "budget.db")}
        self.sim = self.gateway = None
        self.returned_ms, self.replay_lines = {}, []

    def start(self):
        self.sim = harness.ForgeSim(
            self.args.bin, self.folder, "--require-token", self.token,
            "--seed-repos", f"{WORKSPACE}:{REPOS}:{OPEN_PRS}",
            "--rate-limit", str(HOST_LIMIT_PER_HOUR), "--rate-window-s", str(self.s.window_s))
        self.clock = self.clock_mapping()
        if self.mode == "gateway":
            self.gateway = harness.Gateway(self.args.bin, self.folder, [self.gateway_config()])

    def clock_mapping(self):
        """Maps forge-sim's t_ms to this process's clock (ms): a request without a token, which
        it logs and answers 401 without charging anyone, timed on both sides."""
        sent = time.monotonic() * 1000
        try:
            self.sim.get(CLOCK_MARKER)
        except OSError:
            pass  # the 401 is expected
        received = time.monotonic() * 1000
        marker = [r for r in self.sim.requests() if r["target"] == CLOCK_MARKER][-1]
        offset = (sent + received) / 2 - marker["t_ms"]
        return lambda t_ms: t_ms + offset

    def gateway_config(self):
        clients, self.tool_tokens = harness.tool_clients(
            self.folder, {name: priority for name, priority, _ in TOOLS})
        keys = {"listen": "127.0.0.1:0", "clients": clients,
                "cache": [{"path": "/repositories/*/*/pullrequests**", "ttl_s": self.s.ttl_s}],
                "stale_max_s": self.s.stale_max_s,
                "interactive_wait_ms": self.s.interactive_wait_ms}
        return harness.write_config(os.path.join(self.folder, "gateway.yml"),
                                    self.sim.origin + "/2.0", self.token_file, self.budget,
                                    os.path.join(self.folder, "gateway-spool.db"), gateway=keys)

    def tools_spec(self):
        base = (self.gateway.url if self.gateway else self.sim.origin) + "/2.0"
        spec = []
        for phase, (name, _, kind) in enumerate(TOOLS):
            token_file = (os.path.join(self.folder, f"{name}.token") if self.gateway
                          else self.token_file)
            spec.append({"kind": kind, "name": name, "base_url": base, "token_file": token_file,
                         "period_s": self.s.list_s if kind == "portal" else self.s.poll_s,
                         "ttl_s": self.s.ttl_s, "workspace": WORKSPACE, "phase": phase / 3})
        path = os.path.join(self.folder, "tools.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(spec, f)
        return path

    def replay(self):
        """Starts `cibatch replay` of the trace straight to forge-sim on the shared budget; a
        thread stamps each `returned LINE` as it comes."""
        config = harness.write_config(os.path.join(self.folder, "pipeline.yml"),
                                      self.sim.origin + "/2.0", self.token_file, self.budget,
                                      os.path.join(self.folder, "spool.db"))
        with open(os.path.join(self.folder, "replay.err"), "wb") as stderr:
            process = subprocess.Popen(
                [os.path.join(self.args.bin, "cibatch"), "replay", self.args.trace, "--config",
                 config, "--echo-returns", "--flush-timeout-ms", str(FLUSH_TIMEOUT_MS)],
                stdout=subprocess.PIPE, stderr=stderr, text=True)

        def read():
            for line in process.stdout:
                if line.startswith("returned "):
                    self.returned_ms[int(line.split()[1])] = time.monotonic() * 1000
                else:
                    self.replay_lines.append(line.strip())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        return process, reader

    def run(self):
        self.start()
        try:
            tools = subprocess.Popen(
                [sys.executable, os.path.join(HERE, "pollers.py"), "--spec", self.tools_spec(),
                 "--seconds", str(self.s.run_s)], stdout=subprocess.PIPE, text=True)
            time.sleep(self.s.run_s * WARM_UP_SHARE)  # the schedule: tools first, then CI
            replay, reader = self.replay()
            tool_stats = json.loads(tools.communicate()[0].strip() or "[]")
            try:
                replay.wait(timeout=FLUSH_TIMEOUT_MS / 1000 + self.s.run_s)
            except subprocess.TimeoutExpired:
                replay.kill()
                replay.wait()
            reader.join()
            return self.row(tool_stats, replay.returncode)
        finally:
            self.stop()

    def row(self, tool_stats, replay_status):
        log = [r for r in self.sim.requests()
               if r.get("service", "host") == "host" and r["target"] != CLOCK_MARKER]
        posts = gating.read_trace(self.args.trace)
        latencies = gating.delivery_latencies(
            gating.gating_statuses(posts, TERMINAL_LINGER_MS), self.returned_ms, log, self.clock)
        row = {"mode": self.mode, "upstream_requests": len(log),
               "upstream_429": sum(r.get("status") == 429 for r in log),
               "replay_status": replay_status, "replay": self.replay_summary(),
               "tools": tool_stats, **gating.latency_summary(latencies)}
        if self.gateway:
            metrics = self.gateway.metrics()
            hits = metrics.get("cibatch_gateway_cache_hits_total", 0)
            misses = metrics.get("cibatch_gateway_cache_misses_total", 0)
            row.update(cache_hits=int(hits), cache_misses=int(misses),
                       hit_ratio=hits / (hits + misses) if hits + misses else 0.0,
                       collapsed=int(metrics.get("cibatch_gateway_collapsed_requests_total", 0)),
                       stale_served=int(metrics.get("cibatch_gateway_cache_stale_total", 0)))
        return row

    def replay_summary(self):
        for line in reversed(self.replay_lines):
            if line.startswith("{"):
                return json.loads(line)
        return {}

    def stop(self):
        if self.gateway:
            self.gateway_exit = self.gateway.terminate()
        if self.sim:
            self.sim.terminate()
        if not self.args.keep:
            shutil.rmtree(self.folder, ignore_errors=True)


def cell(value, unit=""):
    return "-" if value is None else f"{value}{unit}"


def markdown_table(rows, scaled):
    """The figures of each run side by side, in Markdown."""
    figures = [
        ("upstream requests", lambda r: r["upstream_requests"]),
        ("upstream 429s", lambda r: r["upstream_429"]),
        ("tool requests (answered)", lambda r: sum(t["requests"] for t in r["tools"])),
        ("429s the tools got", lambda r: sum(t["by_status"].get("429", 0) for t in r["tools"])),
        ("polls done / skipped (a tool behind)",
         lambda r: f"{sum(t['polls'] for t in r['tools'])}/{sum(t['skipped'] for t in r['tools'])}"),
        ("tool answers stale-marked", lambda r: sum(t["stale"] for t in r["tools"])),
        ("tool answers older than the TTL", lambda r: sum(t["too_old"] for t in r["tools"])),
        ("gating statuses delivered", lambda r: f"{r['gating'] - r['undelivered']}/{r['gating']}"),
        ("gating latency p50", lambda r: cell(r["p50_ms"], " ms")),
        ("gating latency p95", lambda r: cell(r["p95_ms"], " ms")),
        ("gating latency max", lambda r: cell(r["max_ms"], " ms")),
        ("cache hit ratio", lambda r: f"{r['hit_ratio']:.1%}" if "hit_ratio" in r else "-"),
        ("collapsed requests", lambda r: r.get("collapsed", "-")),
    ]
    lines = [f"Polling workload: {scaled.run_s * scaled.scale / 60:g} minutes compressed into "
             f"{scaled.run_s:g} s ({scaled.scale:g}x; {HOST_LIMIT_PER_HOUR} requests per "
             f"{scaled.window_s} s window)", "",
             "| figure | " + " | ".join(r["mode"] for r in rows) + " |",
             "|---|" + "---:|" * len(rows)]
    for label, value in figures:
        lines.append(f"| {label} | " + " | ".join(str(value(r)) for r in rows) + " |")
    return "\n".join(lines)


def failures(direct, through):
    """The issue's assertions on the gateway's run, as sentences; [] when they hold."""
    found = []
    if through["upstream_429"]:
        found.append(f"{through['upstream_429']} upstream 429s through the gateway")
    bound = TERMINAL_LINGER_MS + GATING_SLACK_MS
    if through["undelivered"] or through["max_ms"] is None or through["max_ms"] > bound:
        found.append(f"gating statuses: {through['undelivered']} undelivered, slowest "
                     f"{through['max_ms']} ms (at most {bound} ms)")
    if direct and direct["upstream_requests"] < MIN_REDUCTION * through["upstream_requests"]:
        found.append(f"upstream requests {direct['upstream_requests']} direct against "
                     f"{through['upstream_requests']} through the gateway: less than "
                     f"{MIN_REDUCTION}x fewer")
    too_old = {t["tool"]: t["too_old"] for t in through["tools"] if t["too_old"]}
    if too_old:
        found.append(f"answers older than their TTL and not marked stale: {too_old}")
    if not any(t["requests"] for t in through["tools"]):
        found.append("the tools got no answer at all")
    return found


def main():
    parser = argparse.ArgumentParser(description="The gateway's polling workload.")
    parser.add_argument("--bin", required=True, help="folder of forge-sim, cibatch, cibatch-gateway")
    parser.add_argument("--trace", default=DEFAULT_TRACE, help="the CI trace the library replays")
    parser.add_argument("--scale", type=float, default=30, help="how much faster than real time")
    parser.add_argument("--minutes", type=float, default=60, help="compressed minutes to run")
    parser.add_argument("--mode", choices=("both", "direct"), default="both")
    parser.add_argument("--json-out", help="write the runs' figures here")
    parser.add_argument("--keep", action="store_true", help="keep the runs' folders")
    args = parser.parse_args()
    args.bin, args.trace = os.path.abspath(args.bin), os.path.abspath(args.trace)
    scaled = Scaled(args.scale, args.minutes)
    modes = ["direct"] + (["gateway"] if args.mode == "both" else [])
    rows = []
    for mode in modes:
        print(f"polling workload, {mode}: {scaled.run_s:g} s ...", file=sys.stderr, flush=True)
        rows.append(Run(args, scaled, mode).run())
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)
    print(markdown_table(rows, scaled))
    if args.mode == "direct":
        ok = rows[0]["tools"] and rows[0]["gating"] > 0 and rows[0]["upstream_requests"] > 0
        return 0 if ok else 1
    problems = failures(rows[0], rows[1])
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
