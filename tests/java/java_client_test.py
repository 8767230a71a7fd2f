#!/usr/bin/env python3
"""The Java wrapper (cibatch.jar and libcibatch_jni.so) against the simulator, from the files
given only, so CI runs it against the build tree and against the installed package alike:
compiles the Java test program next to this file against JAR, runs it on a real JVM with the
glue GLUE, then checks the simulator's final state: every slot the 16 threads and the two class
loaders posted holds its newest content, U+1F680 exact; `java -jar JAR` names the library and
glue it loads, or why it cannot.

Usage: java_client_test.py FORGE_SIM JAR GLUE"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))

from forge_sim import ForgeSim  # noqa: E402

THREADS = 16
ROCKET = "\U0001F680"


def java_tool(name):
    """javac or java from $JAVA_HOME, else from PATH."""
    home = os.environ.get("JAVA_HOME")
    path = os.path.join(home, "bin", name) if home else shutil.which(name)
    if not path or not os.path.exists(path):
        sys.exit(f"java_client_test: {name} not found (install default-jdk-headless)")
    return path


def config(origin, directory):
    return (f"cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: {origin}/2.0\n"
            f"    auth: {{ type: bearer, token: \"java-token\" }}\n"
            f"  batching: {{ linger_ms: 20, terminal_linger_ms: 10 }}\n"
            f"  spool: {{ path: \"{directory}/shared.db\" }}\n"
            f"  budget: {{ path: \"{directory}/budget.db\" }}\n")


def commit(base, index):
    return format(base + index, "040x")


def check_state(state):
    """The newest content of every slot the Java program posted (see SharedThreadsCheck and
    LoadersCheck for the names)."""
    statuses = state["statuses"]["acme/web"]
    for i in range(THREADS):
        status = statuses[commit(0xC0FFEE00, i)]["build"]
        assert status["state"] == "SUCCESSFUL", (i, status)
        assert status["description"] == f"thread {i} {ROCKET}", (i, status)
        assert status["name"] == f"Build {i}", (i, status)
        comments = [c for c in state["comments"]["acme/web"][str(100 + i)] if not c["deleted"]]
        assert len(comments) == 1, (i, comments)
        assert comments[0]["raw"].startswith(f"thread {i} passed {ROCKET}\n"), comments[0]
        report = state["reports"]["acme/web"][commit(0xC0FFEE00, i)]["tests"]
        assert report["result"] == "PASSED", (i, report)
    lint = state["reports"]["acme/sonar"]["abc1234"]["lint"]
    assert [a["summary"] for a in lint["annotations"].values()] == [f"bad {ROCKET}"], lint
    for loader in (1, 2):
        status = state["statuses"]["acme/loader"][commit(0x10ADE400, loader)]["build"]
        assert status["description"] == f"loader {loader}", status


def check_jar_main(jar, glue, directory):
    """`java -jar JAR` names the library and the glue it loaded, and says why when it cannot."""
    java = java_tool("java")
    found = subprocess.run([java, f"-Dcibatch.jni.library={glue}", f"-Djava.io.tmpdir={directory}",
                            "-jar", jar], capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("cibatch.jar 1."), found.stdout
    assert ", libcibatch 1." in found.stdout and found.stdout.strip().endswith(f"glue {glue}"), \
        found.stdout
    missing = os.path.join(directory, "no-such-glue.so")
    lost = subprocess.run([java, f"-Dcibatch.jni.library={missing}", "-jar", jar],
                          capture_output=True, text=True, timeout=120)
    assert lost.returncode == 1, lost
    assert f"cibatch.jni.library names {missing}, which is not a file" in lost.stderr, lost.stderr
    print("java -jar: " + found.stdout.strip())


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    forge_sim, jar, glue = (os.path.abspath(p) for p in sys.argv[1:4])
    sim = ForgeSim(forge_sim)
    try:
        with tempfile.TemporaryDirectory() as directory:
            classes = os.path.join(directory, "classes")
            subprocess.run([java_tool("javac"), "--release", "17", "-Xlint:all", "-Werror",
                            "-cp", jar, "-d", classes] + sorted(glob.glob(f"{HERE}/*.java")),
                           check=True)
            path = os.path.join(directory, "cibatch.yml")
            with open(path, "w") as f:
                f.write(config(sim.origin, directory))
            # A fixed, pre-touched heap: RSS growth over the cycles is then native memory; a
            # fixed number of JIT threads: the thread count is then the library's doing.
            # -Xcheck:jni reports a JNI call the glue makes wrongly (one with an exception
            # pending, say) as a warning, which fails the test.
            run = subprocess.run([java_tool("java"), "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch",
                                  "-XX:-UseDynamicNumberOfCompilerThreads", "-Xcheck:jni",
                                  f"-Dcibatch.jni.library={glue}",
                                  f"-Djava.io.tmpdir={directory}",
                                  "-cp", os.pathsep.join([jar, classes]), "JavaClientTest",
                                  sim.origin, path, jar, directory], timeout=600,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            print(run.stdout, end="")
            if run.returncode != 0:
                sys.exit(f"java_client_test: the Java program failed ({run.returncode})")
            if "in native method" in run.stdout:
                sys.exit("java_client_test: -Xcheck:jni found a wrong JNI call")
            left = glob.glob(os.path.join(directory, "libcibatch_jni-*"))
            if left:
                sys.exit(f"java_client_test: temporary copies of the glue left behind: {left}")
            check_state(sim.get("/_sim/state"))
            check_jar_main(jar, glue, directory)
            print("java_client_test: the simulator holds every slot's newest content")
    finally:
        sim.stop()


if __name__ == "__main__":
    main()
