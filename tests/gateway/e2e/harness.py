"""Starts what the gateway's end-to-end checks and benchmarks run: forge-sim, cibatch-gateway on
configurations written to a temporary folder (tokens in 0600 files), and small helpers to read
forge-sim's control endpoints and the gateway's /metrics. Python 3 stdlib only."""

import hashlib
import json
import os
import secrets
import signal
import subprocess
import threading
import urllib.request

START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 60
SIM_LISTENING = "forge-sim listening on 127.0.0.1:"
GATEWAY_LISTENING = "cibatch gateway listening on "


def new_token(prefix):
    """A random token that no log or answer may ever show."""
    return f"{prefix}-{secrets.token_hex(16)}"


def token_hash(token):
    """How forge-sim's request log names a token: the first 12 hex digits of its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def write_secret(path, text):
    """Writes a token file readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text + "\n")
    return path


class Process:
    """A child process whose first stdout line says where it listens; stderr goes to a file."""

    def __init__(self, argv, stderr_path, ready_prefix):
        self.stderr_path = stderr_path
        with open(stderr_path, "wb") as stderr:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr,
                                         stdin=subprocess.DEVNULL, text=True)
        self.line = self._first_line(ready_prefix)

    def _first_line(self, prefix):
        result = {}
        reader = threading.Thread(target=lambda: result.update(line=self.proc.stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(START_TIMEOUT_S)
        line = result.get("line", "").strip()
        if not line.startswith(prefix):
            self.kill()
            raise RuntimeError(f"{os.path.basename(self.proc.args[0])} did not start "
                               f"(first line {line!r}); its stderr:\n{self.stderr_text()}")
        return line

    def stderr_text(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def terminate(self):
        """SIGTERM, then the exit status (SIGKILL when it has not ended in STOP_TIMEOUT_S)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        finally:
            self.proc.stdout.close()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class ForgeSim(Process):
    """forge-sim playing Bitbucket Cloud (unless --host says otherwise) on a free port."""

    def __init__(self, bin_dir, folder, *options):
        super().__init__([os.path.join(bin_dir, "forge-sim"), "--port", "0", *options],
                         os.path.join(folder, "forge-sim.err"), SIM_LISTENING)
        self.port = int(self.line.rsplit(":", 1)[1])
        self.origin = f"http://127.0.0.1:{self.port}"

    def get(self, path):
        with urllib.request.urlopen(self.origin + path, timeout=30) as answer:
            return answer.read().decode()

    def post(self, path, body=b""):
        request = urllib.request.Request(self.origin + path, data=body, method="POST")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read().decode()

    def requests(self):
        """The API requests it saw (its JSON Lines log), oldest first."""
        return [json.loads(line) for line in self.get("/_sim/requests").splitlines()
                if line.strip()]

    def stats(self):
        return json.loads(self.get("/_sim/stats"))

    def reset(self):
        self.post("/_sim/reset")


class Gateway(Process):
    """cibatch-gateway on the given configuration files (the first one's gateway.* rule)."""

    def __init__(self, bin_dir, folder, config_paths, name="gateway"):
        argv = [os.path.join(bin_dir, "cibatch-gateway")]
        for path in config_paths:
            argv += ["--config", path]
        super().__init__(argv, os.path.join(folder, f"{name}.err"), GATEWAY_LISTENING)
        self.url = self.line[len(GATEWAY_LISTENING):].rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as answer:
            return answer.read().decode()

    def metrics(self):
        """{metric name: sum of its samples} of /metrics."""
        return parse_metrics(self.get("/metrics"))


def parse_metrics(text):
    """Sums each metric's samples of a Prometheus text page, whatever their labels."""
    sums = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if "}" in line:
            head, rest = line.rsplit("}", 1)
            name = head.split("{", 1)[0]
        else:
            name, rest = line.split(None, 1)
        sums[name] = sums.get(name, 0.0) + float(rest.split()[0])
    return sums


def upstream_yaml(api_url, token_file, budget, spool_path, gateway=None):
    """One configuration file's document: an upstream (host, credential, budget), with the
    gateway's keys when given. JSON is YAML, so no YAML is written by hand."""
    document = {"cibatch": {
        "host": {"kind": "bitbucket-cloud", "api_url": api_url,
                 "auth": {"type": "bearer", "token_file": token_file}},
        "budget": budget,
        "spool": {"path": spool_path},
    }}
    if gateway is not None:
        document["cibatch"]["gateway"] = gateway
    return json.dumps(document, indent=2) + "\n"


def write_config(path, *args, **kwargs):
    with open(path, "w") as f:
        f.write(upstream_yaml(*args, **kwargs))
    return path


def tool_clients(folder, tools):
    """gateway.clients for {name: priority}, each with a fresh token in a 0600 file; returns
    (clients, {name: token})."""
    clients, tokens = [], {}
    for name, priority in tools.items():
        tokens[name] = new_token(f"tool-{name}")
        path = write_secret(os.path.join(folder, f"{name}.token"), tokens[name])
        clients.append({"name": name, "token_file": path, "priority": priority,
                        "quota_per_hour": 0})
    return clients, tokens
