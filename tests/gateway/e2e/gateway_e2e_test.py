#!/usr/bin/env python3
"""The gateway's end-to-end checks with curl: forge-sim playing Bitbucket Cloud (it accepts only
the upstream token) and a recording echo upstream, cibatch-gateway in front of both on
configurations in a temporary folder, and real requests from curl (raw sockets where curl cannot
misbehave enough). Each check says what the contract (the gateway's HTTP surface) promises.

/metrics must pass `promtool check metrics` (Debian's prometheus; CIB_SKIP_PROMTOOL=1 skips that
check when promtool is missing) and /status is read in a headless Chromium (Debian's chromium;
CIB_SKIP_CHROMIUM=1 likewise).

Usage: gateway_e2e_test.py --bin BUILD_BIN_DIR [unittest options]
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import status_page  # noqa: E402
from echo_upstream import HOP_MARK, EchoUpstream  # noqa: E402

BIN = None  # set from --bin
CURL_TIMEOUT_S = 60
READ_TIMEOUT_MS = 1000
SLOW_BYTE_EVERY_S = 0.2
SLOWLORIS_GIVE_UP_S = 10
UPSTREAM_LATENCY_MS = 2000
CACHE_TTL_S = 60
MAX_BODY_MB = 1
HOST_RATE_LIMIT = 100000
REPO = "/2.0/repositories/acme/web"
GATEWAY_ERROR_PREFIX = "cibatch gateway: "
UNGUARDED_PATHS = ("/metrics", "/status", "/status.json")
OUTCOMES = {"hit", "revalidated", "miss", "collapsed", "stale", "passthrough", "quota", "budget",
            "unauthorized", "refused", "error"}
CONDITION_TIMEOUT_S = 20


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower(), [None])[-1]

    def json(self):
        return json.loads(self.body)


def parse_head(text):
    """The last header block of curl's -D output (a 100 Continue comes first)."""
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    lines = blocks[-1].split("\n") if blocks else []
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return headers


