"""The tools of the polling workload, each a thread with one keep-alive connection, as the
issue describes them: a PR bot lists every repository's open pull requests and then reads each
one, on a period per repository (Jenkins X Lighthouse, the Jenkins pull-request builder); a
portal lists the workspace's repositories (Backstage). Each records what it got: answers by
status and by the gateway's outcome header, and whether every answer was fresh enough (Age no
more than the TTL, or marked stale). Python 3 stdlib only."""

import http.client
import json
import threading
import time
import urllib.parse

REQUEST_TIMEOUT_S = 60
STALE_WARNING = "110"


class Tool(threading.Thread):
    """One tool: `polls` is a generator of polls run on the schedule given by period_s."""

    def __init__(self, name, base_url, token, period_s, ttl_s, until):
        super().__init__(name=name, daemon=True)
        self.tool, self.token, self.period_s, self.ttl_s, self.until = (
            name, token, period_s, ttl_s, until)
        split = urllib.parse.urlsplit(base_url)
        self.netloc, self.base_path = split.netloc, split.path.rstrip("/")
        self.origin = f"{split.scheme}://{split.netloc}"
        self.connection = None
        self.stats = {"tool": name, "requests": 0, "by_status": {}, "by_outcome": {},
                      "stale": 0, "too_old": 0, "max_age_s": 0, "polls": 0, "skipped": 0,
                      "errors": 0}

    def get(self, path):
        """GETs PATH (below the API base, or an absolute URL from a link); returns (status,
        JSON body or None)."""
        if path.startswith(self.origin):
            path = path[len(self.origin):]
        elif not path.startswith(self.base_path + "/"):
            path = self.base_path + path
        for _ in range(2):  # a keep-alive connection the server closed is opened again once
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.netloc,
                                                                 timeout=REQUEST_TIMEOUT_S)
                self.connection.request("GET", path,
                                        headers={"Authorization": f"Bearer {self.token}"})
                answer = self.connection.getresponse()
                body = answer.read()
                self._record(answer)
                return answer.status, _json_or_none(body)
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
        self.stats["errors"] += 1
        return None, None

    def _record(self, answer):
        s = self.stats
        s["requests"] += 1
        s["by_status"][str(answer.status)] = s["by_status"].get(str(answer.status), 0) + 1
        outcome = answer.getheader("X-Cibatch-Gateway") or "direct"
        s["by_outcome"][outcome] = s["by_outcome"].get(outcome, 0) + 1
        if not 200 <= answer.status < 300:
            return
        if (answer.getheader("Warning") or "").startswith(STALE_WARNING):
            s["stale"] += 1
            return
        age = int(answer.getheader("Age") or 0)
        s["max_age_s"] = max(s["max_age_s"], age)
        if age > self.ttl_s:
            s["too_old"] += 1

    def list_all(self, path):
        """Every value of a paged list, following `next`; None when a page failed."""
        values = []
        while path:
            status, page = self.get(path)
            if status != 200 or not isinstance(page, dict):
                return None
            values += page.get("values", [])
            path = page.get("next")
        return values

    def run(self):
        started = time.monotonic()
        for due_s, poll in self.schedule(started):
            if time.monotonic() >= self.until:
                break
            if time.monotonic() > due_s + self.period_s:
                self.stats["skipped"] += 1  # too far behind: a real poller skips a round too
                continue
            time.sleep(max(0.0, due_s - time.monotonic()))
            if time.monotonic() >= self.until:
                break
            poll()
            self.stats["polls"] += 1
        if self.connection is not None:
            self.connection.close()

    def schedule(self, started):
        raise NotImplementedError


class PullRequestBot(Tool):
    """Every period, for each repository in turn (spread over the period): the open pull
    requests' list, then each open pull request."""

    def __init__(self, name, base_url, token, period_s, ttl_s, until, workspace, phase):
        super().__init__(name, base_url, token, period_s, ttl_s, until)
        self.workspace, self.phase = workspace, phase
        self.repos, self.open_prs = None, {}

    def discover(self):
        while self.repos is None and time.monotonic() < self.until:
            values = self.list_all(f"/repositories/{self.workspace}")
            if values is None:
                time.sleep(self.period_s)
            else:
                self.repos = [v["slug"] for v in values]

    def schedule(self, started):
        self.discover()
        if not self.repos:
            return
        started = time.monotonic()  # the rounds start once the repositories are known
        step = self.period_s / len(self.repos)
        for round_no in range(1 << 30):
            for index, slug in enumerate(self.repos):
                due = started + self.phase * step + round_no * self.period_s + index * step
                yield due, lambda slug=slug: self.poll(slug)

    def poll(self, slug):
        repo = f"/repositories/{self.workspace}/{slug}"
        listed = self.list_all(f"{repo}/pullrequests?state=OPEN")
        if listed is not None:  # a failed list: the pull requests known from the last one
            self.open_prs[slug] = [pr["id"] for pr in listed]
        for pr_id in self.open_prs.get(slug, []):
            self.get(f"{repo}/pullrequests/{pr_id}")


class Portal(Tool):
    """Every period: the workspace's repositories, every page."""

    def __init__(self, name, base_url, token, period_s, ttl_s, until, workspace):
        super().__init__(name, base_url, token, period_s, ttl_s, until)
        self.workspace = workspace

    def schedule(self, started):
        for round_no in range(1 << 30):
            yield started + round_no * self.period_s, lambda: self.list_all(
                f"/repositories/{self.workspace}")


def _json_or_none(body):
    try:
        return json.loads(body)
    except ValueError:
        return None


def main():
    """Runs the tools a spec file names for --seconds and prints their figures as one JSON
    line. The spec: [{"kind": "bot"|"portal", "name", "base_url", "token_file", "period_s",
    "ttl_s", "workspace", "phase"}]."""
    import argparse
    parser = argparse.ArgumentParser(description="Runs the polling workload's tools.")
    parser.add_argument("--spec", required=True, help="the tools, as JSON (a file)")
    parser.add_argument("--seconds", type=float, required=True, help="how long they poll")
    args = parser.parse_args()
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    until = time.monotonic() + args.seconds
    tools = []
    for t in spec:
        with open(t["token_file"], encoding="utf-8") as f:
            token = f.read().strip()
        common = (t["name"], t["base_url"], token, t["period_s"], t["ttl_s"], until)
        tools.append(PullRequestBot(*common, t["workspace"], t.get("phase", 0)) if t["kind"] == "bot"
                     else Portal(*common, t["workspace"]))
    for tool in tools:
        tool.start()
    for tool in tools:
        tool.join()
    print(json.dumps([tool.stats for tool in tools]), flush=True)


if __name__ == "__main__":
    main()
