#!/usr/bin/env python3
"""The administrator's example configuration (packaging/cli/cibatch.yml.example): it names every
key of the configuration reference, each with its default, and with its "# " marks removed it
is an administrator's file that `cibatch check-config` accepts and that locks what it sets.
The reference (docs/CONFIGURATION.md) is the library's key table rendered; unit_config's
reference_doc test keeps the two equal.

Usage: example_config_test.py EXAMPLE REFERENCE_MD CIBATCH"""
import os
import re
import subprocess
import sys
import tempfile
import unittest

import yaml

from config_reference import as_text, flatten, reference_defaults

EXAMPLE, REFERENCE, CIBATCH = sys.argv[1:4] if len(sys.argv) >= 4 else (None,) * 3
# The values the example's placeholders expand to when it is checked.
ENVIRONMENT = {"CIBATCH_TOKEN": "example-token", "CIBATCH_USER": "ci-bot",
               "CIBATCH_PASSWORD": "example-password", "SONAR_TOKEN": "example-sonar-token"}


def uncommented(text):
    """The example with the "# " before each line removed; "##" lines stay comments."""
    return "\n".join(line[2:] if line.startswith("# ") else line for line in text.splitlines())


class ExampleConfig(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(EXAMPLE, encoding="utf-8") as f:
            cls.text = f.read()
        cls.settings = yaml.safe_load(uncommented(cls.text))["cibatch"]
        cls.keys = dict(flatten({k: v for k, v in cls.settings.items() if k != "lock"}))
        cls.reference = reference_defaults(REFERENCE)

    def test_as_shipped_it_sets_nothing(self):
        for number, line in enumerate(self.text.splitlines(), 1):
            self.assertTrue(line == "" or line.startswith("#"), f"line {number}: {line}")

    def test_it_names_every_key_the_library_knows_and_no_other(self):
        self.assertGreater(len(self.reference), 40)
        self.assertEqual(sorted(set(self.reference) - set(self.keys)), [],
                         "keys of docs/CONFIGURATION.md missing from the example")
        self.assertEqual(sorted(set(self.keys) - set(self.reference)), [],
                         "keys in the example the library does not know")

    def test_each_key_shows_its_default(self):
        for key, default in self.reference.items():
            if default is not None and key in self.keys:
                self.assertEqual(as_text(self.keys[key]), default, key)

    def test_each_key_has_a_line_about_it(self):
        lines = uncommented(self.text).splitlines()
        for number, line in enumerate(lines):
            if re.match(r"^ *[a-z_]+: \S", line):
                self.assertRegex(lines[number - 1], r"^ *# [A-Z`$]", line)

    def check_config(self, pipeline_yaml):
        """cibatch check-config of pipeline_yaml over the uncommented example as the
        administrator's file; its spool and budget files in a scratch folder."""
        with tempfile.TemporaryDirectory() as scratch:
            admin = uncommented(self.text).replace("/var/lib/cibatch", scratch)
            self.assertIn(f"path: {scratch}/spool.db", admin)
            admin_file = os.path.join(scratch, "cibatch.yml")
            pipeline_file = os.path.join(scratch, "pipeline.yml")
            with open(admin_file, "w", encoding="utf-8") as f:
                f.write(admin)
            with open(pipeline_file, "w", encoding="utf-8") as f:
                f.write(pipeline_yaml)
            env = dict(os.environ, CIBATCH_ADMIN_CONFIG=admin_file, **ENVIRONMENT)
            done = subprocess.run([CIBATCH, "check-config", pipeline_file], env=env,
                                  capture_output=True, text=True, timeout=60)
            return done.returncode, done.stdout + done.stderr

    def test_uncommented_it_is_an_administrators_file_check_config_accepts(self):
        status, output = self.check_config("cibatch:\n  batching: {max_pending: 500}\n")
        self.assertEqual(status, 0, output)
        self.assertIn(": ok", output)

    def test_uncommented_it_locks_what_it_sets(self):
        status, output = self.check_config(
            "cibatch:\n  host: {api_url: \"https://elsewhere.example.com/2.0\"}\n")
        self.assertEqual(status, 1, output)
        self.assertIn("host.api_url is locked by the administrator's file", output)
        status, output = self.check_config("cibatch:\n  comments: {mode: append}\n")
        self.assertEqual(status, 1, output)
        self.assertIn("comments.mode is locked", output)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
