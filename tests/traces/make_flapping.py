#!/usr/bin/env python3
"""Writes flapping.jsonl: one status key flipping state 30 times within one second, then a
flush. Every state is held 30 ms, far below the terminal linger (200 ms), so only the last one
must be seen. Deterministic, standard library only: python3 tests/traces/make_flapping.py
"""
import hashlib
import json
import os

STATES = ["INPROGRESS", "FAILED", "SUCCESSFUL"]
COMMIT = hashlib.sha1(b"acme/web#flapping").hexdigest()


def lines():
    for i in range(30):
        if i:
            yield {"op": "sleep", "ms": 30}
        yield {"op": "status", "repo": "acme/web", "commit": COMMIT, "key": "e2e",
               "state": STATES[i % len(STATES)], "name": "E2E",
               "url": f"https://ci.example/acme/web/builds/77/e2e#{i}"}
    yield {"op": "flush"}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flapping.jsonl")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for op in lines():
            f.write(json.dumps(op, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
