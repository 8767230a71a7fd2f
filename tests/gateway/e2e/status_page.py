"""Reads the gateway's /status page as a browser shows it: headless Chromium dumps the DOM, and
the contract's hooks (table#tools, section.budget, svg.budget-chart) are read from it and
compared with /status.json. Python 3 stdlib only."""

import html.parser
import os
import subprocess
import tempfile

CHROMIUM_TIMEOUT_S = 120
TOOL_FIELDS = ("priority", "answered", "upstream", "hits", "stale", "limited", "quota_used",
               "quota")
BUDGET_FIELDS = ("used", "remaining", "limit")
CHART_MINUTES = 60


def dump_dom(chromium, url, folder):
    """The page's DOM after Chromium loaded it (scripts run), as HTML text."""
    with tempfile.TemporaryDirectory(dir=folder, prefix="chromium-") as profile:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True, timeout=CHROMIUM_TIMEOUT_S,
            env={**os.environ, "HOME": profile})
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"chromium could not load {url} (status {done.returncode}): "
                           f"{done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout.decode()


class _Hooks(html.parser.HTMLParser):
    """Collects {"tools": {name: {field: text}}, "budgets": {mount: {field: text}},
    "charts": {mount: {minute: used}}} from the page's data attributes."""

    def __init__(self):
        super().__init__()
        self.page = {"tools": {}, "budgets": {}, "charts": {}}
        self._tool = self._mount = self._field = None
        self._in_tools = False
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "table" and a.get("id") == "tools":
            self._in_tools = True
        elif tag == "tr" and self._in_tools and "data-tool" in a:
            self._tool = a["data-tool"]
            self.page["tools"][self._tool] = {}
        elif tag == "section" and "budget" in classes:
            self._mount = a.get("data-mount")
            self.page["budgets"][self._mount] = {}
            self.page["charts"][self._mount] = {}
        elif tag == "rect" and self._mount is not None and "data-minute" in a:
            self.page["charts"][self._mount][int(a["data-minute"])] = a.get("data-used")
        elif "data-field" in a and (self._tool or self._mount):
            self._field, self._text = a["data-field"], []

    def handle_data(self, data):
        if self._field:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._field and tag in ("td", "span"):
            text = "".join(self._text).strip()
            owner = (self.page["tools"][self._tool] if self._tool
                     else self.page["budgets"][self._mount])
            owner[self._field] = text
            self._field = None
        elif tag == "tr":
            self._tool = None
        elif tag == "table":
            self._in_tools = False
        elif tag == "section":
            self._mount = None


def read(dom):
    hooks = _Hooks()
    hooks.feed(dom)
    return hooks.page


def differences(page, figures):
    """What the page shows otherwise than /status.json says, as a list of sentences."""
    found = []
    tools = {t["name"]: t for t in figures["tools"]}
    if set(page["tools"]) != set(tools):
        found.append(f"tools on the page {sorted(page['tools'])}, in the JSON {sorted(tools)}")
    for name in set(page["tools"]) & set(tools):
        for field in TOOL_FIELDS:
            shown, said = page["tools"][name].get(field), str(tools[name][field])
            if shown != said:
                found.append(f"tool {name} {field}: page {shown!r}, JSON {said!r}")
    for budget in figures["budgets"]:
        mount = budget["mount"]
        if mount not in page["budgets"]:
            found.append(f"no budget section for {mount}")
            continue
        for field in BUDGET_FIELDS:
            shown, said = page["budgets"][mount].get(field), str(budget[field])
            if shown != said:
                found.append(f"budget {mount} {field}: page {shown!r}, JSON {said!r}")
        chart = page["charts"][mount]
        history = budget["history"]
        if len(chart) != CHART_MINUTES or len(history) != CHART_MINUTES:
            found.append(f"budget {mount}: {len(chart)} bars, {len(history)} history entries")
            continue
        for index, used in enumerate(history):
            minute = CHART_MINUTES - 1 - index
            if chart.get(minute) != str(used):
                found.append(f"budget {mount} minute {minute}: bar {chart.get(minute)!r}, "
                             f"JSON {used}")
    return found
