#!/usr/bin/env python3
"""Lost content of a replay: compares what the simulator holds with the newest content the trace
asked for, slot by slot, and prints one JSON line: {"slots": N, "lost": K}. Every slot whose
final content the host does not hold counts once; the differences go to stderr.

Usage: pressure_state.py TRACE STATE   (STATE: forge-sim's /_sim/state as a file or a URL)
Standard library only.
"""
import json
import sys
import urllib.request

MAX_SHOWN = 8  # differences printed; the count covers them all


def comment_marker(key):
    # The line the Bitbucket provider appends so it can find the comment again.
    return f"[//]: # (cibatch:{key})"


def desired_from_trace(lines):
    """The newest op of every slot, keyed ("status"|"comment"|"report", repo, commit or PR, key)."""
    want = {}
    for line in lines:
        line = line.strip()
        if not line:
            continue
        op = json.loads(line)
        kind = op["op"]
        if kind == "status":
            want[("status", op["repo"], op["commit"], op["key"])] = op
        elif kind == "comment":
            want[("comment", op["repo"], str(op["pr"]), op["key"])] = op
        elif kind == "report":
            want[("report", op["repo"], op["commit"], op["id"])] = op
    return want


def child(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def status_diffs(held, op):
    if held is None:
        return ["missing"]
    fields = [("state", "state"), ("name", "name"), ("url", "url"),
              ("description", "description"), ("ref", "refname")]
    return [f"{host_name} is {held.get(host_name)!r}, want {op[name]!r}"
            for name, host_name in fields if name in op and held.get(host_name) != op[name]]


def comment_diffs(comments, key, body):
    marker = comment_marker(key)
    live = [c for c in comments or [] if not c.get("deleted") and marker in c.get("raw", "")]
    if len(live) != 1:
        return [f"{len(live)} live copies"]
    text = live[0]["raw"].replace(marker, "").rstrip()
    return [] if text == body.rstrip() else ["stale text"]


ANNOTATION_FIELDS = [("path", "path"), ("line", "line"), ("severity", "severity"),
                     ("type", "annotation_type"), ("summary", "summary"), ("details", "details"),
                     ("link", "link")]


def report_diffs(held, op):
    if held is None:
        return ["missing"]
    diffs = [f"{name} is {held.get(name)!r}, want {op[name]!r}"
             for name in ("result", "title", "details", "link", "reporter")
             if name in op and held.get(name) != op[name]]
    held_annotations = held.get("annotations") or {}
    wanted = {a["id"]: a for a in op.get("annotations", [])}
    extra = sorted(set(held_annotations) - set(wanted))
    if extra:
        diffs.append(f"{len(extra)} annotations the trace no longer has (first: {extra[0]})")
    for aid, a in sorted(wanted.items()):
        h = held_annotations.get(aid)
        if h is None:
            diffs.append(f"annotation {aid} missing")
        elif any(name in a and h.get(host_name) != a[name]
                 for name, host_name in ANNOTATION_FIELDS):
            diffs.append(f"annotation {aid} is stale")
    return diffs


def compare(state, want):
    """{slot: [differences]} for every slot whose final content the host does not hold."""
    lost = {}
    for slot, op in want.items():
        kind, repo, where, key = slot
        if kind == "status":
            diffs = status_diffs(child(state, "statuses", repo, where, key), op)
        elif kind == "comment":
            diffs = comment_diffs(child(state, "comments", repo, where), key, op["body"])
        else:
            diffs = report_diffs(child(state, "reports", repo, where, key), op)
        if diffs:
            lost[slot] = diffs
    return lost


def read_state(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as answer:
            return json.load(answer)
    with open(source, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__.strip())
        return 0
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        want = desired_from_trace(f)
    lost = compare(read_state(argv[2]), want)
    shown = sorted(lost.items())[:MAX_SHOWN]
    for slot, diffs in shown:
        print(f"lost: {' '.join(slot)}: {'; '.join(diffs)}", file=sys.stderr)
    if len(lost) > len(shown):
        print(f"lost: ... and {len(lost) - len(shown)} slots more", file=sys.stderr)
    print(json.dumps({"slots": len(want), "lost": len(lost)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
