#!/usr/bin/env python3
"""Writes pr-pipeline.jsonl: one pull request's pipeline as the cibatch CLI replays it.

Deterministic (no randomness, no clock), standard library only. Run from any folder:
    python3 tests/traces/make_pr_pipeline.py

Timing rule (docs/TRACES.md): with linger 2000 ms, terminal linger 200 ms and max delay
10000 ms, every content that a newer one replaces is held either at most 50 ms or at least
4000 ms, and no slot waits unsent for more than 5 s, so timing noise cannot change the floor.
"""
import hashlib
import os

from trace_file import write_trace

REPO = "acme/web"
PR = 42
COMMIT = hashlib.sha1(b"acme/web#42").hexdigest()
REF = "feature/checkout-flow"
BUILD_URL = "https://ci.example/acme/web/builds/1042"

SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"]
TYPES = ["BUG", "VULNERABILITY", "CODE_SMELL"]
PATHS = [
    "src/api/orders.ts", "src/api/payments.ts", "src/auth/session.ts", "src/db/query.ts",
    "src/ui/CheckoutForm.tsx", "src/ui/Cart.tsx", "src/util/crypto.ts", "server/upload.js",
]
SUMMARIES = [
    "SQL built from user input", "Weak hash algorithm", "Unvalidated redirect target",
    "Secret in source", "Missing CSRF check", "Prototype pollution", "Unchecked file path",
    "Regular expression open to ReDoS",
]


def status(key, state, description):
    return {"op": "status", "repo": REPO, "commit": COMMIT, "key": key, "state": state,
            "name": key.replace("-", " ").capitalize(), "url": f"{BUILD_URL}/{key}",
            "description": description, "ref": REF}


def comment(key, body):
    return {"op": "comment", "repo": REPO, "pr": PR, "key": key, "body": body}


def annotation(i, revision=0):
    a = {"id": f"acme-sast-{i:04d}", "path": PATHS[i % len(PATHS)], "line": (i * 37) % 480 + 1,
         "severity": SEVERITIES[(i * 7) % len(SEVERITIES)], "type": TYPES[(i * 5) % len(TYPES)],
         "summary": SUMMARIES[i % len(SUMMARIES)]}
    if i % 3 == 0:
        a["details"] = f"Reached from {PATHS[(i + 3) % len(PATHS)]}; see rule S{1000 + i % 97}."
    if i % 5 == 0:
        a["link"] = f"https://sast.example/findings/{i}"
    if revision:
        a["line"] += 2  # the code above the finding moved
        a["summary"] += " (still present)"
    return a


def sast_report(annotations):
    return {"op": "report", "repo": REPO, "commit": COMMIT, "id": "acme-sast",
            "title": "Acme SAST", "result": "FAILED", "reporter": "acme-sast",
            "details": "Static analysis of the changed files.",
            "link": f"{BUILD_URL}/security/sast.html",
            "data": [{"title": "Safe to merge?", "type": "BOOLEAN", "value": False},
                     {"title": "Duration", "type": "DURATION", "value": 84000}],
            "annotations": annotations}


def first_scan():
    return [annotation(i) for i in range(250)]


def second_scan():
    """20 findings changed, 10 fixed (removed), 5 new."""
    removed = set(range(5, 250, 25))          # 10 ids
    changed = set(range(2, 250, 12)) - removed  # first 20 kept below
    changed = set(sorted(changed)[:20])
    kept = [annotation(i, revision=1 if i in changed else 0)
            for i in range(250) if i not in removed]
    return kept + [annotation(i) for i in range(250, 255)]


def quick_stage(t, key, state="SUCCESSFUL", hold=40):
    """A stage shorter than the terminal linger: only its terminal state must be seen."""
    return [(t, status(key, "INPROGRESS", "Running")),
            (t + hold, status(key, state, "Passed" if state == "SUCCESSFUL" else "Failed"))]


def events():
    ev = []
    ev += quick_stage(0, "checkout", hold=30)
    ev += quick_stage(50, "build", hold=40)
    ev += [(100, status("unit-tests", "INPROGRESS", "Running"))]
    ev += quick_stage(100, "lint", state="FAILED", hold=30)
    ev += [(140, status("unit-tests", "SUCCESSFUL", "1243 tests passed"))]
    ev += [(150, comment("lint", "**Lint**: 3 problems (2 errors, 1 warning)"))]
    # test-summary updated twice within 40 ms: only the last body must be seen.
    ev += [(160, comment("test-summary", "Tests: running")),
           (180, comment("test-summary", "Tests: 1243 run")),
           (200, comment("test-summary", "Tests: 1243 passed, 0 failed, 12 skipped"))]
    # integration runs longer than any linger: its INPROGRESS must be seen.
    ev += [(220, status("integration", "INPROGRESS", "Running against staging"))]
    ev += quick_stage(250, "security", hold=40)
    ev += [(300, sast_report(first_scan()))]
    ev += [(4400, sast_report(second_scan()))]
    ev += [(5220, status("integration", "SUCCESSFUL", "87 scenarios passed"))]
    ev += [(5240, comment("coverage", "Coverage 81.2% (+0.4)"))]
    ev += quick_stage(5260, "package", hold=40)
    ev += quick_stage(5320, "deploy-preview", hold=40)
    ev += [(5380, comment("bundle-size", "Bundle 412 kB (+1.3 kB)"))]
    ev += [(5400, {"op": "flush"})]
    return sorted(ev, key=lambda e: e[0])  # stable: same-time events keep their order


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    write_trace(os.path.join(here, "pr-pipeline.jsonl"), events())


if __name__ == "__main__":
    main()
