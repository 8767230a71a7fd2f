#!/usr/bin/env python3
"""The Jenkins shared library's step (packaging/jenkins/vars/cibatch.groovy and its
org.cibatch.jenkins classes) run by Groovy 2.4, the version Jenkins Pipeline runs, against
forge-sim: status, comment and a SonarQube analysis from report-task.txt reach the host through
the Java wrapper; flush waits for them; a wrong call fails the build with the library's
message; with mode 'cli' the same calls run the CLI through `sh`. Only the Pipeline's `steps`
object is a stand-in (tests/jenkins/step_driver.groovy): Jenkins cannot run here.

Usage: jenkins_step_test.py FORGE_SIM JAR GLUE VARS_DIR [CLI]
(every path may be an installed file: /usr/share/java/cibatch.jar, .../jni/libcibatch_jni.so,
/usr/bin/cibatch)"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from forge_sim import ForgeSim  # noqa: E402

FORGE_SIM, JAR, GLUE, VARS_DIR = sys.argv[1:5] if len(sys.argv) >= 5 else (None,) * 4
CLI = sys.argv[5] if len(sys.argv) >= 6 else None
DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "step_driver.groovy")
COMMIT = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"
HOST_TOKEN = "bb-host-token-do-not-print"
SONAR_TOKEN = "squ_jenkins-sonar-token-do-not-print"
ROCKET = "\U0001F680"


def java_home():
    """Debian's groovy launcher wants JAVA_HOME (or default-java, which a JDK alone lacks)."""
    if os.environ.get("JAVA_HOME") or os.path.exists("/usr/lib/jvm/default-java/bin/java"):
        return os.environ.get("JAVA_HOME")
    return os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))


