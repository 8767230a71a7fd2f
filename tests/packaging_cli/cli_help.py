"""What the cibatch command says about itself: its subcommands and each one's options, read
from its --help texts, for the tests of the man page and the bash completion."""
import re
import subprocess

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-z])\b")


def help_text(cibatch, *args):
    """`cibatch ARGS --help`, which must succeed."""
    return subprocess.run([cibatch, *args, "--help"], capture_output=True, text=True,
                          check=True, timeout=30).stdout


def subcommands(cibatch):
    """The names listed under "commands:" in `cibatch --help`, in order."""
    block = help_text(cibatch).split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines()]


def options(cibatch, command):
    """Every option a subcommand's --help names, with the one-letter forms ("-v")."""
    return set(OPTION.findall(help_text(cibatch, command)))
