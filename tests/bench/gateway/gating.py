"""The gating statuses of a trace and when the host received each: what the polling workload's
latency figures and its "within the linger + 1 s" assertion are made of. Pure functions on the
trace's ops, the replay's `returned LINE` times and forge-sim's request log, so they can be
tested on crafted data (gateway_bench_tools_test.py). Python 3 stdlib only."""

import json
import math
import urllib.parse

TERMINAL_STATES = {"SUCCESSFUL", "FAILED", "STOPPED"}
DELIVERED_CODES = {200, 201}
# How far the clock mapping between this process and forge-sim may be off (one loopback round
# trip); a delivery this much before its post is still taken as its delivery.
CLOCK_SLACK_MS = 50


def read_trace(path):
    """[(line_no, offset_ms, op)] of the trace's posts: offset_ms is the sum of the sleeps
    before it, line_no 1-based as `cibatch replay --echo-returns` prints it."""
    posts, offset_ms = [], 0
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            op = json.loads(line)
            if op["op"] == "sleep":
                offset_ms += op["ms"]
            elif op["op"] != "flush":
                posts.append((line_no, offset_ms, op))
    return posts


def gating_statuses(posts, terminal_linger_ms):
    """The status posts the host must receive as gating updates: the first status of a key on a
    commit and every terminal state, unless the same slot was posted again within the linger
    (the library then sends only the newer one, as trace-floor counts)."""
    by_slot = {}
    for line_no, offset_ms, op in posts:
        if op["op"] == "status":
            by_slot.setdefault((op["repo"], op["commit"], op["key"]), []).append(
                (line_no, offset_ms, op))
    gating = []
    for slot_posts in by_slot.values():
        for index, (line_no, offset_ms, op) in enumerate(slot_posts):
            if index > 0 and op["state"] not in TERMINAL_STATES:
                continue
            following = slot_posts[index + 1] if index + 1 < len(slot_posts) else None
            if following is not None and following[1] - offset_ms < terminal_linger_ms:
                continue
            gating.append((line_no, offset_ms, op))
    return sorted(gating, key=lambda p: p[1])


def status_delivery(entry):
    """(repo, commit, key, state) of a log entry that delivered a status, else None."""
    if entry.get("method") not in ("POST", "PUT") or entry.get("status") not in DELIVERED_CODES:
        return None
    path = urllib.parse.urlsplit(entry["target"]).path
    parts = path.split("/")
    try:
        at = parts.index("repositories")
    except ValueError:
        return None
    tail = parts[at + 3:]
    if len(tail) < 4 or tail[0] != "commit" or tail[2:4] != ["statuses", "build"]:
        return None
    body = entry.get("body") or {}
    key = body.get("key") or (urllib.parse.unquote(tail[4]) if len(tail) > 4 else None)
    return (f"{parts[at + 1]}/{parts[at + 2]}", tail[1], key, body.get("state"))


def delivery_latencies(gating, posted_at_ms, log, sim_to_local_ms):
    """{line_no: latency in ms, or None when never delivered}: from each gating post's time
    (posted_at_ms[line_no], this process's clock) to the first host log entry at or after it
    that holds that content (its t_ms mapped with sim_to_local_ms)."""
    deliveries = []
    for entry in log:
        content = status_delivery(entry)
        if content is not None:
            deliveries.append((sim_to_local_ms(entry["t_ms"]), content))
    deliveries.sort(key=lambda d: d[0])
    latencies = {}
    for line_no, _, op in gating:
        posted = posted_at_ms.get(line_no)
        wanted = (op["repo"], op["commit"], op["key"], op["state"])
        latencies[line_no] = None
        if posted is None:
            continue
        for at, content in deliveries:
            if content == wanted and at >= posted - CLOCK_SLACK_MS:
                latencies[line_no] = max(0.0, at - posted)
                break
    return latencies


def percentile(values, share):
    """The nearest-rank percentile (share 0.5: the median) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def latency_summary(latencies):
    """{"gating","undelivered","p50_ms","p95_ms","max_ms"} of delivery_latencies' result."""
    delivered = [v for v in latencies.values() if v is not None]
    summary = {"gating": len(latencies), "undelivered": len(latencies) - len(delivered),
               "p50_ms": None, "p95_ms": None, "max_ms": None}
    if delivered:
        summary.update(p50_ms=round(percentile(delivered, 0.5)),
                       p95_ms=round(percentile(delivered, 0.95)), max_ms=round(max(delivered)))
    return summary