def wait_until(condition, what):
    """Polls CONDITION until it holds: waiting for a state, not sleeping in place of one."""
    deadline = time.monotonic() + CONDITION_TIMEOUT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class GatewayEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="gateway-e2e-")
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        cls.answers = []  # every answer's head and body, checked for tokens at the end
        cls.outcomes = []  # (target, X-Cibatch-Gateway) of every answer below a mount
        cls.upstream_token = harness.new_token("upstream")
        cls.echo_token = harness.new_token("echo-upstream")
        cls.sim = harness.ForgeSim(BIN, cls.folder, "--require-token", cls.upstream_token,
                                   "--rate-limit", str(HOST_RATE_LIMIT), "--rate-window-s", "3600")
        cls.addClassCleanup(cls.sim.terminate)
        cls.echo = EchoUpstream()
        cls.addClassCleanup(cls.echo.stop)
        cls.clients, cls.tool_tokens = harness.tool_clients(
            cls.folder, {"dev": "interactive", "bot": "background"})
        cls.gateway = cls.start_gateway(cls.folder, cls.sim, "gateway")
        cls.addClassCleanup(cls.gateway.terminate)

    @classmethod
    def start_gateway(cls, folder, sim, name):
        up_file = harness.write_secret(os.path.join(folder, "upstream.token"), cls.upstream_token)
        echo_file = harness.write_secret(os.path.join(folder, "echo.token"), cls.echo_token)
        gateway_keys = {"listen": "127.0.0.1:0", "clients": cls.clients,
                        "cache": [{"path": "/repositories/*/*/commit/*/statuses",
                                   "ttl_s": CACHE_TTL_S}],
                        "max_body_mb": MAX_BODY_MB, "read_timeout_ms": READ_TIMEOUT_MS}
        first = harness.write_config(
            os.path.join(folder, f"{name}-forge.yml"), sim.origin + "/2.0", up_file,
            {"limit": HOST_RATE_LIMIT, "window_s": 3600,
             "path": os.path.join(folder, f"{name}-budget.db")},
            os.path.join(folder, f"{name}-spool.db"), gateway=gateway_keys)
        second = harness.write_config(
            os.path.join(folder, f"{name}-echo.yml"), cls.echo.api_url, echo_file,
            {"limit": 0, "path": os.path.join(folder, f"{name}-echo-budget.db")},
            os.path.join(folder, f"{name}-echo-spool.db"))
        return harness.Gateway(BIN, folder, [first, second], name)

    # --- helpers -------------------------------------------------------------------------------

    def secrets(self):
        return [self.upstream_token, self.echo_token, *self.tool_tokens.values()]

    def auth(self, tool="dev", form="bearer"):
        token = self.tool_tokens[tool]
        return {"bearer": [f"Authorization: Bearer {token}"],
                "token": [f"Authorization: token {token}"],
                "basic": ["Authorization: Basic "
                          + base64.b64encode(f"anyone:{token}".encode()).decode()],
                "private": [f"PRIVATE-TOKEN: {token}"]}[form]

    def curl(self, path, method="GET", headers=(), data=None, options=(), url=None):
        """One request with curl; the answer is kept for the final token check."""
        head = os.path.join(self.folder, "head.txt")
        body = os.path.join(self.folder, "body.bin")
        for output in (head, body):
            open(output, "wb").close()  # curl leaves them alone when it gets no answer
        argv = ["curl", "-sS", "-X", method, "-D", head, "-o", body, "-w", "%{http_code}",
                "--max-time", str(CURL_TIMEOUT_S), *options]
        for h in headers:
            argv += ["-H", h]
        if data is not None:
            argv += ["--data-binary", "@-"]
        argv.append(url or self.gateway.url + path)
        done = subprocess.run(argv, input=data, capture_output=True, timeout=CURL_TIMEOUT_S + 10)
        with open(head, "rb") as f:
            head_text = f.read().decode(errors="replace")
        with open(body, "rb") as f:
            body_bytes = f.read()
        self.answers.append(head_text.encode() + body_bytes)
        answer = Answer(int(done.stdout or b"0"), parse_head(head_text), body_bytes)
        if answer.status and path not in UNGUARDED_PATHS:
            self.outcomes.append((argv[-1], answer.header("X-Cibatch-Gateway")))
        return answer

    def host_requests(self):
        return self.sim.requests()

    def assert_gateway_error(self, answer, status):
        self.assertEqual(answer.status, status, answer.body)
        self.assertIsNotNone(answer.header("X-Cibatch-Gateway"))
        error = answer.json()
        self.assertEqual(error["type"], "error")
        self.assertTrue(error["error"]["message"].startswith(GATEWAY_ERROR_PREFIX), error)

    def assert_host_never_saw(self, before, marker):
        after = self.host_requests()
        self.assertEqual(len(after), len(before), "the host saw a refused request")
        self.assertFalse([r for r in self.echo.requests() if marker in r["target"]])

    # --- pass-through --------------------------------------------------------------------------

    def test_01_methods_and_bodies_pass_through(self):
        comments = REPO + "/pullrequests/7/comments"
        created = self.curl(comments, "POST", [*self.auth(), "Content-Type: application/json"],
                            b'{"content":{"raw":"first <b>"}}')
        self.assertEqual(created.status, 201, created.body)
        comment_id = created.json()["id"]
        self.assertEqual(created.json()["content"]["raw"], "first <b>")
        edited = self.curl(f"{comments}/{comment_id}", "PUT",
                           [*self.auth("bot"), "Content-Type: application/json"],
                           b'{"content":{"raw":"second"}}')
        self.assertEqual(edited.status, 200, edited.body)
        read = self.curl(f"{comments}/{comment_id}", headers=self.auth("dev", "token"))
        self.assertEqual((read.status, read.json()["content"]["raw"]), (200, "second"))
        deleted = self.curl(f"{comments}/{comment_id}", "DELETE", self.auth("dev", "basic"))
        self.assertEqual(deleted.status, 204)
        listed = self.curl(comments + "?pagelen=1&page=1", headers=self.auth("dev", "private"))
        self.assertEqual(listed.status, 200)
        seen = [(r["method"], r["target"]) for r in self.host_requests()]
        self.assertEqual(seen[-5:], [("POST", comments), ("PUT", f"{comments}/{comment_id}"),
                                     ("GET", f"{comments}/{comment_id}"),
                                     ("DELETE", f"{comments}/{comment_id}"),
                                     ("GET", comments + "?pagelen=1&page=1")])
        self.assertEqual(self.host_requests()[-4]["body"], {"content": {"raw": "second"}})

    def test_02_every_token_form_reaches_the_host_as_the_upstream_token(self):
        # forge-sim --require-token accepts the upstream token only: the tool's token passed on
        # would be answered 401 there.
        for form in ("bearer", "token", "basic", "private"):
            answer = self.curl(REPO + "/pullrequests/8/comments", headers=self.auth("bot", form))
            self.assertEqual(answer.status, 200, f"{form}: {answer.body}")
        wanted = harness.token_hash(self.upstream_token)
        self.assertEqual({r["token"] for r in self.host_requests()}, {wanted})
        for request in self.echo.requests():
            for _, value in request["headers"]:
                for token in self.tool_tokens.values():
                    self.assertNotIn(token, value)

    def test_03_request_and_answer_headers_lose_only_hop_by_hop(self):
        answer = self.curl("/echo/headers", "PUT",
                           [*self.auth(), "X-Custom: kept", "Content-Type: text/plain",
                            "Connection: X-Hop-Request", "X-Hop-Request: dropped",
                            "Keep-Alive: timeout=99", "TE: trailers", "Upgrade: h2c",
                            "Proxy-Authorization: Basic ZHJvcHBlZDpkcm9wcGVk"],
                           b"plain body \x00\x01")
        self.assertEqual(answer.status, 200, answer.body)
        seen = self.echo.requests()[-1]
        names = {name.lower(): value for name, value in seen["headers"]}
        self.assertEqual((seen["method"], seen["body"]), ("PUT", b"plain body \x00\x01"))
        self.assertEqual(names.get("x-custom"), "kept")
        self.assertEqual(names.get("content-type"), "text/plain")
        for hop in ("x-hop-request", "keep-alive", "te", "upgrade", "proxy-authorization"):
            self.assertNotIn(hop, names)
        self.assertEqual(names.get("authorization"), f"Bearer {self.echo_token}")
        self.assertEqual(names.get("host"), self.echo.origin.split("//")[1])
        self.assertEqual(answer.header("X-Answer"), "passed")
        self.assertIsNone(answer.header("X-Hop-Answer"))
        self.assertIsNone(answer.header("Proxy-Authenticate"))
        self.assertNotIn(HOP_MARK, json.dumps(answer.headers))
        self.assertEqual(answer.header("X-Cibatch-Gateway"), "passthrough")

    def test_04_host_headers_and_errors_pass_through(self):
        # forge-sim's rate header and its 415 for a body that is not JSON are the host's own.
        answer = self.curl(REPO + "/commit/f0f0/statuses", headers=self.auth())
        self.assertEqual(answer.header("X-RateLimit-Limit"), str(HOST_RATE_LIMIT))
        refused = self.curl(REPO + "/commit/f0f0/statuses/build", "POST",
                            [*self.auth(), "Content-Type: text/plain"], b"not json")
        self.assertEqual(refused.status, 415)
        self.assertFalse(refused.json()["error"]["message"].startswith(GATEWAY_ERROR_PREFIX))

    # --- authentication ------------------------------------------------------------------------

    def test_05_missing_or_wrong_tool_token_is_401_and_never_reaches_the_host(self):
        before = self.host_requests()
        wrong = harness.new_token("wrong")
        self.tool_tokens["wrong (not a tool)"] = wrong  # checked for in every answer too
        for headers in ([], [f"Authorization: Bearer {wrong}"], [f"PRIVATE-TOKEN: {wrong}"],
                        [f"Authorization: Bearer {self.upstream_token}"]):
            answer = self.curl(REPO + "/commit/auth401/statuses", headers=headers)
            self.assert_gateway_error(answer, 401)
            self.assertEqual(answer.header("X-Cibatch-Gateway"), "unauthorized")
        self.assert_host_never_saw(before, "auth401")

    # --- links ---------------------------------------------------------------------------------

    def test_06_pagination_next_and_location_are_rewritten(self):
        statuses = REPO + "/commit/beef02/statuses"
        for key in ("k1", "k2", "k3"):
            posted = self.curl(statuses + "/build", "POST",
                               [*self.auth(), "Content-Type: application/json"],
                               json.dumps({"key": key, "state": "SUCCESSFUL",
                                           "url": "https://ci.example/1"}).encode())
            self.assertEqual(posted.status, 201, posted.body)
        first = self.curl(statuses + "?pagelen=1", headers=self.auth())
        page = first.json()
        self.assertTrue(page["next"].startswith(self.gateway.url + statuses), page["next"])
        self.assertNotIn(self.sim.origin.encode(), first.body)
        second = self.curl("", headers=self.auth(), url=page["next"])
        self.assertEqual(second.status, 200)
        self.assertEqual(second.json()["page"], 2)

        echoed = self.curl("/echo/links", headers=self.auth())
        self.assertEqual(echoed.header("Location"), self.gateway.url + "/echo/created/1")
        self.assertIn(f"<{self.gateway.url}/echo/links?page=2>", echoed.header("Link"))
        self.assertEqual(echoed.json()["links"]["next"], self.gateway.url + "/echo/links?page=2")
        self.assertNotIn(self.echo.origin.encode(), echoed.body)

    # --- routing and refusals ------------------------------------------------------------------

    def test_07_unmounted_paths_are_the_gateways_404(self):
        before = self.host_requests()
        for path in ("/nomount/unmounted", "/2.0x/repositories/unmounted", "/echoes/unmounted"):
            self.assert_gateway_error(self.curl(path, headers=self.auth()), 404)
        self.assert_host_never_saw(before, "unmounted")

    def test_08_absolute_form_connect_and_dot_segments_are_400(self):
        before = self.host_requests()
        target = REPO + "/commit/dotdot/statuses"
        absolute = self.curl("/", headers=self.auth(),
                             options=["--request-target", self.sim.origin + target])
        self.assert_gateway_error(absolute, 400)
        for path in (REPO + "/../web/commit/dotdot/statuses",
                     REPO + "/%2e%2e/web/commit/dotdot/statuses",
                     REPO + "/%2E%2e/web/commit/dotdot/statuses",
                     "/echo/a/%2e%2E/dotdot"):
            answer = self.curl(path, headers=self.auth(), options=["--path-as-is"])
            self.assert_gateway_error(answer, 400)
        connect = self.curl("/", "CONNECT", self.auth(),
                            options=["--request-target", f"127.0.0.1:{self.sim.port}"])
        self.assertEqual(connect.status, 400)
        self.assert_host_never_saw(before, "dotdot")

    # --- cache ---------------------------------------------------------------------------------

    def gets_of(self, target):
        return [r for r in self.host_requests() if r["method"] == "GET" and r["target"] == target]

    def test_09_a_cached_get_is_served_twice_from_one_upstream_request(self):
        statuses = REPO + "/commit/cafe01/statuses"
        first = self.curl(statuses, headers=self.auth())
        second = self.curl(statuses, headers=self.auth("bot"))
        self.assertEqual((first.status, second.status), (200, 200))
        self.assertEqual(first.header("X-Cibatch-Gateway"), "miss")
        self.assertEqual(second.header("X-Cibatch-Gateway"), "hit")
        self.assertLessEqual(int(second.header("Age")), CACHE_TTL_S)
        self.assertEqual(second.body, first.body)
        self.assertEqual(len(self.gets_of(statuses)), 1)

    def test_10_a_write_invalidates_the_cached_list(self):
        statuses = REPO + "/commit/cafe01/statuses"
        self.assertEqual(self.curl(statuses, headers=self.auth()).header("X-Cibatch-Gateway"),
                         "hit")
        posted = self.curl(statuses + "/build", "POST",
                           [*self.auth(), "Content-Type: application/json"],
                           b'{"key":"fresh","state":"INPROGRESS","url":"https://ci.example/2"}')
        self.assertEqual(posted.status, 201)
        after = self.curl(statuses, headers=self.auth())
        self.assertNotEqual(after.header("X-Cibatch-Gateway"), "hit")
        self.assertIn("fresh", [s["key"] for s in after.json()["values"]])
        self.assertEqual(len(self.gets_of(statuses)), 2)

    # --- caps ----------------------------------------------------------------------------------

    def test_11_a_body_over_max_body_mb_is_413(self):
        big = b"{" + b" " * (MAX_BODY_MB << 20) + b"}"
        answer = self.curl("/echo/toolarge", "POST",
                           [*self.auth(), "Content-Type: application/json"], big)
        self.assert_gateway_error(answer, 413)
        self.assertFalse([r for r in self.echo.requests() if "toolarge" in r["target"]])

    def test_12_too_many_or_too_large_headers_are_431(self):
        before = self.host_requests()
        many = [f"X-Pad-{i}: v" for i in range(150)]
        self.assertEqual(self.curl(REPO + "/commit/hdr431/statuses",
                                   headers=[*self.auth(), *many]).status, 431)
        # Each header well under any parser's own line limit, together over max_header_kb (64).
        large = [f"X-Large-{i}: {'v' * 4000}" for i in range(20)]
        self.assertEqual(self.curl(REPO + "/commit/hdr431/statuses",
                                   headers=[*self.auth(), *large]).status, 431)
        self.assert_host_never_saw(before, "hdr431")

    def test_13_a_slowloris_is_closed_after_read_timeout_ms(self):
        before = self.host_requests()
        sock = socket.create_connection(("127.0.0.1", self.gateway.port))
        sock.settimeout(SLOW_BYTE_EVERY_S)
        sock.sendall(f"GET {REPO}/commit/slowloris/statuses HTTP/1.1\r\n"
                     f"Host: 127.0.0.1\r\nX-Slow: ".encode())
        started = time.monotonic()
        closed_after = None
        while time.monotonic() - started < SLOWLORIS_GIVE_UP_S:
            try:
                sock.sendall(b"a")
                if sock.recv(4096) == b"":
                    closed_after = time.monotonic() - started
                    break
                closed_after = time.monotonic() - started  # an answer (408) then the close
                break
            except socket.timeout:
                continue
            except OSError:
                closed_after = time.monotonic() - started
                break
        sock.close()
        self.assertIsNotNone(closed_after, "the slow client was never cut off")
        self.assertLess(closed_after, READ_TIMEOUT_MS / 1000 * 4)
        self.assert_host_never_saw(before, "slowloris")

    def test_14_a_client_gone_mid_answer_does_not_stop_the_gateway(self):
        sock = socket.create_connection(("127.0.0.1", self.gateway.port))
        auth = self.auth()[0]
        sock.sendall(f"GET /echo/big HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}\r\n\r\n".encode())
        received = b""
        while len(received) < 65536:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        self.assertTrue(received.startswith(b"HTTP/1.1 200"), received[:200])
        # Reset rather than close: the gateway's next write fails at once.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        self.answers.append(received[:4096])
        after = self.curl(REPO + "/commit/afterreset/statuses", headers=self.auth())
        self.assertEqual(after.status, 200)
        self.assertIsNone(self.gateway.proc.poll())

    # --- what it shows -------------------------------------------------------------------------

    def test_15_metrics_pass_promtool(self):
        answer = self.curl("/metrics")
        self.assertEqual(answer.status, 200)
        self.assertIn("text/plain", answer.header("Content-Type"))
        page = answer.body.decode()
        for name in ("cibatch_gateway_requests_total", "cibatch_gateway_upstream_requests_total",
                     "cibatch_gateway_cache_hits_total", "cibatch_gateway_cache_misses_total",
                     "cibatch_gateway_collapsed_requests_total",
                     "cibatch_gateway_budget_remaining", "cibatch_gateway_requests_too_large_total",
                     "cibatch_gateway_requests_timed_out_total"):
            self.assertIn(f"# TYPE {name} ", page)
        sums = harness.parse_metrics(page)
        self.assertGreaterEqual(sums.get("cibatch_gateway_cache_hits_total", 0), 2)
        self.assertGreaterEqual(sums.get("cibatch_gateway_requests_too_large_total", 0), 1)
        self.assertGreaterEqual(sums.get("cibatch_gateway_requests_timed_out_total", 0), 1)
        promtool = shutil.which("promtool")
        if promtool is None:
            if os.environ.get("CIB_SKIP_PROMTOOL") == "1":
                self.skipTest("promtool is missing (CIB_SKIP_PROMTOOL=1)")
            self.fail("promtool is missing: install Debian's prometheus (or CIB_SKIP_PROMTOOL=1)")
        checked = subprocess.run([promtool, "check", "metrics"], input=answer.body,
                                 capture_output=True, timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)

    def test_16_status_page_in_chromium_matches_status_json(self):
        chromium = shutil.which("chromium")
        if chromium is None:
            if os.environ.get("CIB_SKIP_CHROMIUM") == "1":
                self.skipTest("chromium is missing (CIB_SKIP_CHROMIUM=1)")
            self.fail("chromium is missing: install Debian's chromium (or CIB_SKIP_CHROMIUM=1)")
        mismatch = None
        # A minute may roll over between the page and the JSON: the chart's buckets then shift
        # once, so a second reading agrees.
        for _ in range(2):
            dom = status_page.dump_dom(chromium, self.gateway.url + "/status", self.folder)
            self.answers.append(dom.encode())
            page = status_page.read(dom)
            figures = json.loads(self.gateway.get("/status.json"))
            mismatch = status_page.differences(page, figures)
            if not mismatch:
                break
        self.assertFalse(mismatch)
        self.assertEqual({t["name"] for t in figures["tools"]}, {"dev", "bot"})
        dev = next(t for t in figures["tools"] if t["name"] == "dev")
        self.assertGreater(dev["answered"], 0)
        self.assertGreater(dev["hits"], 0)

    # --- signals and secrets (last) ------------------------------------------------------------

    def test_17_cibatch_gateway_runs_the_gateway_program(self):
        config = os.path.join(self.folder, "gateway-forge.yml")
        done = subprocess.run([os.path.join(BIN, "cibatch"), "gateway", "--config", config,
                               "--check"], capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("upstream /2.0 -> bitbucket-cloud " + self.sim.origin + "/2.0", done.stdout)
        for secret in self.secrets():
            self.assertNotIn(secret, done.stdout + done.stderr)

    def test_98_sigterm_delivers_the_slow_answer_in_flight_then_exits_0(self):
        folder = tempfile.mkdtemp(dir=self.folder, prefix="drain-")
        slow = harness.ForgeSim(BIN, folder, "--require-token", self.upstream_token,
                                "--latency-ms", str(UPSTREAM_LATENCY_MS))
        gateway = self.start_gateway(folder, slow, "drain-gateway")
        try:
            argv = ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "--max-time",
                    str(CURL_TIMEOUT_S), "-H", self.auth()[0],
                    gateway.url + REPO + "/commit/drain/statuses"]
            client = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wait_until(lambda: slow.stats()["in_flight"] >= 1, "the upstream request")
            gateway.proc.send_signal(signal.SIGTERM)
            out, _ = client.communicate(timeout=CURL_TIMEOUT_S)
            self.answers.append(out)
            body, _, code = out.rpartition(b"\n")
            self.assertEqual(code, b"200", out)
            self.assertIn(b'"values"', body)
            self.assertEqual(gateway.proc.wait(timeout=harness.STOP_TIMEOUT_S), 0)
            self.answers.append(gateway.stderr_text().encode())
        finally:
            gateway.terminate()
            slow.terminate()

    def test_97_every_answer_names_its_outcome(self):
        self.assertGreater(len(self.outcomes), 30)
        for target, outcome in self.outcomes:
            self.assertIn(outcome, OUTCOMES, target)

    def test_99_no_token_in_any_answer_or_in_the_gateways_stderr(self):
        texts = [*self.answers, self.gateway.stderr_text().encode()]
        self.assertGreater(len(texts), 30)
        for text in texts:
            for token in self.secrets():
                self.assertNotIn(token.encode(), text)


def main():
    global BIN
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the folder of forge-sim and cibatch-gateway")
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
