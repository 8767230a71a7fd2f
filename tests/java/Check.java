import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Assertions as exceptions, and what the cycles measure of this process. */
final class Check {
  private Check() {}

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** How call ended: "returned", a CiBatchException's status name, or another throwable. */
  static String ending(Call call) {
    try {
      call.run();
      return "returned";
    } catch (org.cibatch.CiBatchException e) {
      return e.statusName();
    } catch (Throwable e) {
      return e.toString();
    }
  }

  static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  static void equal(Object want, Object got, String what) {
    if (want == null ? got != null : !want.equals(got)) {
      throw new AssertionError(what + ": want " + want + ", got " + got);
    }
  }

  /** Resident set size in KiB (VmRSS of /proc/self/status). */
  static long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmRSS in /proc/self/status");
  }

  /** Threads of this process (/proc/self/task). */
  static long threads() throws IOException {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.count();
    }
  }

  /** Threads the library started (named "cib-...": dispatcher, spool committer, Sonar). */
  static long libraryThreads() throws IOException {
    long count = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          count += Files.readString(task.resolve("comm")).startsWith("cib-") ? 1 : 0;
        } catch (IOException gone) {
          // the thread ended while we looked
        }
      }
    }
    return count;
  }

  /** The keys of a client against the simulator, with its spool and budget log in dir. */
  static Map<String, String> settings(String origin, Path dir) {
    return Map.of("host.kind", "bitbucket-cloud", "host.api_url", origin + "/2.0",
        "host.auth.token", "java-token", "spool.path", dir.resolve("spool.db").toString(),
        "budget.path", dir.resolve("budget.db").toString(), "batching.linger_ms", "10",
        "batching.terminal_linger_ms", "0");
  }
}
