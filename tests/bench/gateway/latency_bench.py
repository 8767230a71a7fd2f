#!/usr/bin/env python3
"""The gateway's added latency: autocannon (npm, installed from this folder's package-lock.json)
at 200 concurrent connections for 10 s against forge-sim directly and against cibatch-gateway in
front of it, on a path the gateway caches and on a pass-through path (no cache rule, no host
limit), with p50/p99 latency and requests/s of each and the gateway's difference.

Usage: latency_bench.py --bin BUILD_BIN --autocannon PATH [--connections 200] [--seconds 10]
Connections the server under test does not take up within autocannon's 10 s request timeout
count as errors (forge-sim serves as many connections at once as its thread pool holds); the
latencies are those of the answers given. Exit status: 1 when a run failed, got no answer, or
got an answer other than 2xx.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "gateway", "e2e"))
import harness  # noqa: E402

STATUSES = "/2.0/repositories/acme/bench/commit/c0ffee/statuses"
ONE_STATUS = STATUSES + "/build/bench"
CACHE_TTL_S = 3600
AUTOCANNON_SLACK_S = 60


def autocannon(binary, url, token, connections, seconds):
    """autocannon's JSON result of one run."""
    done = subprocess.run(
        [binary, "--json", "--connections", str(connections), "--duration", str(seconds),
         "--headers", f"Authorization=Bearer {token}", url],
        capture_output=True, timeout=seconds + AUTOCANNON_SLACK_S, check=True)
    return json.loads(done.stdout)


def figures(name, result):
    return {"run": name, "p50_ms": result["latency"]["p50"], "p99_ms": result["latency"]["p99"],
            "requests_per_s": result["requests"]["average"], "answers": result["requests"]["total"],
            "non_2xx": result["non2xx"], "errors": result["errors"] + result["timeouts"]}


def seed_status(sim, token):
    request = urllib.request.Request(
        sim.origin + STATUSES + "/build", method="POST",
        data=b'{"key":"bench","state":"SUCCESSFUL","url":"https://ci.example/1"}',
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


def run(args, folder):
    token = harness.new_token("account")
    token_file = harness.write_secret(os.path.join(folder, "account.token"), token)
    sim = harness.ForgeSim(args.bin, folder, "--require-token", token)
    gateway = None
    try:
        seed_status(sim, token)
        clients, tool_tokens = harness.tool_clients(folder, {"load": "background"})
        config = harness.write_config(
            os.path.join(folder, "gateway.yml"), sim.origin + "/2.0", token_file,
            {"limit": 0, "path": os.path.join(folder, "budget.db")},
            os.path.join(folder, "spool.db"),
            gateway={"listen": "127.0.0.1:0", "clients": clients, "threads": args.threads,
                     "cache": [{"path": "/repositories/*/*/commit/*/statuses",
                                "ttl_s": CACHE_TTL_S}]})
        gateway = harness.Gateway(args.bin, folder, [config])
        runs = [("forge-sim, list", sim.origin + STATUSES, token),
                ("gateway, cached list", gateway.url + STATUSES, tool_tokens["load"]),
                ("forge-sim, one status", sim.origin + ONE_STATUS, token),
                ("gateway, pass-through", gateway.url + ONE_STATUS, tool_tokens["load"])]
        rows = []
        for name, url, secret in runs:
            print(f"autocannon, {args.connections} connections, {args.seconds} s: {name} ...",
                  file=sys.stderr, flush=True)
            rows.append(figures(name, autocannon(args.autocannon, url, secret, args.connections,
                                                 args.seconds)))
        return rows
    finally:
        if gateway:
            gateway.terminate()
        sim.terminate()


def markdown(rows, connections, threads):
    lines = [f"Added latency: autocannon, {connections} connections (gateway.threads {threads})", "",
             "| target | p50 | p99 | requests/s | non-2xx | errors |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['run']} | {r['p50_ms']} ms | {r['p99_ms']} ms | "
                     f"{r['requests_per_s']:.0f} | {r['non_2xx']} | {r['errors']} |")
    by_name = {r["run"]: r for r in rows}
    lines.append("")
    for gateway, direct in (("gateway, cached list", "forge-sim, list"),
                            ("gateway, pass-through", "forge-sim, one status")):
        g, d = by_name[gateway], by_name[direct]
        lines.append(f"- {gateway} against {direct}: p50 {g['p50_ms'] - d['p50_ms']:+} ms, "
                     f"p99 {g['p99_ms'] - d['p99_ms']:+} ms, requests/s "
                     f"{g['requests_per_s'] - d['requests_per_s']:+.0f}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="The gateway's added latency under autocannon.")
    parser.add_argument("--bin", required=True, help="folder of forge-sim and cibatch-gateway")
    parser.add_argument("--autocannon", required=True, help="the autocannon program")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    # The gateway serves a connection on one thread for its life: as many as the load keeps open.
    parser.add_argument("--threads", type=int, default=256, help="gateway.threads")
    parser.add_argument("--json-out", help="write the runs' figures here")
    args = parser.parse_args()
    args.bin = os.path.abspath(args.bin)
    folder = tempfile.mkdtemp(prefix="gateway-latency-")
    try:
        rows = run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)
    print(markdown(rows, args.connections, args.threads))
    return 1 if any(r["non_2xx"] or not r["answers"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
