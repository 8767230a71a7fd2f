#!/usr/bin/env python3
"""What a plugin author gets from an installed tree: `cmake --install` of this build into a
scratch prefix, then a C consumer compiled with `pkg-config --cflags --libs cibatch` and a C++
consumer built with CMake's `find_package(cibatch)` (target cibatch::cibatch), each run
against forge-sim. Nothing of the build tree is on their include, link or library paths.

With --installed instead of BUILD_DIR, the same consumers are built against what the packages
installed on this machine (libcibatch1 and libcibatch-dev): the system's pkg-config path, CMake's
default search path and the dynamic loader's own paths, nothing added.

Usage: install_consumers_test.py BUILD_DIR|--installed CONSUMER_SOURCE_DIR FORGE_SIM"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from forge_sim import ForgeSim  # noqa: E402

BUILD_DIR, CONSUMER_DIR, FORGE_SIM = sys.argv[1:4] if len(sys.argv) >= 4 else (None,) * 3
INSTALLED = BUILD_DIR == "--installed"
COMMIT = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"


def run(command, env=None, cwd=None):
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {done.returncode}:\n"
                             f"{done.stdout}\n{done.stderr}")
    return done.stdout


class InstalledTree(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        if INSTALLED:
            cls.prefix = os.path.realpath(run(["pkg-config", "--variable=prefix", "cibatch"]).strip())
            cls.libdir = os.path.realpath(run(["pkg-config", "--variable=libdir", "cibatch"]).strip())
        else:
            cls.prefix = os.path.join(cls.scratch.name, "prefix")
            run(["cmake", "--install", BUILD_DIR, "--prefix", cls.prefix])
            libdirs = [d for d in ("lib", "lib64") if os.path.isdir(os.path.join(cls.prefix, d))]
            cls.libdir = os.path.join(cls.prefix, libdirs[0])
        cls.sim = ForgeSim(FORGE_SIM)
        cls.origin = cls.sim.origin

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.scratch.cleanup()

    def consumer_env(self):
        env = dict(os.environ)
        env.pop("LD_LIBRARY_PATH", None)
        if not INSTALLED:
            env["LD_LIBRARY_PATH"] = self.libdir  # the installed library only
        return env

    def pkg_config_env(self):
        env = dict(os.environ)
        env.pop("PKG_CONFIG_PATH", None)
        if not INSTALLED:
            env["PKG_CONFIG_PATH"] = os.path.join(self.libdir, "pkgconfig")
        return env

    def loaded_library(self, binary):
        """Where the dynamic loader finds libcibatch.so.1 for BINARY."""
        for line in run(["ldd", binary], env=self.consumer_env()).splitlines():
            if line.strip().startswith("libcibatch.so.1 => "):
                return os.path.realpath(line.split(" => ")[1].split(" (")[0])
        raise AssertionError(f"{binary} does not load libcibatch.so.1")

    def delivered(self, key):
        state = self.sim.get("/_sim/state")
        return state["statuses"]["acme/web"][COMMIT][key]["state"] == "SUCCESSFUL"

    def test_the_installed_files_are_the_packages_contents(self):
        for path in ("include/cibatch.h", "include/cibatch.hpp", "include/cibatch_version.h"):
            self.assertTrue(os.path.isfile(os.path.join(self.prefix, path)), path)
        for name in ("libcibatch.so.1", "libcibatch.so", "pkgconfig/cibatch.pc",
                     "cmake/cibatch/cibatchConfig.cmake"):
            self.assertTrue(os.path.exists(os.path.join(self.libdir, name)), name)

    def test_a_c_consumer_builds_with_pkg_config(self):
        env = self.pkg_config_env()
        flags = run(["pkg-config", "--cflags", "--libs", "cibatch"], env=env).split()
        self.assertTrue(all(BUILD_DIR not in flag for flag in flags), flags)
        self.assertIn("-lcibatch", flags)
        version = run(["pkg-config", "--modversion", "cibatch"], env=env).strip()
        binary = os.path.join(self.scratch.name, "c_consumer")
        run(["cc", "-std=c99", "-Wall", "-Werror", os.path.join(CONSUMER_DIR, "consumer.c"),
             "-o", binary] + flags)
        self.assertEqual(self.loaded_library(binary),
                         os.path.realpath(os.path.join(self.libdir, "libcibatch.so.1")))
        output = run([binary, self.origin + "/2.0", self.scratch.name], env=self.consumer_env())
        self.assertIn(f"c consumer: delivered with cibatch {version}", output)
        self.assertTrue(os.path.isfile(os.path.join(self.scratch.name, "c-budget.db")))
        self.assertTrue(self.delivered("c-consumer"))

    def test_a_cpp_consumer_builds_with_find_package(self):
        build = os.path.join(self.scratch.name, "cpp_build")
        search = [] if INSTALLED else ["-DCMAKE_PREFIX_PATH=" + self.prefix]
        run(["cmake", "-S", CONSUMER_DIR, "-B", build, "-DCMAKE_BUILD_TYPE=Release"] + search)
        run(["cmake", "--build", build])
        self.assertEqual(self.loaded_library(os.path.join(build, "cpp_consumer")),
                         os.path.realpath(os.path.join(self.libdir, "libcibatch.so.1")))
        output = run([os.path.join(build, "cpp_consumer"), self.origin + "/2.0", self.scratch.name],
                     env=self.consumer_env())
        self.assertIn("c++ consumer: delivered", output)
        self.assertTrue(os.path.isfile(os.path.join(self.scratch.name, "cpp-budget.db")))
        self.assertTrue(self.delivered("cpp-consumer"))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
