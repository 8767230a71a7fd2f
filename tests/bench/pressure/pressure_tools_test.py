#!/usr/bin/env python3
"""Checks the budget-pressure benchmark's tools without a build: the trace generator, the lost
content comparison and the chart. Standard library only:
    python3 tests/bench/pressure/pressure_tools_test.py
"""
import copy
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TRACE = os.path.join(HERE, "monorepo-6pr.jsonl")
SVG = "{http://www.w3.org/2000/svg}"


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = load("make_monorepo", os.path.join(HERE, "make_monorepo.py"))
state_tool = load("pressure_state", os.path.join(ROOT, "scripts", "lib", "pressure_state.py"))
chart = load("pressure_chart", os.path.join(ROOT, "scripts", "lib", "pressure_chart.py"))


def slot_of(op):
    return (op["op"], op["repo"], op.get("commit", op.get("pr")), op.get("key", op.get("id")))


def timed_ops(ops):
    now = 0
    for op in ops:
        if op["op"] == "sleep":
            now += op["ms"]
        else:
            yield now, op


def host_state(want):
    """What a host holding every final content of `want` shows in /_sim/state."""
    state = {"statuses": {}, "comments": {}, "reports": {}}
    for (kind, repo, where, key), op in want.items():
        if kind == "status":
            state["statuses"].setdefault(repo, {}).setdefault(where, {})[key] = {
                "state": op["state"], "name": op["name"], "url": op["url"],
                "description": op["description"], "refname": op["ref"]}
        elif kind == "comment":
            comments = state["comments"].setdefault(repo, {}).setdefault(where, [])
            comments.append({"id": len(comments) + 1, "deleted": False,
                             "raw": op["body"] + "\n\n" + state_tool.comment_marker(key)})
        else:
            report = {k: op[k] for k in ("title", "result", "details", "link", "reporter")}
            report["external_id"] = key
            report["annotations"] = {
                a["id"]: {"external_id": a["id"], "path": a["path"], "line": a["line"],
                          "severity": a["severity"], "annotation_type": a["type"],
                          "summary": a["summary"], **({"details": a["details"]}
                                                      if "details" in a else {})}
                for a in op["annotations"]}
            state["reports"].setdefault(repo, {}).setdefault(where, {})[key] = report
    return state


class GeneratorTest(unittest.TestCase):
    def test_committed_trace_is_what_the_generator_writes(self):
        with open(TRACE, encoding="utf-8") as f:
            committed = f.read()
        generated = "".join(json.dumps(op, separators=(",", ":")) + "\n"
                            for op in generator.lines())
        self.assertEqual(committed, generated)

    def test_trace_has_six_interleaved_pull_requests_with_six_stages_each(self):
        ops = [op for _, op in timed_ops(generator.lines())]
        prs = {op["pr"] for op in ops if op["op"] == "comment"}
        self.assertEqual(len(prs), 6)
        commits = {op["commit"] for op in ops if op["op"] == "status"}
        self.assertEqual(len(commits), 6)
        for commit in commits:
            keys = {op["key"] for op in ops if op["op"] == "status" and op["commit"] == commit}
            self.assertEqual(len(keys), 6)
        # Interleaved: the first 30 posts already touch every commit.
        early = {op["commit"] for op in ops[:30] if op["op"] == "status"}
        self.assertEqual(early, commits)

    def test_every_replaced_content_is_held_twice_the_linger(self):
        last = {}
        for t, op in timed_ops(generator.lines()):
            slot = slot_of(op)
            if slot in last:
                self.assertGreaterEqual(t - last[slot], 2 * 2000, slot)
            last[slot] = t

    def test_stages_edit_their_progress_and_end_in_a_terminal_state(self):
        by_slot = {}
        for _, op in timed_ops(generator.lines()):
            if op["op"] == "status":
                by_slot.setdefault(slot_of(op), []).append(op)
        for slot, ops in by_slot.items():
            self.assertTrue(all(o["state"] == "INPROGRESS" for o in ops[:-1]), slot)
            self.assertIn(ops[-1]["state"], ("SUCCESSFUL", "FAILED"), slot)
            descriptions = [o["description"] for o in ops[:-1]]
            self.assertEqual(len(set(descriptions)), len(descriptions), slot)
        self.assertGreater(sum(len(ops) > 2 for ops in by_slot.values()), 20)

    def test_trace_lasts_twenty_to_thirty_seconds(self):
        total = sum(op["ms"] for op in generator.lines() if op["op"] == "sleep")
        self.assertGreaterEqual(total, 20000)
        self.assertLessEqual(total, 30000)


