#!/usr/bin/env python3
"""The agent's files in the cibatch package (packaging/systemd): both units pass
`systemd-analyze verify` (with the built CLI in ExecStart's place) and run `cibatch agent` with
the identity files docs/AGENT.md names; agent.yml.example is an identity `cibatch check-config`
accepts, and the keys it shows commented out are the library's, at their defaults.

Usage: agent_units_test.py UNIT_DIR REFERENCE_MD CIBATCH"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

from cli_help import options, subcommands
from config_reference import as_text, flatten, reference_defaults

UNIT_DIR, REFERENCE, CIBATCH = sys.argv[1:4] if len(sys.argv) >= 4 else (None,) * 3
USER_UNIT, SYSTEM_UNIT = "cibatch-agent.service", "cibatch-agent@.service"
# A key left commented out in the example: "  # name:" or "  #   name: value".
COMMENTED_KEY = re.compile(r"^( *)# ( *[a-z_]+:(?: .*)?)$")


def read(name):
    with open(os.path.join(UNIT_DIR, name), encoding="utf-8") as f:
        return f.read()


def verify(unit_text, name, scratch):
    """systemd-analyze verify of a unit file with this text, as a user unit for USER_UNIT:
    (exit status, every line it printed)."""
    path = os.path.join(scratch, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(unit_text.replace("/usr/bin/cibatch", os.path.abspath(CIBATCH)))
    manager = ["--user"] if name == USER_UNIT else []
    done = subprocess.run(["systemd-analyze", *manager, "verify", "--man=no", path],
                          env=dict(os.environ, XDG_RUNTIME_DIR=scratch), capture_output=True,
                          text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def exec_start(unit_text):
    return re.search(r"^ExecStart=(.*)$", unit_text, re.M).group(1).split()


def uncommented_keys(text):
    """The example with its commented-out keys set: "  # key: v" becomes "  key: v"."""
    return "\n".join(COMMENTED_KEY.sub(r"\1\2", line) for line in text.splitlines())


class AgentUnits(unittest.TestCase):
    def setUp(self):
        if shutil.which("systemd-analyze") is None:
            self.skipTest("systemd-analyze not found (Debian's systemd package has it)")
        self.scratch = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.scratch)

    def test_both_units_verify_without_a_complaint(self):
        for name in (USER_UNIT, SYSTEM_UNIT):
            status, said = verify(read(name), name, self.scratch)
            self.assertEqual(status, 0, said)
            self.assertNotIn("cibatch-agent", said, name)

    def test_a_mistyped_key_is_a_complaint(self):
        broken = read(SYSTEM_UNIT).replace("ProtectHome=", "ProtectHomes=")
        status, said = verify(broken, SYSTEM_UNIT, self.scratch)
        self.assertIn("ProtectHomes", said, status)


class AgentCommand(unittest.TestCase):
    def test_the_units_run_the_agent_on_the_documented_identity(self):
        self.assertEqual(exec_start(read(USER_UNIT)),
                         ["/usr/bin/cibatch", "agent", "--config", "%h/.config/cibatch/agent.yml"])
        self.assertEqual(exec_start(read(SYSTEM_UNIT)),
                         ["/usr/bin/cibatch", "agent", "--config", "/etc/cibatch/agent.yml"])
        self.assertRegex(read(SYSTEM_UNIT), r"(?m)^User=%i$")

    def test_the_cli_takes_the_units_options(self):
        if "agent" not in subcommands(CIBATCH):
            self.skipTest("this cibatch has no agent command yet")
        self.assertIn("--config", options(CIBATCH, "agent"))


class AgentExample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = read("agent.yml.example")
        cls.reference = reference_defaults(REFERENCE)

    def check_config(self, text):
        """cibatch check-config of the example text, its token file a scratch one, over an
        empty administrator's file: (exit status, output)."""
        with tempfile.TemporaryDirectory() as scratch:
            token = os.path.join(scratch, "agent.token")
            with open(token, "w", encoding="utf-8") as f:
                f.write("example-token\n")
            admin, identity = os.path.join(scratch, "cibatch.yml"), os.path.join(scratch, "a.yml")
            with open(admin, "w", encoding="utf-8") as f:
                f.write("cibatch: {}\n")
            with open(identity, "w", encoding="utf-8") as f:
                f.write(text.replace("/etc/cibatch/agent.token", token))
            done = subprocess.run([CIBATCH, "check-config", identity], capture_output=True,
                                  env=dict(os.environ, CIBATCH_ADMIN_CONFIG=admin), text=True,
                                  timeout=60)
            return done.returncode, done.stdout + done.stderr

    def test_as_shipped_it_is_an_identity_check_config_accepts(self):
        status, output = self.check_config(self.text)
        self.assertEqual(status, 0, output)
        self.assertIn("bitbucket-cloud at https://api.bitbucket.org/2.0", output)

    def test_its_commented_keys_are_the_librarys_at_their_defaults(self):
        keys = dict(flatten(yaml.safe_load(uncommented_keys(self.text))["cibatch"]))
        self.assertIn("agent.read_timeout_ms", keys)
        has_agent_keys = any(key.startswith("agent.") for key in self.reference)
        for key, value in keys.items():
            if key.startswith("agent.") and not has_agent_keys:
                continue  # the library's agent keys are not in the reference yet
            self.assertIn(key, self.reference)
            if self.reference[key] is not None:
                self.assertEqual(as_text(value), self.reference[key], key)
        if has_agent_keys:
            status, output = self.check_config(uncommented_keys(self.text))
            self.assertEqual(status, 0, output)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
