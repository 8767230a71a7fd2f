#!/usr/bin/env python3
"""The gateway benchmark's and end-to-end checks' tools, on crafted data: which statuses are
gating and when the host got them, the verdict on a polling run, the status page's hooks, the
/metrics sums. Usage: gateway_bench_tools_test.py"""

import http.server
import json
import os
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "gateway", "e2e"))
sys.path.insert(0, HERE)
import gating  # noqa: E402
import harness  # noqa: E402
import pollers  # noqa: E402
import polling_bench  # noqa: E402
import status_page  # noqa: E402

REPO, COMMIT = "acme/mono", "c1"


def status(key, state):
    return {"op": "status", "repo": REPO, "commit": COMMIT, "key": key, "state": state,
            "url": "https://ci.example/1"}


def delivered(t_ms, key, state, method="POST", code=201):
    return {"method": method, "status": code, "t_ms": t_ms, "body": {"key": key, "state": state},
            "target": f"/2.0/repositories/{REPO}/commit/{COMMIT}/statuses/build"}


class Gating(unittest.TestCase):
    def trace(self, ops):
        path = os.path.join(tempfile.mkdtemp(), "t.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(json.dumps(op) for op in ops) + "\n")
        return gating.read_trace(path)

    def test_offsets_are_the_sleeps_before_each_post_and_lines_are_1_based(self):
        posts = self.trace([{"op": "sleep", "ms": 60}, status("b", "INPROGRESS"),
                            {"op": "sleep", "ms": 40}, status("b", "SUCCESSFUL")])
        self.assertEqual([(p[0], p[1]) for p in posts], [(2, 60), (4, 100)])

    def test_first_and_terminal_statuses_are_gating_unless_replaced_within_the_linger(self):
        posts = self.trace([
            status("b", "INPROGRESS"), {"op": "sleep", "ms": 500},
            status("b", "INPROGRESS"), {"op": "sleep", "ms": 500},   # not first, not terminal
            status("b", "SUCCESSFUL"),
            status("t", "INPROGRESS"), {"op": "sleep", "ms": 50},    # replaced within 200 ms
            status("t", "FAILED")])
        gated = gating.gating_statuses(posts, 200)
        self.assertEqual([(p[2]["key"], p[2]["state"]) for p in gated],
                         [("b", "INPROGRESS"), ("b", "SUCCESSFUL"), ("t", "FAILED")])

    def test_a_status_post_or_put_names_its_content_and_other_requests_none(self):
        self.assertEqual(gating.status_delivery(delivered(1, "b", "FAILED")),
                         (REPO, COMMIT, "b", "FAILED"))
        put = delivered(1, None, "FAILED", "PUT", 200)
        put["target"] += "/ci%2Fb"
        put["body"] = {"state": "FAILED"}
        self.assertEqual(gating.status_delivery(put), (REPO, COMMIT, "ci/b", "FAILED"))
        self.assertIsNone(gating.status_delivery(delivered(1, "b", "FAILED", code=429)))
        listing = delivered(1, "b", "FAILED", "GET", 200)
        self.assertIsNone(gating.status_delivery(listing))
        self.assertIsNone(gating.status_delivery(
            {"method": "POST", "status": 201, "t_ms": 1, "body": {},
             "target": f"/2.0/repositories/{REPO}/pullrequests/1/comments"}))

    def test_latency_runs_from_the_post_to_the_first_matching_delivery_after_it(self):
        posts = self.trace([status("b", "INPROGRESS"), {"op": "sleep", "ms": 1000},
                            status("b", "SUCCESSFUL"), status("u", "INPROGRESS")])
        gated = gating.gating_statuses(posts, 200)
        log = [delivered(100, "b", "INPROGRESS"), delivered(900, "b", "SUCCESSFUL"),
               delivered(1450, "b", "SUCCESSFUL"), delivered(1300, "x", "SUCCESSFUL")]
        posted = {1: 1000.0, 3: 2000.0, 4: 2000.0}
        latencies = gating.delivery_latencies(gated, posted, log, lambda t: t + 1000)
        self.assertEqual(latencies, {1: 100.0, 3: 450.0, 4: None})
        summary = gating.latency_summary(latencies)
        self.assertEqual((summary["gating"], summary["undelivered"], summary["max_ms"]),
                         (3, 1, 450))

    def test_percentiles_are_nearest_rank(self):
        values = list(range(1, 101))
        self.assertEqual((gating.percentile(values, 0.5), gating.percentile(values, 0.95)),
                         (50, 95))
        self.assertEqual(gating.percentile([7], 0.95), 7)


def run_row(mode, requests, **extra):
    row = {"mode": mode, "upstream_requests": requests, "upstream_429": 0, "gating": 4,
           "undelivered": 0, "p50_ms": 210, "p95_ms": 400, "max_ms": 450,
           "tools": [{"tool": "bot-a", "requests": 50, "stale": 3, "too_old": 0,
                      "by_status": {"200": 47, "429": 3}, "polls": 9, "skipped": 1}]}
    row.update(extra)
    return row


class Verdict(unittest.TestCase):
    def test_a_good_gateway_run_passes(self):
        self.assertEqual(polling_bench.failures(run_row("direct", 5000), run_row("gateway", 900)),
                         [])

    def test_each_assertion_can_fail(self):
        direct = run_row("direct", 5000)
        cases = {"upstream 429s": run_row("gateway", 900, upstream_429=2),
                 "undelivered": run_row("gateway", 900, undelivered=1),
                 "slowest": run_row("gateway", 900, max_ms=1201),
                 "5x fewer": run_row("gateway", 1001),
                 "older than their TTL": run_row(
                     "gateway", 900, tools=[{"tool": "dev", "requests": 5, "stale": 0,
                                             "too_old": 1}])}
        for words, through in cases.items():
            found = polling_bench.failures(direct, through)
            self.assertEqual(len(found), 1, (words, found))
            self.assertIn(words, found[0])

    def test_the_table_has_a_column_per_run(self):
        scaled = polling_bench.Scaled(30, 60)
        self.assertEqual((scaled.run_s, scaled.window_s, scaled.ttl_s), (120, 120, 1))
        table = polling_bench.markdown_table(
            [run_row("direct", 5000), run_row("gateway", 900, hit_ratio=0.5, collapsed=7)], scaled)
        self.assertIn("| upstream requests | 5000 | 900 |", table)
        self.assertIn("| cache hit ratio | - | 50.0% |", table)


class Hooks(unittest.TestCase):
    PAGE = """<table id="tools"><tr><th>tool</th></tr><tr data-tool="dev">{cells}</tr></table>
      <section class="budget" data-mount="/2.0"><span data-field="used">7</span>
      <span data-field="remaining">993</span><span data-field="limit">1000</span>
      <svg class="budget-chart">{rects}</svg></section>"""

    def figures(self):
        return {"tools": [{"name": "dev", "priority": "interactive", "answered": 5, "upstream": 2,
                           "hits": 3, "stale": 0, "limited": 1, "quota_used": 2, "quota": 0}],
                "budgets": [{"mount": "/2.0", "kind": "core", "limit": 1000, "used": 7,
                             "remaining": 993, "history": [i % 4 for i in range(60)]}]}

    def page(self, figures):
        tool = figures["tools"][0]
        cells = "".join(f'<td data-field="{f}">{tool[f]}</td>' for f in status_page.TOOL_FIELDS)
        history = figures["budgets"][0]["history"]
        rects = "".join(f'<rect data-minute="{59 - i}" data-used="{u}"></rect>'
                        for i, u in enumerate(history))
        return self.PAGE.format(cells=cells, rects=rects)

    def test_a_page_that_shows_the_json_has_no_difference(self):
        figures = self.figures()
        self.assertEqual(status_page.differences(status_page.read(self.page(figures)), figures),
                         [])

    def test_a_wrong_cell_or_bar_is_named(self):
        figures = self.figures()
        dom = self.page(figures)
        figures["tools"][0]["limited"] = 2
        figures["budgets"][0]["history"][0] = 9
        found = status_page.differences(status_page.read(dom), figures)
        self.assertEqual(len(found), 2, found)
        self.assertIn("limited", found[0])
        self.assertIn("minute 59", found[1])


class FakeBitbucket(http.server.BaseHTTPRequestHandler):
    """Two repositories (two pages) of two open pull requests; acme/r1's PR 1 answers too old
    for a TTL of 1 s, its PR 2 as old but marked stale."""
    protocol_version = "HTTP/1.1"
    seen = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.seen.append(self.path)
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        headers = {}
        if self.path == "/2.0/repositories/acme":
            body = {"values": [{"slug": "r1"}], "next": origin + "/2.0/repositories/acme?page=2"}
        elif self.path == "/2.0/repositories/acme?page=2":
            body = {"values": [{"slug": "r2"}]}
        elif self.path.endswith("/pullrequests?state=OPEN"):
            body = {"values": [{"id": 1}, {"id": 2}]}
        else:
            body = {"id": int(self.path.rsplit("/", 1)[1])}
            if self.path.startswith("/2.0/repositories/acme/r1/"):
                headers["Age"] = "5"
                if body["id"] == 2:
                    headers["Warning"] = '110 - "Response is Stale"'
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class Pollers(unittest.TestCase):
    def test_a_bot_discovers_repositories_polls_each_and_judges_every_answers_age(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeBitbucket)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/2.0"
            bot = pollers.PullRequestBot("bot", base, "t", 0.1, 1, time.monotonic() + 0.5,
                                         "acme", 0)
            bot.start()
            bot.join()
        finally:
            server.shutdown()
            server.server_close()
        seen = FakeBitbucket.seen
        self.assertEqual(seen[:3], ["/2.0/repositories/acme", "/2.0/repositories/acme?page=2",
                                    "/2.0/repositories/acme/r1/pullrequests?state=OPEN"])
        s = bot.stats
        self.assertGreaterEqual(s["polls"], 2)
        self.assertEqual(s["requests"], len(seen))
        self.assertEqual(s["too_old"], seen.count("/2.0/repositories/acme/r1/pullrequests/1"))
        self.assertEqual(s["stale"], seen.count("/2.0/repositories/acme/r1/pullrequests/2"))
        self.assertGreaterEqual(s["too_old"], 1)
        self.assertEqual(s["by_outcome"], {"direct": len(seen)})


class Metrics(unittest.TestCase):
    def test_samples_are_summed_per_name_whatever_their_labels(self):
        page = ('# TYPE a_total counter\na_total{tool="x",outcome="hit"} 2\n'
                'a_total{tool="y",outcome="miss"} 3.5\nb 1 1700000000\n')
        self.assertEqual(harness.parse_metrics(page), {"a_total": 5.5, "b": 1.0})


if __name__ == "__main__":
    unittest.main()
