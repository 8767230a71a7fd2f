#!/usr/bin/env python3
"""The TeamCity meta-runner (packaging/teamcity/cibatch_Status.xml) as an agent runs it: its
script with the %parameters% TeamCity would put in, run by sh with the real CLI against
forge-sim. The status arrives with the build's name and link; a status the host does not take
within the timeout is a warning service message and exit status 0, not a failed build.

Usage: teamcity_meta_runner_test.py FORGE_SIM CLI META_RUNNER_XML"""
import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from forge_sim import ForgeSim  # noqa: E402

FORGE_SIM, CLI, META_RUNNER = sys.argv[1:4] if len(sys.argv) >= 4 else (None,) * 3
COMMIT = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"
TOKEN = "tc-host-token-do-not-print"


def meta_runner():
    """(script, {parameter: default}) of the meta-runner's one step."""
    root = ElementTree.parse(META_RUNNER).getroot()
    defaults = {p.get("name"): p.get("value") for p in root.find("settings/parameters")}
    runner = root.find("settings/build-runners/runner")
    script = next(p.text for p in runner.find("parameters") if p.get("name") == "script.content")
    return script, defaults


class TeamCityMetaRunnerTest(unittest.TestCase):
    def setUp(self):
        self.sim = ForgeSim(FORGE_SIM)
        self.scratch = tempfile.TemporaryDirectory()
        with open(os.path.join(self.scratch.name, "cibatch.yml"), "w") as f:
            f.write("cibatch:\n  host:\n    kind: bitbucket-cloud\n"
                    f"    api_url: {self.sim.origin}/2.0\n"
                    "    auth: { type: bearer, token: \"${BITBUCKET_TOKEN}\" }\n"
                    "  transport: { retry_base_ms: 20, retry_max_ms: 200 }\n"
                    f"  spool: {{ path: \"{self.scratch.name}/spool.db\" }}\n"
                    f"  budget: {{ path: \"{self.scratch.name}/budget.db\" }}\n")

    def tearDown(self):
        self.sim.stop()
        self.scratch.cleanup()

    def run_step(self, **chosen):
        """Runs the step as the agent would, after TeamCity's parameter substitution."""
        script, values = meta_runner()
        values.update({
            "cibatch.repo": "acme/web", "build.vcs.number": COMMIT,
            "system.teamcity.buildType.id": "Web_Build", "system.teamcity.projectName": "Web",
            "system.teamcity.buildConfName": "Build", "build.number": "12",
            "teamcity.serverUrl": "https://teamcity.example", "teamcity.build.id": "4711"})
        values.update(chosen)
        values["cibatch.key"] = values["cibatch.key"].replace(
            "%system.teamcity.buildType.id%", values["system.teamcity.buildType.id"])
        unknown = set(re.findall(r"%([\w.]+)%", script)) - set(values)
        self.assertEqual(unknown, set(), "parameters the step uses but nothing sets")
        text = re.sub(r"%([\w.]+)%", lambda m: values[m.group(1)], script)
        env = dict(os.environ, BITBUCKET_TOKEN=TOKEN,
                   PATH=os.path.dirname(os.path.abspath(CLI)) + os.pathsep + os.environ["PATH"])
        done = subprocess.run(["sh", "-c", text], cwd=self.scratch.name, env=env,
                              capture_output=True, text=True, timeout=120)
        self.assertNotIn(TOKEN, done.stdout + done.stderr)
        return done

    def test_the_step_posts_the_builds_status(self):
        done = self.run_step(**{"cibatch.state": "FAILED"})
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        status = self.sim.call("/_sim/state")["statuses"]["acme/web"][COMMIT]["Web_Build"]
        self.assertEqual(status["state"], "FAILED")
        self.assertEqual(status["name"], "Web / Build #12")
        self.assertEqual(status["url"], "https://teamcity.example/viewLog.html?buildId=4711")

    def test_a_status_not_delivered_in_time_is_a_warning(self):
        self.sim.call("/_sim/faults", b"503x1000@1")
        done = self.run_step(**{"cibatch.timeout.ms": "1500"})
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("##teamcity[message text='cibatch: status not delivered yet", done.stdout)
        self.assertEqual(self.sim.call("/_sim/state")["statuses"], {})


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