class LostContentTest(unittest.TestCase):
    def setUp(self):
        with open(TRACE, encoding="utf-8") as f:
            self.want = state_tool.desired_from_trace(f)
        self.state = host_state(self.want)

    def test_a_host_holding_every_final_content_lost_nothing(self):
        self.assertEqual(state_tool.compare(self.state, self.want), {})

    def test_a_status_left_at_an_earlier_state_is_lost(self):
        commit = next(iter(self.state["statuses"]["acme/monorepo"]))
        self.state["statuses"]["acme/monorepo"][commit]["package"]["state"] = "INPROGRESS"
        lost = state_tool.compare(self.state, self.want)
        self.assertEqual(list(lost), [("status", "acme/monorepo", commit, "package")])

    def test_a_stale_description_is_lost(self):
        commit = next(iter(self.state["statuses"]["acme/monorepo"]))
        self.state["statuses"]["acme/monorepo"][commit]["build"]["description"] = "Compiling"
        self.assertEqual(len(state_tool.compare(self.state, self.want)), 1)

    def test_a_missing_or_duplicated_or_stale_comment_is_lost(self):
        comments = self.state["comments"]["acme/monorepo"]
        comments["311"] = []
        comments["312"].append(copy.deepcopy(comments["312"][0]))
        comments["313"][0]["raw"] = "**Coverage**: waiting for test results\n\n" + \
            state_tool.comment_marker("coverage")
        lost = state_tool.compare(self.state, self.want)
        self.assertEqual(sorted(slot[2] for slot in lost), ["311", "312", "313"])

    def test_a_deleted_comment_does_not_count_as_held(self):
        comments = self.state["comments"]["acme/monorepo"]["314"]
        comments[0]["deleted"] = True
        self.assertEqual(len(state_tool.compare(self.state, self.want)), 1)

    def test_a_report_with_a_missing_or_extra_or_stale_annotation_is_lost(self):
        reports = [commits[c]["acme-sast"]
                   for commits in [self.state["reports"]["acme/monorepo"]] for c in commits]
        first = next(iter(reports[0]["annotations"]))
        del reports[0]["annotations"][first]
        reports[1]["annotations"]["sast-old-0001"] = {"summary": "fixed since"}
        second = next(iter(reports[2]["annotations"]))
        reports[2]["annotations"][second]["line"] += 1
        reports[3]["result"] = "PENDING"
        self.assertEqual(len(state_tool.compare(self.state, self.want)), 4)

    def test_an_empty_host_lost_every_slot(self):
        lost = state_tool.compare({}, self.want)
        self.assertEqual(len(lost), len(self.want))
        self.assertEqual(len(self.want), 6 * 6 + 6 + 6)

    def test_command_prints_slots_and_lost_as_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "state.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(self.state, f)
            out = subprocess.run(
                [sys.executable, os.path.join(ROOT, "scripts", "lib", "pressure_state.py"),
                 TRACE, path], check=True, capture_output=True, text=True).stdout
        self.assertEqual(json.loads(out), {"slots": 48, "lost": 0})


class ChartTest(unittest.TestCase):
    ROWS = [{"budget": 0, "requests": 160, "seconds": 28.3, "lost": 0, "rate_limited": 0},
            {"budget": 60, "requests": 151, "seconds": 29.1, "lost": 0, "rate_limited": 0},
            {"budget": 30, "requests": 121, "seconds": 41.7, "lost": 0, "rate_limited": 0},
            {"budget": 15, "requests": 96, "seconds": 66.4, "lost": 0, "rate_limited": 0}]

    def test_chart_is_well_formed_svg_with_both_series_and_every_budget(self):
        root = ET.fromstring(chart.svg(self.ROWS))
        self.assertEqual(root.tag, SVG + "svg")
        lines = root.findall(SVG + "polyline")
        self.assertEqual(len(lines), 2)
        self.assertEqual([len(l.get("points").split()) for l in lines], [4, 4])
        texts = [t.text for t in root.iter(SVG + "text")]
        for label in ("unlimited", "60", "30", "15", "160", "96", "66.4 s", "requests sent",
                      "time to deliver (s)", "budget (requests per 10 s window)"):
            self.assertIn(label, texts)

    def test_fewer_requests_are_drawn_lower(self):
        root = ET.fromstring(chart.svg(self.ROWS))
        requests = root.findall(SVG + "polyline")[0].get("points").split()
        ys = [float(p.split(",")[1]) for p in requests]
        self.assertEqual(ys, sorted(ys))  # SVG's y grows downwards

    def test_a_failed_run_leaves_a_gap_instead_of_breaking_the_chart(self):
        rows = copy.deepcopy(self.ROWS)
        rows[2]["requests"] = rows[2]["seconds"] = None
        root = ET.fromstring(chart.svg(rows))
        self.assertEqual(len(root.findall(SVG + "polyline")), 2)

    def test_nice_scale_covers_the_top_in_round_steps(self):
        self.assertEqual(chart.nice_scale(176), (50, 200))
        self.assertEqual(chart.nice_scale(73.04), (20, 80))
        self.assertEqual(chart.nice_scale(0), (1, 5))

    def test_command_writes_the_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            rows = os.path.join(tmp, "rows.jsonl")
            with open(rows, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r) + "\n" for r in self.ROWS)
            out = os.path.join(tmp, "bench", "chart.svg")
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "lib",
                                                         "pressure_chart.py"), rows, out],
                           check=True)
            ET.parse(out)


if __name__ == "__main__":
    unittest.main()
