"""forge-sim for the Python test runners: started on a port the system picks (`--port 0`, whose
first stdout line is `listening on 127.0.0.1:PORT`), its state read over loopback, stopped at
the end."""
import json
import subprocess
import urllib.request


class ForgeSim:
    def __init__(self, program, *options):
        self.process = subprocess.Popen([program, "--port", "0", *options],
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "listening on 127.0.0.1:" not in line:
            self.process.kill()
            raise RuntimeError(f"forge-sim did not start: {line!r}")
        self.origin = "http://" + line.strip().rsplit(" ", 1)[1]

    def get(self, path):
        """The JSON the simulator answers to GET path (as "/_sim/state")."""
        return self.call(path)

    def call(self, path, body=None):
        """GET path, or POST body (bytes, or anything else as JSON); the answer's JSON."""
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(self.origin + path, data=data,
                                         method="GET" if body is None else "POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            text = answer.read()
            return json.loads(text) if text else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()
