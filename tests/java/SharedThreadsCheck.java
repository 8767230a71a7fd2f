import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.cibatch.Annotation;
import org.cibatch.BuildStatus;
import org.cibatch.CiBatch;
import org.cibatch.CiBatchException;
import org.cibatch.Comment;
import org.cibatch.DataType;
import org.cibatch.Leftover;
import org.cibatch.Outcome;
import org.cibatch.Report;
import org.cibatch.ReportData;
import org.cibatch.ReportResult;
import org.cibatch.Severity;
import org.cibatch.State;

/**
 * 16 threads post through one shared() client, each with its own handle: two statuses, a comment
 * and a report, then flush their tag and close their handle. The simulator's state is checked
 * by the runner (java_client_test.py) with the same names: commit THREADS[i], PR 100 + i.
 */
final class SharedThreadsCheck {
  static final int THREADS = 16;
  static final String ROCKET = "\uD83D\uDE80"; // U+1F680, beyond the BMP

  private SharedThreadsCheck() {}

  static String commit(int thread) {
    return String.format("%040x", 0xc0ffee00L + thread);
  }

  static void run(Path config) throws Exception {
    Set<String> settled = ConcurrentHashMap.newKeySet();
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    AtomicInteger reports = new AtomicInteger();
    try (CiBatch main = CiBatch.shared(config)) {
      main.setDeliveryListener(report -> {
        Check.that(report.outcome() != Outcome.FAILED, "refused: " + report);
        reports.incrementAndGet();
        String slot = report.kind() + " " + report.commit() + " " + report.pr();
        settled.add(slot);
        if (report.outcome() == Outcome.DELIVERED || report.outcome() == Outcome.UNCHANGED) {
          delivered.add(slot);
        }
      });
      List<Throwable> failures = postFromThreads(config);
      Check.that(failures.isEmpty(), "a posting thread failed: " + failures);
      Check.that(main.flush(0, Duration.ofSeconds(60)), "flush(0) settled everything");
      // A report may be queued just after its slot settled: poll until each post's came.
      while (reports.get() < THREADS * 4 && main.poll(Duration.ofSeconds(10)) > 0) {
        // the listener counts them
      }
      Check.equal(THREADS * 4, reports.get(), "one delivery report per post");
      Check.equal(THREADS * 3, settled.size(), "slots reported (status, comment, report)");
      Check.equal(THREADS * 3, delivered.size(), "slots whose newest post was reported delivered");
      Check.that(main.stats().contains("\"calls\":" + THREADS * 4), "one client took every post: "
          + main.stats());
      Leftover left = main.closeAndReport();
      Check.equal(new Leftover(0, 0), left, "the last handle's close left nothing");
    }
    System.out.println("shared client: " + THREADS + " threads posted, flushed, closed");
  }

  private static List<Throwable> postFromThreads(Path config) throws InterruptedException {
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      final int index = i;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          postAs(config, index);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return failures;
  }

  private static void postAs(Path config, int i) throws CiBatchException {
    CiBatch client = CiBatch.shared(config);
    long tag = i + 1;
    String commit = commit(i);
    client.postStatus(BuildStatus.of("acme/web", commit, "build").state(State.INPROGRESS), tag);
    client.postStatus(BuildStatus.of("acme/web", commit, "build")
                          .state(State.SUCCESSFUL)
                          .description("thread " + i + " " + ROCKET)
                          .name("Build " + i),
        tag);
    client.postComment(Comment.of("acme/web", 100 + i, "summary").body("thread " + i + " passed "
        + ROCKET), tag);
    client.postReport(Report.of("acme/web", commit, "tests")
                          .title("Tests " + i)
                          .result(ReportResult.PASSED)
                          .data(ReportData.of("Passed", DataType.NUMBER, "12"))
                          .annotation(Annotation.of("t" + i, "flaky " + ROCKET)
                                          .path("src/a.c")
                                          .line(3)
                                          .severity(Severity.LOW)),
        tag);
    Check.that(client.flush(tag, Duration.ofSeconds(60)), "flush of tag " + tag);
    Check.equal(null, client.closeAndReport(), "a shared handle that is not the last");
    try {
      client.postStatus(BuildStatus.of("acme/web", commit, "late"), tag);
      throw new AssertionError("a post through a closed handle was accepted");
    } catch (CiBatchException e) {
      Check.equal("CIB_ERR_CLOSED", e.statusName(), "post through a closed handle");
    }
  }
}
