#!/usr/bin/env python3
"""The cibatch(1) man page (packaging/cli): it renders without a warning, and it holds the
synopsis of every subcommand `cibatch --help` lists and every option of each one's --help.
It is compressed without a name or time stamp, so the package builds reproducibly.

Usage: man_page_test.py MAN_PAGE_GZ CIBATCH"""
import gzip
import subprocess
import sys
import unittest

from cli_help import options, subcommands

MAN_PAGE, CIBATCH = sys.argv[1:3] if len(sys.argv) >= 3 else (None, None)


def groff(source, *options):
    """groff's output and its warnings (-ww: all of them) for the page's roff source."""
    done = subprocess.run(["groff", "-man", "-Tutf8", "-ww", *options], input=source,
                          capture_output=True, timeout=60)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


class ManPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MAN_PAGE, "rb") as f:
            cls.compressed = f.read()
        cls.source = gzip.decompress(cls.compressed)
        status, text, warnings = groff(cls.source, "-P-cbou")
        cls.status, cls.warnings = status, warnings
        # groff may render a roff minus sign as U+2212.
        cls.text = text.replace("\u2212", "-").replace("\u2010", "-")

    def test_it_renders_without_warnings(self):
        self.assertEqual(self.status, 0)
        self.assertEqual(self.warnings, "")

    def test_it_names_the_command_and_its_version(self):
        words = " ".join(self.text.split())  # groff justifies lines with extra blanks
        self.assertIn("NAME cibatch - post CI build statuses", words)
        version = subprocess.run([CIBATCH, "--version"], capture_output=True, text=True,
                                 check=True).stdout.split()[-1]
        self.assertIn(f"cibatch {version}", self.text)

    def test_it_holds_every_subcommand_with_its_options(self):
        commands = subcommands(CIBATCH)
        self.assertIn("status", commands)
        for command in commands:
            self.assertIn(f"usage: cibatch {command}", self.text, command)
            # Up to the next subcommand's heading.
            section = self.text.split(f"usage: cibatch {command}", 1)[1].split("\n   cibatch ")[0]
            for option in options(CIBATCH, command):
                self.assertIn(option, section, f"{command} {option}")

    def test_it_points_to_the_administrators_files(self):
        for name in ("FILES", "/etc/cibatch/cibatch.yml.example", "ENVIRONMENT",
                     "CIBATCH_ADMIN_CONFIG", "CIBATCH_AGENT_SOCKET", "/etc/cibatch/agent.yml.ex",
                     "cibatch-agent@.service"):
            self.assertIn(name, self.text)

    def test_its_archive_has_no_time_stamp_or_name(self):
        self.assertEqual(self.compressed[4:8], b"\0\0\0\0")  # MTIME
        self.assertEqual(self.compressed[3] & 0x08, 0)  # FNAME


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
