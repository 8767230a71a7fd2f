import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.cibatch.BuildStatus;
import org.cibatch.CiBatch;
import org.cibatch.State;

/**
 * Opens and closes a client 200 times, each time with a listener, a post, a flush and a poll.
 * What a cycle leaks shows as resident memory (the runner fixes the Java heap with -Xms = -Xmx
 * and pre-touches it, so the heap does not grow RSS) and as threads left behind (each client
 * starts a dispatcher thread; close must end it). The runner keeps the JVM's own count fixed
 * (no dynamic JIT compiler threads).
 */
final class CyclesCheck {
  static final int WARM_UP = 5;
  static final int CYCLES = 200;
  // 200 cycles leaking one 40 KiB block each would pass 8 MiB; malloc arenas and the JIT's code
  // cache settle within a few MiB once warm.
  static final long BOUND_KIB = 8 * 1024;

  private CyclesCheck() {}

  static void run(String origin, Path dir) throws Exception {
    AtomicInteger reports = new AtomicInteger();
    for (int i = 0; i < WARM_UP; i++) {
      cycle(origin, dir, i, reports);
    }
    long rssBefore = Check.rssKib();
    long threadsBefore = Check.threads();
    long ownBefore = Check.libraryThreads();
    for (int i = 0; i < CYCLES; i++) {
      cycle(origin, dir, WARM_UP + i, reports);
    }
    long rssAfter = Check.rssKib();
    long threadsAfter = Check.threads();
    long ownAfter = Check.libraryThreads();
    System.out.printf("open/close x%d: RSS %d KiB before, %d KiB after (%+d KiB); threads %d"
            + " before, %d after (the library's: %d, %d); %d delivery reports%n",
        CYCLES, rssBefore, rssAfter, rssAfter - rssBefore, threadsBefore, threadsAfter, ownBefore,
        ownAfter, reports.get());
    Check.equal(ownBefore, ownAfter, "the library's threads after " + CYCLES + " cycles");
    Check.equal(threadsBefore, threadsAfter, "threads after " + CYCLES + " cycles");
    Check.that(rssAfter - rssBefore < BOUND_KIB, "RSS grew by " + (rssAfter - rssBefore)
        + " KiB over " + CYCLES + " cycles (bound " + BOUND_KIB + " KiB)");
    Check.that(reports.get() >= WARM_UP + CYCLES, "a delivery report per cycle");
  }

  private static void cycle(String origin, Path dir, int i, AtomicInteger reports)
      throws Exception {
    CiBatch client = CiBatch.fromMap(Check.settings(origin, dir));
    client.setDeliveryListener(report -> reports.incrementAndGet());
    client.postStatus(BuildStatus.of("acme/cycles", SharedThreadsCheck.commit(i % 16), "build")
                          .state(i % 2 == 0 ? State.SUCCESSFUL : State.FAILED),
        i + 1);
    Check.that(client.flush(i + 1, Duration.ofSeconds(30)), "flush in cycle " + i);
    client.poll(Duration.ofSeconds(5));
    client.close();
    Check.that(client.lastLeftover() != null, "close() records what it left");
  }
}
