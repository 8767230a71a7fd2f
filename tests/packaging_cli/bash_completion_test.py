#!/usr/bin/env python3
"""The bash completion of cibatch (packaging/cli/cibatch.bash-completion), sourced in bash and
asked as bash asks it: subcommands by prefix, each subcommand's options, enumerated values and
file names. It offers exactly the subcommands `cibatch --help` lists and the options each
one's --help names, so a subcommand or option added to the CLI but not here fails it.

Usage: bash_completion_test.py COMPLETION CIBATCH"""
import os
import subprocess
import sys
import tempfile
import unittest

from cli_help import options, subcommands

COMPLETION, CIBATCH = sys.argv[1:3] if len(sys.argv) >= 3 else (None, None)
# Sources the completion, checks it is registered for cibatch, and prints COMPREPLY for the
# command line given as arguments (the last one is the word being completed).
ASK = """set -u
source "$COMPLETION"
[[ $(complete -p cibatch) == *"-F _cibatch"* ]] || exit 9
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_cibatch
printf '%s\\n' "${COMPREPLY[@]}"
"""


def complete(*words, cwd=None):
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", ASK, "bash", "cibatch", *words],
                          env=dict(os.environ, COMPLETION=os.path.abspath(COMPLETION)),
                          cwd=cwd, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise AssertionError(f"bash exited {done.returncode}: {done.stderr}")
    return sorted(line for line in done.stdout.splitlines() if line)


class BashCompletion(unittest.TestCase):
    def test_a_prefix_completes_to_its_subcommands(self):
        self.assertEqual(complete("st"), ["status"])
        self.assertEqual(complete("s"), ["sonar", "spool", "status"])
        self.assertEqual(complete("check"), ["check-config"])

    def test_an_option_of_status_completes(self):
        self.assertEqual(complete("status", "--st"), ["--state"])
        self.assertEqual(complete("status", "--repo", "acme/web", "--ti"), ["--timeout-ms"])

    def test_enumerated_values_complete(self):
        self.assertEqual(complete("status", "--state", "S"), ["STOPPED", "SUCCESSFUL"])
        self.assertEqual(complete("report", "--result", "P"), ["PASSED", "PENDING"])
        self.assertEqual(complete("spool", ""), ["check", "repair"])

    def test_a_file_option_completes_file_names(self):
        with tempfile.TemporaryDirectory() as folder:
            open(os.path.join(folder, "pipeline one.yml"), "w").close()
            self.assertEqual(complete("status", "--config", "pip", cwd=folder),
                             ["pipeline one.yml"])
            self.assertEqual(complete("replay", "pip", cwd=folder), ["pipeline one.yml"])
        self.assertEqual(complete("status", "--repo", ""), [])

    def test_it_offers_exactly_the_subcommands_of_the_cli(self):
        cli = set(subcommands(CIBATCH))
        offered = set(complete(""))
        self.assertEqual(sorted(offered), sorted(cli | {"--help", "--version"}))

    def test_it_offers_exactly_the_options_of_each_subcommand(self):
        cli = subcommands(CIBATCH)
        for command in cli:
            wanted = options(CIBATCH, command) | {"--help"}
            words = [command, "check"] if command == "spool" else [command]
            offered = set(complete(*words, "-"))
            self.assertEqual(sorted(offered), sorted(wanted), command)

    def test_it_offers_the_agents_commands_and_options(self):
        self.assertEqual(complete("fl"), ["flush"])
        self.assertEqual(complete("agent", "--ch"), ["--check"])
        self.assertEqual(complete("flush", "--t"), ["--tag", "--timeout-ms"])
        self.assertEqual(complete("sonar", "--no"), ["--no-agent"])
        self.assertEqual(complete("status", "--w"), ["--wait"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
