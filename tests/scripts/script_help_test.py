#!/usr/bin/env python3
"""Every script under scripts/ answers -h and --help with its usage and does nothing else.

Each script runs from a copy of scripts/ in a temporary folder, with the tools a script could
start (cmake, ctest, ninja, apt-get, sudo, dpkg-query, nm, objdump, readelf, python3 helpers'
targets) replaced by stubs that record being called. A script passes when it exits 0 within
10 s, prints a usage line, calls no stub and leaves the copy as it was (no build/ folder).

Usage: script_help_test.py SOURCE_DIR
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

TOOLS = ["cmake", "ctest", "ninja", "make", "apt-get", "sudo", "dpkg-query", "nm", "objdump",
         "readelf", "abidiff", "redis-server"]
TIMEOUT_S = 10


def scripts_to_check(scripts_dir):
    """The executable scripts, and the Python helpers in lib/ (run as programs by the bench)."""
    found = []
    for root, _, files in os.walk(scripts_dir):
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.access(path, os.X_OK) or name.endswith(".py"):
                found.append(os.path.relpath(path, scripts_dir))
    return sorted(found)


def make_stubs(folder, calls):
    os.makedirs(folder)
    for tool in TOOLS:
        path = os.path.join(folder, tool)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f'#!/bin/sh\necho "{tool} $*" >> "{calls}"\nexit 1\n')
        os.chmod(path, stat.S_IRWXU)


def tree(folder):
    return sorted(os.path.relpath(os.path.join(root, name), folder)
                  for root, dirs, files in os.walk(folder) for name in dirs + files)


def check(repo, script, option, env, calls):
    before = tree(repo)
    command = ([sys.executable] if script.endswith(".py") else []) + [
        os.path.join(repo, "scripts", script), option]
    try:
        done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return [f"took longer than {TIMEOUT_S} s"]
    problems = []
    if done.returncode != 0:
        problems.append(f"exit status {done.returncode}: {done.stderr.strip()[-300:]}")
    if "usage" not in done.stdout.lower():
        problems.append(f"printed no usage line on stdout: {done.stdout[:200]!r}")
    if os.path.exists(calls):
        with open(calls, encoding="utf-8") as f:
            problems.append("started " + f.read().strip().replace("\n", "; "))
        os.remove(calls)
    after = tree(repo)
    if after != before:
        problems.append(f"changed the tree: {sorted(set(after) ^ set(before))[:5]}")
    return problems


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    source = argv[1]
    scripts = scripts_to_check(os.path.join(source, "scripts"))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="cib-script-help-") as work:
        repo = os.path.join(work, "repo")
        shutil.copytree(os.path.join(source, "scripts"), os.path.join(repo, "scripts"))
        calls = os.path.join(work, "calls.log")
        stubs = os.path.join(work, "stubs")
        make_stubs(stubs, calls)
        env = dict(os.environ, PATH=stubs + os.pathsep + os.environ.get("PATH", ""))
        for script in scripts:
            for option in ("--help", "-h"):
                problems = check(repo, script, option, env, calls)
                print(f"{'FAIL' if problems else 'ok  '} scripts/{script} {option}")
                for p in problems:
                    print(f"     {p}")
                failed += bool(problems)
    print(f"{len(scripts)} scripts, {failed} failures")
    return 1 if failed or not scripts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
