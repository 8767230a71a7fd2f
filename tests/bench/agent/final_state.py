#!/usr/bin/env python3
"""Lost content of a replay on any host: on Bitbucket Cloud every slot's final content
(scripts/lib/pressure_state.py); on the other hosts, whose /_sim/state words differ, every
status of the trace: present (under its key, or its name where the host files it so, as GitLab)
with its last state. Prints one JSON line: {"slots": N, "lost": K}; differences go to stderr.

Usage: final_state.py TRACE STATE HOST   (STATE: forge-sim's /_sim/state as a file or a URL)
Standard library only.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts", "lib"))
import pressure_state  # noqa: E402


def status_losses(state, want):
    """{slot: [difference]} of every status whose last state the host does not hold."""
    lost = {}
    for slot, op in want.items():
        kind, repo, commit, key = slot
        if kind != "status":
            continue
        held = pressure_state.child(state, "statuses", repo, commit, key)
        if held is None and "name" in op:
            held = pressure_state.child(state, "statuses", repo, commit, op["name"])
        if held is None:
            lost[slot] = ["missing"]
        elif held.get("state") != op["state"]:
            lost[slot] = [f'state is {held.get("state")!r}, want {op["state"]!r}']
    return lost


def main(argv):
    p = argparse.ArgumentParser(description="Lost content of a replay, on any host.")
    p.add_argument("trace")
    p.add_argument("state", help="forge-sim's /_sim/state as a file or a URL")
    p.add_argument("host", help="the simulator's host kind")
    a = p.parse_args(argv[1:])
    trace, source, host = a.trace, a.state, a.host
    with open(trace, encoding="utf-8") as f:
        want = pressure_state.desired_from_trace(f)
    state = pressure_state.read_state(source)
    if host == "bitbucket-cloud":
        lost = pressure_state.compare(state, want)
    else:
        want = {slot: op for slot, op in want.items() if slot[0] == "status"}
        lost = status_losses(state, want)
    for slot, diffs in sorted(lost.items())[:pressure_state.MAX_SHOWN]:
        print(f"lost: {' '.join(slot)}: {'; '.join(diffs)[:300]}", file=sys.stderr)
    print(json.dumps({"slots": len(want), "lost": len(lost)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