class JenkinsStepTest(unittest.TestCase):
    def setUp(self):
        self.sim = ForgeSim(FORGE_SIM, "--sonar-token", SONAR_TOKEN)
        self.scratch = tempfile.TemporaryDirectory()
        self.workspace = os.path.join(self.scratch.name, "workspace")
        os.makedirs(os.path.join(self.workspace, "ci"))
        os.makedirs(os.path.join(self.workspace, "target", "sonar"))
        self.write("ci/pipeline.yml", self.pipeline_yaml())

    def tearDown(self):
        self.sim.stop()
        self.scratch.cleanup()

    def write(self, relative, text):
        with open(os.path.join(self.workspace, relative), "w", encoding="utf-8") as f:
            f.write(text)

    def pipeline_yaml(self):
        """A pipeline file of some CI with a `cibatch:` section; the tokens come from the
        environment, as Jenkins' credentials binding gives them."""
        return ("stages: [build, test]\n"
                "image: debian:bookworm\n"
                "cibatch:\n"
                "  host:\n"
                "    kind: bitbucket-cloud\n"
                f"    api_url: {self.sim.origin}/2.0\n"
                "    auth: { type: bearer, token: \"${BITBUCKET_TOKEN}\" }\n"
                "  batching: { linger_ms: 50, terminal_linger_ms: 10 }\n"
                f"  sonar: {{ url: \"{self.sim.origin}\", token: \"${{SONAR_TOKEN}}\" }}\n"
                f"  spool: {{ path: \"{self.scratch.name}/spool.db\" }}\n"
                f"  budget: {{ path: \"{self.scratch.name}/budget.db\" }}\n")

    def load_sonar_analysis(self):
        """An analysis of project web, PR 42, whose task is pending for one poll."""
        loaded = self.sim.call("/_sim/sonar/analysis", {
            "project": "web", "pullRequest": "42", "task": {"pending_polls": 1},
            "generate": {"count": 12, "seed": 3},
            "gate": {"status": "ERROR", "conditions": [{
                "status": "ERROR", "metricKey": "new_coverage", "comparator": "LT",
                "errorThreshold": "80", "actualValue": "71.2"}]}})
        self.write("target/sonar/report-task.txt",
                   "projectKey=web\nserverUrl=http\\://127.0.0.1\\:9000\n"
                   "dashboardUrl=https://sonar.example/dashboard?id=web&pullRequest=42\n"
                   f"ceTaskId={loaded['taskId']}\n")

    def build_env(self, **extra):
        env = {"WORKSPACE": self.workspace, "GIT_URL": "https://bitbucket.org/acme/web.git",
               "GIT_COMMIT": COMMIT, "CHANGE_ID": "42", "JOB_NAME": "web/PR-42",
               "BUILD_NUMBER": "7", "BUILD_URL": "https://jenkins.example/job/web/PR-42/7/",
               "BUILD_TAG": "jenkins-web-PR-42-7"}
        env.update(extra)
        return env

    def run_step(self, calls, env):
        """Runs the calls through vars/cibatch.groovy; returns (results, echoes, output)."""
        scenario = os.path.join(self.scratch.name, "scenario.json")
        with open(scenario, "w", encoding="utf-8") as f:
            json.dump({"env": env, "calls": calls}, f)
        process_env = dict(os.environ, BITBUCKET_TOKEN=HOST_TOKEN, SONAR_TOKEN=SONAR_TOKEN)
        if java_home():
            process_env["JAVA_HOME"] = java_home()
        done = subprocess.run(
            ["groovy", "-cp", JAR, f"-Dcibatch.jni.library={GLUE}", DRIVER, VARS_DIR, scenario],
            env=process_env, capture_output=True, text=True, timeout=240)
        output = done.stdout + done.stderr
        # Groovy 2.4 on Java 17 warns about illegal reflective access on stderr: not a failure.
        self.assertEqual(done.returncode, 0, output)
        for secret in (HOST_TOKEN, SONAR_TOKEN):
            self.assertNotIn(secret, output)
        results = [json.loads(line[len("result: "):]) for line in done.stdout.splitlines()
                   if line.startswith("result: ")]
        echoes = [line[len("echo: "):] for line in done.stdout.splitlines()
                  if line.startswith("echo: ")]
        self.assertEqual([r["call"] for r in results], [c[0] for c in calls], output)
        return results, echoes, output

    def assert_posted(self, state, description):
        status = state["statuses"]["acme/web"][COMMIT]["build"]
        self.assertEqual(status["state"], "SUCCESSFUL")
        self.assertEqual(status["name"], "web/PR-42 #7")  # from JOB_NAME and BUILD_NUMBER
        self.assertEqual(status["url"], "https://jenkins.example/job/web/PR-42/7/")
        self.assertEqual(status["description"], description)
        live = [c["raw"] for c in state["comments"]["acme/web"]["42"] if not c.get("deleted")]
        self.assertEqual(sum(1 for raw in live if f"Coverage 81 % {ROCKET}" in raw), 1, live)

    def test_the_java_step_posts_status_comment_and_sonar_analysis(self):
        self.load_sonar_analysis()
        results, echoes, output = self.run_step([
            ["configure", {"yaml": "ci/pipeline.yml"}],
            ["status", {"key": "build", "state": "INPROGRESS"}],
            ["status", {"key": "build", "state": "SUCCESSFUL", "description": f"built {ROCKET}"}],
            ["comment", {"key": "coverage", "body": f"Coverage 81 % {ROCKET}"}],
            ["sonar", {"task": "target/sonar/report-task.txt"}],
            ["flush", {"timeout": 120}],
            ["close"],
        ], self.build_env())
        self.assertTrue(all(r["ok"] for r in results), output)
        self.assertIs(results[5]["value"], True, output)  # flush: everything settled
        self.assertEqual(echoes, [], output)
        state = self.sim.call("/_sim/state")
        self.assert_posted(state, f"built {ROCKET}")
        sonar = state["reports"]["acme/web"][COMMIT]["sonar"]
        self.assertEqual(sonar["result"], "FAILED")
        self.assertIn("Coverage on new code 71.2% < 80%", sonar["details"])
        self.assertEqual(sonar["link"], "https://sonar.example/dashboard?id=web&pullRequest=42")
        self.assertEqual(len(sonar["annotations"]), 12)

    def test_a_wrong_call_fails_the_build_with_the_reason(self):
        results, _, output = self.run_step([
            ["status", {"key": "build", "state": "DONE"}],
            ["status", {"repo": "acme/../web", "key": "build", "state": "FAILED"}],
            ["comment", {"key": "coverage", "body": "no pull request"}],
            ["flush", {"timeout": 30}],
            ["build", {"BUILD_TAG": "no-yaml", "CIBATCH_YAML": "ci/missing.yml"}],
            ["status", {"key": "build", "state": "FAILED"}],
        ], self.build_env(CHANGE_ID="", CIBATCH_YAML="ci/pipeline.yml"))
        self.assertFalse(results[0]["ok"], output)
        self.assertIn("DONE", results[0]["error"])
        self.assertFalse(results[1]["ok"], output)
        self.assertIn("CIB_ERR_INVALID_ARGUMENT", results[1]["error"])
        self.assertIn("status->repo", results[1]["error"])
        self.assertFalse(results[2]["ok"], output)
        self.assertEqual(results[2]["error"],
                         "cibatch.comment: pr: not given and $CHANGE_ID is not set")
        self.assertIs(results[3]["value"], True, output)
        self.assertTrue(results[5]["error"].startswith("cibatch.status: cannot read "), output)
        self.assertIn(os.path.join("ci", "missing.yml"), results[5]["error"])
        self.assertEqual(self.sim.call("/_sim/state")["statuses"], {})

    def test_a_post_the_host_refuses_is_echoed_at_flush(self):
        # A careless proxy's 400 that quotes the Authorization header: refused for good.
        self.sim.call("/_sim/faults", b"echo-auth@1")
        results, echoes, output = self.run_step([
            ["configure", {"yaml": "ci/pipeline.yml"}],
            ["status", {"key": "build", "state": "SUCCESSFUL"}],
            ["flush", {"timeout": 60}],
            ["close"],
        ], self.build_env())
        self.assertTrue(all(r["ok"] for r in results), output)
        self.assertIs(results[2]["value"], True, output)  # settled: refused is settled
        self.assertEqual(len(echoes), 1, output)
        self.assertTrue(echoes[0].startswith("cibatch: STATUS acme/web build was refused: HTTP 400"),
                        echoes[0])
        self.assertIn("[redacted]", echoes[0])

    def test_the_repository_comes_from_any_clone_url(self):
        urls = {"ssh": "git@bitbucket.org:acme/web.git",
                "ssh-port": "ssh://git@bitbucket.org:7999/acme/web.git/",
                "https-user": "https://ci:s3cret-in-url@bitbucket.org/acme/web"}
        calls = []
        for key, url in urls.items():
            calls += [["build", {"BUILD_TAG": key, "GIT_URL": url}],
                      ["status", {"key": key, "state": "SUCCESSFUL"}],
                      ["flush", {"timeout": 60}], ["close"]]
        calls += [["build", {"BUILD_TAG": "bad", "GIT_URL": "https://ci:s3cret-in-url@host/web"}],
                  ["status", {"key": "bad", "state": "SUCCESSFUL"}]]
        results, _, output = self.run_step(calls, self.build_env(CIBATCH_YAML="ci/pipeline.yml"))
        self.assertTrue(all(r["ok"] for r in results[:-1]), output)
        self.assertEqual(results[-1]["error"],
                         "cibatch.status: repo: cannot read owner/name from $GIT_URL; give repo:")
        self.assertNotIn("s3cret-in-url", output)
        statuses = self.sim.call("/_sim/state")["statuses"]["acme/web"][COMMIT]
        self.assertEqual(sorted(statuses), sorted(urls))

    def test_builds_of_one_jvm_share_the_agents_client(self):
        agent_yaml = os.path.join(self.scratch.name, "agent.yml")
        with open(agent_yaml, "w", encoding="utf-8") as f:
            f.write(self.pipeline_yaml())  # the administrator's file on the agent
        other = "0123456789abcdef0123456789abcdef01234567"
        results, echoes, output = self.run_step([
            ["configure", {"config": agent_yaml}],
            ["status", {"key": "build", "state": "INPROGRESS"}],
            ["build", {"BUILD_TAG": "jenkins-web-main-8", "GIT_COMMIT": other}],
            ["configure", {"config": agent_yaml}],
            ["status", {"key": "build", "state": "SUCCESSFUL", "description": "main"}],
            ["flush", {"timeout": 60}],
            ["close"],  # the other build's handle: the shared client stays open
            ["build", {}],
            ["status", {"key": "build", "state": "SUCCESSFUL", "description": f"built {ROCKET}"}],
            ["comment", {"key": "coverage", "body": f"Coverage 81 % {ROCKET}"}],
            ["flush", {"timeout": 60}],
            ["close"],
        ], self.build_env())
        self.assertTrue(all(r["ok"] for r in results), output)
        self.assertIs(results[5]["value"], True, output)
        self.assertIs(results[10]["value"], True, output)
        self.assertEqual(echoes, [], output)
        state = self.sim.call("/_sim/state")
        self.assert_posted(state, f"built {ROCKET}")
        self.assertEqual(state["statuses"]["acme/web"][other]["build"]["description"], "main")

    @unittest.skipUnless(CLI, "no CLI given")
    def test_the_cli_mode_runs_the_cli_on_the_agent(self):
        self.load_sonar_analysis()
        results, echoes, output = self.run_step([
            ["configure", {"mode": "cli", "cli": CLI, "yaml": "ci/pipeline.yml"}],
            ["status", {"key": "build", "state": "SUCCESSFUL", "description": "it's built"}],
            ["comment", {"key": "coverage", "body": f"Coverage 81 % {ROCKET}"}],
            ["sonar", {}],  # the default task file, target/sonar/report-task.txt
            ["report", {"id": "sast", "title": "SAST", "result": "PASSED"}],
            ["flush"],
        ], self.build_env())
        self.assertEqual([r["ok"] for r in results], [True, True, True, True, False, True],
                         output)
        self.assertIn("mode: 'java'", results[4]["error"])
        self.assertEqual(echoes, [], output)
        state = self.sim.call("/_sim/state")
        self.assert_posted(state, "it's built")
        self.assertEqual(state["reports"]["acme/web"][COMMIT]["sonar"]["result"], "FAILED")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
