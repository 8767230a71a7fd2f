"""forge-sim for the tests of this folder: on a port the system picks, stopped by stop()."""
import json
import subprocess
import urllib.request


class Simulator:
    def __init__(self, forge_sim, *options):
        self.process = subprocess.Popen([forge_sim, "--port", "0", *options],
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "listening on 127.0.0.1:" not in line:
            self.process.kill()
            raise RuntimeError(f"forge-sim did not start: {line!r}")
        self.origin = "http://" + line.strip().rsplit(" ", 1)[1]

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
