#!/usr/bin/env python3
"""Writes monorepo-6pr.jsonl: six pull requests of one monorepo built at the same time, the
workload of the budget-pressure benchmark (scripts/lib/pressure_bench.sh).

Deterministic (a seeded generator of its own, no clock), standard library only. Run from any
folder:
    python3 tests/bench/pressure/make_monorepo.py

Every pipeline runs build, then unit-tests, lint, integration and security side by side, then
package. A stage posts INPROGRESS, edits its description while it runs (INPROGRESS again) and
ends in a terminal state. Each PR also keeps a coverage comment up to date and posts a SAST
report twice: PENDING when the scan starts, then the result with its findings. The pipelines
start a little apart, so their posts interleave.

Timing rule (docs/TRACES.md), for linger 2000 ms, terminal linger 200 ms and max delay 10000 ms:
every content that a newer one replaces is held at least 4000 ms, so without a budget every
edit is seen and timing noise cannot change the count; under a tight budget the edits are what
coalescing saves. The trace has no flush op: the replay's own final flush is the moment every
final state has been delivered, however long the budget makes that take.
"""
import hashlib
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "traces"))
from trace_file import trace_lines, write_trace  # noqa: E402

SEED = 20240611
REPO = "acme/monorepo"
HOLD_MS = 4000          # the shortest hold: twice the linger
HOLD_JITTER_MS = 500
PR_SPACING_MS = 450

# (pull request, branch, package the change touches)
PULL_REQUESTS = [
    (311, "feature/payments-retry", "services/payments"),
    (312, "fix/search-pagination", "services/search"),
    (313, "feature/ios-dark-mode", "apps/ios"),
    (314, "chore/upgrade-grpc", "libs/rpc"),
    (315, "feature/web-checkout", "apps/web"),
    (316, "fix/ledger-rounding", "services/ledger"),
]

SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"]
TYPES = ["BUG", "VULNERABILITY", "CODE_SMELL"]
FILES = ["handler.go", "client.go", "store.go", "retry.go", "view.swift", "api.ts", "util.ts",
         "schema.sql"]
SUMMARIES = [
    "SQL built from user input", "Weak hash algorithm", "Unvalidated redirect target",
    "Secret in source", "Missing CSRF check", "Unchecked error", "Unchecked file path",
    "Regular expression open to ReDoS", "Integer overflow in size computation",
]


