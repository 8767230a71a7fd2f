#!/usr/bin/env python3
"""Tests of the agent benchmark's tools on crafted data: the command line of each trace op, the
steps' offsets, the percentile and the table's verdict. The benchmark itself runs in
scripts/bench (scripts/lib/agent_bench.sh)."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import agent_table  # noqa: E402
import cli_replay  # noqa: E402
import final_state  # noqa: E402
from post_load import percentile  # noqa: E402


class StepArgs(unittest.TestCase):
    def test_status_carries_its_optional_fields(self):
        op = {"op": "status", "repo": "a/b", "commit": "c1", "key": "build", "state": "FAILED",
              "description": "broke"}
        self.assertEqual(cli_replay.step_args(op, "/t", "/tmp"),
                         ["status", "--repo", "a/b", "--commit", "c1", "--key", "build",
                          "--state", "FAILED", "--description", "broke"])

    def test_report_annotations_go_through_a_json_file(self):
        notes = [{"id": "n1", "path": "a.c", "line": 3, "severity": "LOW", "type": "BUG",
                  "summary": "s"}]
        op = {"op": "report", "repo": "a/b", "commit": "c1", "id": "r", "title": "T",
              "result": "PASSED", "annotations": notes}
        with tempfile.TemporaryDirectory() as tmp:
            args = cli_replay.step_args(op, "/t", tmp)
            with open(args[args.index("--annotations-json") + 1], encoding="utf-8") as f:
                self.assertEqual(json.load(f), notes)
        self.assertNotIn("--data-json", args)

    def test_sonar_files_are_resolved_against_the_trace_folder(self):
        op = {"op": "sonar", "repo": "a/b", "commit": "c1", "pr": 7, "issues": ["p1.json",
              "p2.json"], "gate": "gate.json"}
        args = cli_replay.step_args(op, "/traces", "/tmp")
        self.assertEqual(args[args.index("--pr") + 1], "7")
        self.assertEqual([args[i + 1] for i, a in enumerate(args) if a == "--issues"],
                         ["/traces/p1.json", "/traces/p2.json"])
        self.assertEqual(args[args.index("--gate") + 1], "/traces/gate.json")

    def test_flush_takes_the_ops_timeout(self):
        self.assertEqual(cli_replay.step_args({"op": "flush", "timeout_ms": 500}, "/t", "/tmp"),
                         ["flush", "--timeout-ms", "500"])
        self.assertEqual(cli_replay.step_args({"op": "flush"}, "/t", "/tmp"), ["flush"])

    def test_sleeps_add_up_to_each_steps_offset(self):
        lines = ['{"op":"sleep","ms":30}', '{"op":"flush"}', '{"op":"sleep","ms":20}',
                 '{"op":"sleep","ms":5}', '{"op":"flush"}', '{"op":"flush"}']
        self.assertEqual([o for o, _ in cli_replay.schedule(lines, "/t", "/tmp")], [30, 55, 55])

    def test_an_unknown_op_is_refused(self):
        with self.assertRaises(ValueError):
            cli_replay.step_args({"op": "poll"}, "/t", "/tmp")


class Verdict(unittest.TestCase):
    def rows(self, agent_requests, lost=0):
        floor = {"mode": "floor", "trace": "tests/traces/t.jsonl", "host": "bitbucket-cloud",
                 "floor": 10, "lookups": 2}
        run = {"trace": "t.jsonl", "host": "bitbucket-cloud", "waits_ms": [1.0, 2.0],
               "flushes_ms": [5.0], "wall_ms": 1000, "failed": 0, "flush_exit": 0, "lost": lost,
               "slots": 3, "lookups": 2, "invalid": 0}
        return [floor, dict(run, mode="direct", requests=15),
                dict(run, mode="agent", requests=agent_requests)]

    def test_the_floor_passes(self):
        cells, problems = agent_table.table_rows(self.rows(10))
        self.assertEqual(problems, [])
        self.assertEqual(cells[1][6], "1.00x")

    def test_more_than_the_floor_fails(self):
        self.assertEqual(len(agent_table.table_rows(self.rows(11))[1]), 1)

    def test_a_lost_slot_fails(self):
        self.assertIn("lost", agent_table.table_rows(self.rows(10, lost=1))[1][0])

    def test_a_refused_load_post_fails(self):
        load = {"mode": "load", "posts": 10, "acked": 9, "refused": 1, "rate": 10.0,
                "ack_p50_ms": 1, "ack_p99_ms": 2, "rss_max_kb": 1, "threads_max": 1,
                "samples": 2, "idle_start_rss_kb": 1, "idle_end_rss_kb": 1}
        self.assertEqual(len(agent_table.memory_lines([load])[1]), 1)

    def test_percentile_is_nearest_rank(self):
        values = list(range(1, 101))
        self.assertEqual((percentile(values, 50), percentile(values, 99)), (50, 99))
        self.assertIsNone(percentile([], 50))


class StatusLosses(unittest.TestCase):
    WANT = {("status", "a/b", "c1", "build"): {"state": "SUCCESSFUL", "name": "Build"},
            ("status", "a/b", "c1", "lint"): {"state": "FAILED"}}

    def test_a_status_filed_under_its_key_or_name_with_its_last_state_is_kept(self):
        state = {"statuses": {"a/b": {"c1": {"Build": {"state": "SUCCESSFUL"},
                                             "lint": {"state": "FAILED"}}}}}
        self.assertEqual(final_state.status_losses(state, self.WANT), {})

    def test_a_missing_or_older_status_is_lost(self):
        state = {"statuses": {"a/b": {"c1": {"build": {"state": "INPROGRESS"}}}}}
        lost = final_state.status_losses(state, self.WANT)
        self.assertEqual(sorted(k[3] for k in lost), ["build", "lint"])


if __name__ == "__main__":
    unittest.main()
