#!/usr/bin/env python3
"""Load on a running `cibatch agent`: RATE posts a second for SECONDS, each on a connection of its
own, speaking the agent's protocol (docs/AGENT.md) directly over its Unix socket. Every post is a
terminal status with a key of its own, so none coalesces away and each one is delivered. Samples
the agent's VmRSS and thread count (/proc/PID/status) every INTERVAL seconds meanwhile, and
prints one JSON line:

  {"posts":N,"acked":A,"refused":R,"rate":posts/s,"ack_p50_ms","ack_p99_ms",
   "rss_max_kb","threads_max","samples":S}

An acknowledgement is the agent's reply to the post (it is in the agent's spool then); its
latency runs from connecting to the reply. `--sample PID` prints one sample instead:
{"rss_kb":N,"threads":N}.

Usage: post_load.py --socket PATH --pid PID [--rate 200] [--seconds 10] [--interval 0.5]
       post_load.py --sample PID
Standard library only.
"""
import argparse
import asyncio
import json
import math
import sys
import time

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def percentile(values, p):
    """The nearest-rank p-th percentile of values (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100.0 * len(ordered)) - 1)]


def sample(pid):
    """{"rss_kb","threads"} of process pid, from /proc/PID/status."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            name, _, value = line.partition(":")
            fields[name] = value.split()
    return {"rss_kb": int(fields["VmRSS"][0]), "threads": int(fields["Threads"][0])}


def post_line(i, tag):
    op = {"op": "status", "repo": "acme/load", "commit": COMMIT, "key": f"load-{i}",
          "state": "SUCCESSFUL", "name": f"Load {i}", "url": f"https://ci.example/load/{i}"}
    request = {"v": 1, "op": "post", "route": None, "tag": tag, "force": False, "wait_ms": -1,
               "post": op}
    return (json.dumps(request) + "\n").encode()


async def post_once(socket_path, line):
    """(latency ms, reply object) of one post on a connection of its own."""
    start = time.monotonic()
    reader, writer = await asyncio.open_unix_connection(socket_path)
    try:
        writer.write(line)
        await writer.drain()
        reply = json.loads(await reader.readline() or b"{}")
    finally:
        writer.close()
    return (time.monotonic() - start) * 1000.0, reply


async def sampler(pid, interval, samples, done):
    while not done.is_set():
        samples.append(sample(pid))
        try:
            await asyncio.wait_for(done.wait(), interval)
        except asyncio.TimeoutError:
            pass


async def load(a):
    samples, done = [], asyncio.Event()
    watcher = asyncio.ensure_future(sampler(a.pid, a.interval, samples, done))
    total = int(a.rate * a.seconds)
    start = time.monotonic()
    tasks = []
    for i in range(total):
        delay = start + i / a.rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(post_once(a.socket, post_line(i, a.tag))))
    results = await asyncio.gather(*tasks, return_exceptions=True)
    elapsed = time.monotonic() - start
    done.set()
    await watcher
    samples.append(sample(a.pid))
    return summary(results, samples, elapsed)


def summary(results, samples, elapsed):
    acked = [r[0] for r in results if not isinstance(r, BaseException) and r[1].get("ok")]
    return {"posts": len(results), "acked": len(acked), "refused": len(results) - len(acked),
            "rate": round(len(results) / elapsed, 1),
            "ack_p50_ms": round(percentile(acked, 50) or 0, 2),
            "ack_p99_ms": round(percentile(acked, 99) or 0, 2),
            "rss_max_kb": max(s["rss_kb"] for s in samples),
            "threads_max": max(s["threads"] for s in samples), "samples": len(samples)}


def main(argv):
    p = argparse.ArgumentParser(description="Posts at a steady rate to a cibatch agent.")
    p.add_argument("--sample", type=int, help="print one sample of this process and stop")
    p.add_argument("--socket")
    p.add_argument("--pid", type=int)
    p.add_argument("--rate", type=float, default=200.0)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--tag", type=int, default=2)
    a = p.parse_args(argv[1:])
    if a.sample is not None:
        print(json.dumps(sample(a.sample)))
        return 0
    if not a.socket or a.pid is None:
        p.error("--socket and --pid are required")
    print(json.dumps(asyncio.run(load(a))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
