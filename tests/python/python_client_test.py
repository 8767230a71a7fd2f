#!/usr/bin/env python3
"""The Python module (packaging/python/cibatch) against the simulator: a bundled trace posted
through it ends with the host holding the newest content of every slot, delivery reports come
back as named tuples, and a refused call raises CibatchError with the library's status.

Usage: python_client_test.py FORGE_SIM LIBRARY TRACE
       python_client_test.py --installed FORGE_SIM TRACE
The first form imports the module from packaging/python and loads LIBRARY. --installed takes
both as installed (python3-cibatch, libcibatch1): the module from the interpreter's own path,
the library as the dynamic loader finds its soname."""
import json
import os
import sys
import tempfile
import time
import unittest

SOURCE_MODULE_DIR = os.path.realpath(
    os.path.join(os.path.dirname(__file__), "..", "..", "packaging", "python"))
INSTALLED = "--installed" in sys.argv[1:]
ARGS = [arg for arg in sys.argv[1:] if arg != "--installed"]
if INSTALLED:
    FORGE_SIM, TRACE = ARGS[:2] if len(ARGS) >= 2 else (None, None)
    LIBRARY = None
else:
    FORGE_SIM, LIBRARY, TRACE = ARGS[:3] if len(ARGS) >= 3 else (None, None, None)
    sys.path.insert(0, SOURCE_MODULE_DIR)

import cibatch  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from forge_sim import ForgeSim  # noqa: E402


def config(sim, directory):
    return (f"cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: {sim.origin}/2.0\n"
            f"    auth: {{ type: bearer, token: \"python-token\" }}\n"
            f"  batching: {{ linger_ms: 50, terminal_linger_ms: 10 }}\n"
            f"  spool: {{ path: \"{directory}/spool.db\" }}\n"
            f"  budget: {{ path: \"{directory}/budget.db\" }}\n")


def data_value(value):
    return value if isinstance(value, str) else json.dumps(value)


def post(client, op):
    """One trace op through the module, as `cibatch replay` runs it."""
    kind = op["op"]
    if kind == "status":
        client.post_status(op["repo"], op["commit"], op["key"], op["state"], name=op.get("name"),
                           url=op.get("url"), description=op.get("description"),
                           ref=op.get("ref"), tag=1)
    elif kind == "comment":
        client.post_comment(op["repo"], op["pr"], op["key"], op["body"], tag=1)
    elif kind == "report":
        client.post_report(
            op["repo"], op["commit"], op["id"], op["title"], op["result"],
            details=op.get("details"), link=op.get("link"), reporter=op.get("reporter"),
            data=[cibatch.ReportData(d["title"], data_value(d["value"]), d.get("type", "TEXT"))
                  for d in op.get("data", [])],
            annotations=[cibatch.Annotation(a["id"], a["summary"], a.get("path"),
                                            a.get("line", 0), a.get("severity", "MEDIUM"),
                                            a.get("type", "BUG"), a.get("details"),
                                            a.get("link"))
                         for a in op.get("annotations", [])],
            tag=1)
    elif kind == "flush":
        client.flush(tag=0, timeout=op.get("timeout_ms", 60000) / 1000)
    elif kind == "sleep":
        time.sleep(op["ms"] / 1000)  # the trace's own pacing, not synchronisation
    else:
        raise AssertionError(f"op {kind} is not in this test's trace")


class PythonClientTest(unittest.TestCase):
    def setUp(self):
        if LIBRARY:
            os.environ["CIBATCH_LIBRARY"] = LIBRARY
        else:
            os.environ.pop("CIBATCH_LIBRARY", None)
        self.sim = ForgeSim(FORGE_SIM)
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.sim.stop()
        self.dir.cleanup()

    def test_a_trace_ends_with_the_newest_content_of_every_slot(self):
        with open(TRACE) as f:
            ops = [json.loads(line) for line in f if line.strip()]
        statuses, comments, reports = {}, {}, {}
        with cibatch.Client(yaml_text=config(self.sim, self.dir.name)) as client:
            for op in ops:
                post(client, op)
                if op["op"] == "status":
                    statuses[(op["repo"], op["commit"], op["key"])] = op["state"]
                elif op["op"] == "comment":
                    comments[(op["repo"], str(op["pr"]), op["key"])] = op["body"]
                elif op["op"] == "report":
                    reports[(op["repo"], op["commit"], op["id"])] = op["result"]
            self.assertEqual(client.flush(tag=0, timeout=60), 0)
            delivered = client.poll()
            self.assertTrue(delivered)
            self.assertTrue(all(isinstance(r, cibatch.DeliveryReport) for r in delivered))
            self.assertEqual({r.outcome for r in delivered} - {"DELIVERED", "SUPERSEDED",
                                                               "UNCHANGED"}, set())
            self.assertEqual(client.stats()["calls"], sum(
                1 for op in ops if op["op"] in ("status", "comment", "report")))
        state = self.sim.get("/_sim/state")
        for (repo, commit, key), want in statuses.items():
            self.assertEqual(state["statuses"][repo][commit][key]["state"], want, key)
        for (repo, pr, key), body in comments.items():
            live = [c for c in state["comments"][repo][pr] if not c.get("deleted")]
            self.assertEqual(sum(1 for c in live if body in c["raw"]), 1, key)
        for (repo, commit, report_id), result in reports.items():
            self.assertEqual(state["reports"][repo][commit][report_id]["result"], result)

    def test_a_refused_call_raises_with_the_status_and_message(self):
        with cibatch.Client(settings={"host.kind": "bitbucket-cloud",
                                      "host.api_url": self.sim.origin + "/2.0",
                                      "host.auth.token": "python-token",
                                      "spool.sync": "off"}) as client:
            with self.assertRaises(cibatch.CibatchError) as caught:
                client.post_status("acme/../web", "a" * 40, "build", "SUCCESSFUL")
            error = caught.exception
            self.assertEqual(error.name, "CIB_ERR_INVALID_ARGUMENT")
            self.assertEqual(error.status, 100)
            self.assertFalse(error.retriable)
            self.assertIn("cib_client_post_status: status->repo", error.message)
            with self.assertRaises(ValueError):
                client.post_status("acme/web", "a" * 40, "build", "DONE")
            # A supplementary-plane character survives the trip as UTF-8.
            client.post_comment("acme/web", 7, "note", "build passed \U0001F680", tag=3)
            self.assertEqual(client.flush(tag=3, timeout=30), 0)
            self.assertEqual(client.close(), (0, 0))
        raw = self.sim.get("/_sim/state")["comments"]["acme/web"]["7"][0]["raw"]
        self.assertIn("build passed \U0001F680", raw)
        with self.assertRaises(cibatch.CibatchError) as caught:
            cibatch.Client(settings={"no.such.key": "1"})
        self.assertEqual(caught.exception.name, "CIB_ERR_CONFIG_UNKNOWN_KEY")


@unittest.skipUnless(INSTALLED, "only for the installed module")
class InstalledModuleTest(unittest.TestCase):
    def test_the_module_and_library_are_the_installed_ones(self):
        module_dir = os.path.dirname(os.path.realpath(cibatch.__file__))
        self.assertNotEqual(os.path.commonpath([module_dir, SOURCE_MODULE_DIR]),
                            SOURCE_MODULE_DIR, "imported from the source tree")
        self.assertTrue(os.path.isfile(os.path.join(module_dir, "py.typed")))
        os.environ.pop("CIBATCH_LIBRARY", None)
        self.assertEqual(os.path.basename(cibatch._native.library()._name), "libcibatch.so.1")
        self.assertRegex(cibatch.library_version(), r"^1\.")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
