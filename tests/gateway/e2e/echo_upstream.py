"""A second upstream for the gateway's end-to-end checks: a loopback HTTP server under /echo
that records every request (method, target, headers, body) and answers with hop-by-hop headers
of its own, links to itself and, on request, a large body, so the checks can see exactly what
crossed the gateway in each direction. Python 3 stdlib only."""

import http.server
import json
import threading

BIG_BODY_BYTES = 8 << 20
# Hop-by-hop headers the echo answers with; none may reach the tool. The value is distinctive,
# so the gateway's own Keep-Alive header cannot be mistaken for this one.
HOP_MARK = "hop-4321"
HOP_ANSWER_HEADERS = {"Keep-Alive": f"timeout=4321, {HOP_MARK}",
                      "Proxy-Authenticate": f'Basic realm="{HOP_MARK}"',
                      "X-Hop-Answer": HOP_MARK,
                      "Connection": "X-Hop-Answer"}


class EchoUpstream:
    def __init__(self, mount="/echo"):
        self.mount = mount
        self.seen = []  # [{"method","target","headers":[(name, value)],"body"}]
        self._lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_url = self.origin + mount
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def requests(self):
        with self._lock:
            return list(self.seen)

    def _record(self, entry):
        with self._lock:
            self.seen.append(entry)

    def _handler(self):
        echo = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                echo._record({"method": self.command, "target": self.path,
                              "headers": list(self.headers.items()), "body": body})
                if self.path.startswith(echo.mount + "/big"):
                    self._answer(b"x" * BIG_BODY_BYTES, "application/octet-stream", {})
                    return
                links = {"self": echo.origin + self.path,
                         "next": echo.api_url + "/links?page=2"}
                payload = json.dumps({"method": self.command, "target": self.path,
                                      "body": body.decode(errors="replace"),
                                      "links": links}).encode()
                extra = dict(HOP_ANSWER_HEADERS)
                extra["X-Answer"] = "passed"
                extra["Location"] = echo.api_url + "/created/1"
                extra["Link"] = f'<{echo.api_url}/links?page=2>; rel="next"'
                self._answer(payload, "application/json", extra)

            def _answer(self, payload, content_type, extra):
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the gateway's client went away: what one check wants

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        return Handler