class Pipeline:
    """One pull request's pipeline: collects (time ms, op) pairs on the trace clock."""

    def __init__(self, rng, pr, branch, package, start_ms):
        self.rng = rng
        self.pr = pr
        self.branch = branch
        self.package = package
        self.commit = hashlib.sha1(f"{REPO}#{pr}".encode()).hexdigest()
        self.build_url = f"https://ci.example/acme/monorepo/builds/{9000 + pr}"
        self.start_ms = start_ms
        self.events = []

    def hold(self):
        return HOLD_MS + int(self.rng.random() * HOLD_JITTER_MS)

    def status(self, key, state, description):
        return {"op": "status", "repo": REPO, "commit": self.commit, "key": key, "state": state,
                "name": key.replace("-", " ").capitalize(), "url": f"{self.build_url}/{key}",
                "description": description, "ref": self.branch}

    def stage(self, t, key, descriptions, final_state, final_description):
        """INPROGRESS with each description in turn, each held one hold, then the terminal
        state. Returns the time of the terminal state."""
        for text in descriptions:
            self.events.append((t, self.status(key, "INPROGRESS", text)))
            t += self.hold()
        self.events.append((t, self.status(key, final_state, final_description)))
        return t

    def comment(self, t, body):
        self.events.append((t, {"op": "comment", "repo": REPO, "pr": self.pr, "key": "coverage",
                                "body": body}))

    def report(self, t, result, details, annotations):
        self.events.append((t, {
            "op": "report", "repo": REPO, "commit": self.commit, "id": "acme-sast",
            "title": "Acme SAST", "result": result, "reporter": "acme-sast",
            "details": details, "link": f"{self.build_url}/security/sast.html",
            "data": [{"title": "Findings", "type": "NUMBER", "value": len(annotations)}],
            "annotations": annotations}))

    def finding(self, i):
        a = {"id": f"sast-{self.pr}-{i:04d}",
             "path": f"{self.package}/{FILES[(i * 5 + self.pr) % len(FILES)]}",
             "line": (i * 37 + self.pr) % 600 + 1,
             "severity": SEVERITIES[(i * 7 + self.pr) % len(SEVERITIES)],
             "type": TYPES[(i * 5) % len(TYPES)],
             "summary": SUMMARIES[(i + self.pr) % len(SUMMARIES)]}
        if i % 4 == 0:
            a["details"] = f"Reached from {self.package}/main.go; see rule S{1000 + i % 89}."
        return a

    def build(self):
        rng = self.rng
        targets = 40 + int(rng.random() * 80)
        t = self.stage(self.start_ms, "build",
                       [f"Compiling {targets} targets",
                        f"Compiled {targets // 2}/{targets} targets"],
                       "SUCCESSFUL", f"Built {targets} targets")
        # The comment's first text, replaced when the unit tests end (at least 3 holds later).
        self.comment(t + 150, "**Coverage**: waiting for test results")
        parallel_start = t + 200
        ends = []

        tests = 900 + int(rng.random() * 1500)
        failed = self.pr == 314
        unit_end = self.stage(parallel_start, "unit-tests",
                              [f"Running {tests} tests", f"{tests // 3}/{tests} tests run",
                               f"{2 * tests // 3}/{tests} tests run"],
                              "FAILED" if failed else "SUCCESSFUL",
                              f"2 of {tests} tests failed" if failed else f"{tests} tests passed")
        unit_cover = 70 + int(rng.random() * 200) / 10
        self.comment(unit_end + 100,
                     f"**Coverage**: {unit_cover:.1f}% from unit tests; integration running")
        ends.append(unit_end)

        ends.append(self.stage(parallel_start + 20, "lint",
                               ["Linting changed files", "Linting generated code"],
                               "SUCCESSFUL", "No problems"))

        scenarios = 30 + int(rng.random() * 90)
        ends.append(self.stage(parallel_start + 40, "integration",
                               [f"Starting {scenarios} scenarios",
                                f"{scenarios // 2}/{scenarios} scenarios"],
                               "SUCCESSFUL", f"{scenarios} scenarios passed"))

        sec_start = parallel_start + 60
        self.report(sec_start + 100, "PENDING", "Scanning the changed packages.", [])
        findings = [self.finding(i) for i in range(15 + int(rng.random() * 150))]
        sec_end = self.stage(sec_start, "security",
                             ["Scanning dependencies", "Scanning sources"],
                             "FAILED" if len(findings) > 120 else "SUCCESSFUL",
                             f"{len(findings)} findings")
        self.report(sec_end + 50, "FAILED" if len(findings) > 120 else "PASSED",
                    f"Static analysis of {self.package}.", findings)
        ends.append(sec_end)

        package_end = self.stage(max(ends) + 100, "package", [f"Packaging {self.package}"],
                                 "SUCCESSFUL", f"Published {self.package}:{self.commit[:8]}")
        final_cover = unit_cover + int(rng.random() * 40) / 10
        self.comment(package_end + 100,
                     f"**Coverage**: {final_cover:.1f}% (unit + integration), "
                     f"{final_cover - 75:+.1f} against main")
        return self.events


def events():
    rng = random.Random(SEED)
    ev = []
    for n, (pr, branch, package) in enumerate(PULL_REQUESTS):
        start = n * PR_SPACING_MS + int(rng.random() * 100)
        ev += Pipeline(rng, pr, branch, package, start).build()
    return sorted(ev, key=lambda e: e[0])  # stable: same-time events keep their order


def lines():
    return trace_lines(events())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    write_trace(os.path.join(here, "monorepo-6pr.jsonl"), events())


if __name__ == "__main__":
    main()
