#!/usr/bin/env python3
"""Writes sonar-reanalysis.jsonl and its answer files (sonar-reanalysis/): three SonarQube
analyses of one pull request commit, each posted by a `sonar` op and followed by a flush.

1. 300 open findings and 10 resolved ones, on two `api/issues/search` pages of 200;
2. the same answers again (a re-analysis that found the same issues);
3. 40 of those findings changed (20 new messages, 20 moved lines), 10 fixed (now CLOSED,
   still listed), 250 as before.

The gate is ERROR with two failed conditions; the measures change with the fixes. The answers
follow SonarQube's documented shapes (key, rule, severity, component, project, line, hash,
textRange, flows, status, message, effort, debt, tags, creationDate, type, impacts), some with
non-ASCII paths and messages. Deterministic, standard library only:
python3 tests/traces/make_sonar_reanalysis.py
"""
import hashlib
import json
import os

NAME = "sonar-reanalysis"
REPO = "acme/web"
PROJECT = "acme_web"
COMMIT = hashlib.sha1(b"acme/web#sonar-reanalysis").hexdigest()
PR = 118
OPEN, RESOLVED, PAGE_SIZE = 300, 10, 200
RULES = [
    ("java:S2259", "BUG", "MAJOR", "RELIABILITY", "HIGH",
     'A "NullPointerException" could be thrown; "{v}" is nullable here.'),
    ("java:S3649", "VULNERABILITY", "BLOCKER", "SECURITY", "HIGH",
     "Change this code to not construct SQL queries directly from \"{v}\"."),
    ("java:S1192", "CODE_SMELL", "CRITICAL", "MAINTAINABILITY", "HIGH",
     'Define a constant instead of duplicating this literal "{v}" 3 times.'),
    ("java:S1481", "CODE_SMELL", "MINOR", "MAINTAINABILITY", "LOW",
     'Remove this unused "{v}" local variable.'),
    ("java:S1135", "CODE_SMELL", "INFO", "MAINTAINABILITY", "INFO",
     "Complete the task associated to this TODO comment about {v}."),
]
FILES = [f"src/main/java/com/acme/{d}/{n}.java"
         for d in ("api", "core", "data")
         for n in ("Orders", "Users", "Billing", "Übersicht", "Reports", "Search", "Cache")]
NAMES = ["user", "order", "total", "zählerstand", "名前", "tmp", "query", "id"]


def digest(*parts):
    return hashlib.sha256("/".join(str(p) for p in parts).encode()).hexdigest()


def issue(i, line_shift=0, reworded=False, fixed=False):
    rule, kind, severity, quality, impact, text = RULES[i % len(RULES)]
    path = FILES[(i * 7) % len(FILES)]
    line = 10 + (i * 13) % 400 + line_shift
    message = text.format(v=NAMES[i % len(NAMES)])
    if reworded:
        message += " (seen again in a refactored block)"
    closed = fixed or i >= OPEN
    return {
        "key": "AZ" + digest("key", i)[:18],
        "rule": rule, "severity": severity,
        "component": f"{PROJECT}:{path}", "project": PROJECT, "line": line,
        "hash": digest("hash", i)[:32],
        "textRange": {"startLine": line, "endLine": line, "startOffset": 4, "endOffset": 21},
        "flows": [] if i % 9 else [{"locations": [{
            "component": f"{PROJECT}:{path}", "msg": "source",
            "textRange": {"startLine": line - 3, "endLine": line - 3,
                          "startOffset": 0, "endOffset": 8}}]}],
        "status": "CLOSED" if closed else "OPEN",
        **({"resolution": "FIXED"} if closed else {}),
        "message": message, "effort": "5min", "debt": "5min",
        "tags": ["cwe"] if kind != "CODE_SMELL" else ["convention"],
        "creationDate": "2026-11-%02dT09:%02d:00+0000" % (1 + i % 28, i % 60),
        "type": kind,
        "impacts": [{"softwareQuality": quality, "severity": impact}],
    }


def analysis(third):
    issues = []
    for i in range(OPEN + RESOLVED):
        if not third:
            issues.append(issue(i))
        else:
            issues.append(issue(i, line_shift=3 if 20 <= i < 40 else 0, reworded=i < 20,
                                fixed=40 <= i < 50))
    return issues


def page(issues, index):
    chunk = issues[(index - 1) * PAGE_SIZE:index * PAGE_SIZE]
    paths = sorted({i["component"].split(":", 1)[1] for i in chunk})
    return {
        "total": len(issues), "p": index, "ps": PAGE_SIZE,
        "paging": {"pageIndex": index, "pageSize": PAGE_SIZE, "total": len(issues)},
        "effortTotal": 5 * len(issues), "issues": chunk,
        "components": [{"key": f"{PROJECT}:{p}", "enabled": True, "qualifier": "FIL",
                        "name": p.rsplit("/", 1)[1], "longName": p, "path": p} for p in paths]
        + [{"key": PROJECT, "enabled": True, "qualifier": "TRK", "name": "Acme Web"}],
        "facets": [],
    }


GATE = {"projectStatus": {"status": "ERROR", "ignoredConditions": False, "conditions": [
    {"status": "ERROR", "metricKey": "new_coverage", "comparator": "LT", "periodIndex": 1,
     "errorThreshold": "80", "actualValue": "71.2"},
    {"status": "OK", "metricKey": "new_duplicated_lines_density", "comparator": "GT",
     "periodIndex": 1, "errorThreshold": "3", "actualValue": "1.1"},
    {"status": "ERROR", "metricKey": "new_reliability_rating", "comparator": "GT",
     "periodIndex": 1, "errorThreshold": "1", "actualValue": "3"}]}}


def measures(code_smells, bugs):
    period = lambda v: {"period": {"index": 1, "value": str(v), "bestValue": False}}
    return {"component": {"key": PROJECT, "name": "Acme Web", "qualifier": "TRK", "measures": [
        {"metric": "new_bugs", **period(bugs)},
        {"metric": "new_vulnerabilities", **period(60)},
        {"metric": "new_code_smells", **period(code_smells)},
        {"metric": "new_coverage", **period(71.2)},
        {"metric": "duplicated_lines_density", "value": "1.1", "bestValue": False}]}}


def write_json(folder, name, value):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
        json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(here, NAME)
    os.makedirs(folder, exist_ok=True)
    write_json(folder, "gate.json", GATE)
    pages = {}  # label → the page files of that analysis; a page equal to the first's is shared
    for label, third in (("first", False), ("third", True)):
        issues = analysis(third)
        pages[label] = []
        for index in (1, 2):
            name = f"{label}-issues-{index}.json"
            if third and page(issues, index) == page(analysis(False), index):
                name = f"first-issues-{index}.json"
            else:
                write_json(folder, name, page(issues, index))
            pages[label].append(f"{NAME}/{name}")
        write_json(folder, f"{label}-measures.json", measures(170 if third else 180, 60))
    ops = []
    for label in ("first", "first", "third"):
        ops.append({"op": "sonar", "repo": REPO, "commit": COMMIT, "pr": PR,
                    "issues": pages[label], "gate": f"{NAME}/gate.json",
                    "measures": f"{NAME}/{label}-measures.json"})
        ops.append({"op": "flush"})
    with open(os.path.join(here, f"{NAME}.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for op in ops:
            f.write(json.dumps(op, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
