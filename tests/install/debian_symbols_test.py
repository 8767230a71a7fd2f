#!/usr/bin/env python3
"""The Debian symbols file of libcibatch1 keeps the ABI promise that abi/symbols.txt states:
both list the same exports on the same version nodes (node CIBATCH_1.N is version 1.N.0), and
dpkg-gensymbols -c4 finds neither a new nor a missing symbol in the built library. dpkg then
notices a removed symbol when a package is built, and a package that uses a 1.N symbol depends
on libcibatch1 (>= 1.N.0).

Usage: debian_symbols_test.py SYMBOLS_FILE ABI_SYMBOLS_TXT LIBRARY"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SYMBOLS, ABI_SYMBOLS, LIBRARY = ([os.path.abspath(arg) for arg in sys.argv[1:4]]
                                 if len(sys.argv) >= 4 else (None,) * 3)
HEADER = "libcibatch.so.1 libcibatch1 #MINVER#"


def node_version(node):
    """CIBATCH_1.3 -> 1.3.0"""
    return node.split("_", 1)[1] + ".0"


def abi_entries():
    """{symbol@node: version} from abi/symbols.txt, with the nodes themselves as dpkg lists them."""
    entries = {}
    with open(ABI_SYMBOLS) as lines:
        for line in lines:
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                continue
            name, node = fields
            entries[f"{name}@{node}"] = node_version(node)
            entries[f"{node}@{node}"] = node_version(node)
    return entries


def newest_node_version():
    """The version of the newest node: what a symbol new to the library would be listed with."""
    return max(abi_entries().values(), key=lambda v: tuple(int(p) for p in v.split(".")))


def symbols_file():
    with open(SYMBOLS) as handle:
        lines = handle.read().splitlines()
    return lines[0], dict(line.split() for line in lines[1:])


def gensymbols_check(scratch, symbols):
    """dpkg-gensymbols -c4 of LIBRARY against SYMBOLS, run in SCRATCH (it wants debian/control)."""
    os.mkdir(os.path.join(scratch, "debian"))
    with open(os.path.join(scratch, "debian", "control"), "w") as control:
        control.write("Source: cibatch\n\nPackage: libcibatch1\nArchitecture: any\n")
    return subprocess.run(
        ["dpkg-gensymbols", "-plibcibatch1", f"-v{newest_node_version()}-1", "-e" + LIBRARY,
         "-I" + symbols,
         "-O" + os.path.join(scratch, "generated.symbols"), "-c4"],
        cwd=scratch, capture_output=True, text=True)


class DebianSymbols(unittest.TestCase):
    def test_the_header_names_the_soname_and_the_package(self):
        header, _ = symbols_file()
        self.assertEqual(header, HEADER)

    def test_it_lists_what_abi_symbols_txt_lists_on_the_same_versions(self):
        _, listed = symbols_file()
        self.assertEqual(listed, abi_entries())

    def test_dpkg_gensymbols_finds_no_difference_in_the_built_library(self):
        with tempfile.TemporaryDirectory() as scratch:
            done = gensymbols_check(scratch, SYMBOLS)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_dpkg_gensymbols_notices_a_removed_symbol(self):
        with tempfile.TemporaryDirectory() as scratch:
            one_more = os.path.join(scratch, "one-more.symbols")
            shutil.copy(SYMBOLS, one_more)
            with open(one_more, "a") as handle:
                handle.write(" cib_removed_function@CIBATCH_1.0 1.0.0\n")
            done = gensymbols_check(scratch, one_more)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("cib_removed_function", done.stdout + done.stderr)

if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
