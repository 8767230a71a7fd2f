import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.cibatch.BuildStatus;
import org.cibatch.CiBatch;

/**
 * close() while other threads use the client: a poll waiting for two minutes returns, and threads
 * posting in a loop end with CIB_ERR_CLOSED (never a crash on freed memory).
 */
final class CloseRaceCheck {
  static final int POSTERS = 4;

  private CloseRaceCheck() {}

  static void run(String origin, Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    CiBatch client = CiBatch.fromMap(Check.settings(origin, dir));
    client.setDeliveryListener(report -> {});
    ConcurrentLinkedQueue<String> endings = new ConcurrentLinkedQueue<>();
    CountDownLatch running = new CountDownLatch(POSTERS);
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(() -> endings.add(Check.ending(() -> client.poll(Duration.ofMinutes(2))))));
    for (int i = 0; i < POSTERS; i++) {
      final String key = "race-" + i;
      threads.add(new Thread(() -> endings.add(Check.ending(() -> {
        for (long n = 1;; n++) {
          client.postStatus(BuildStatus.of("acme/race", "abc1234", key).description("n" + n));
          if (n == 1) {
            running.countDown();
          }
        }
      }))));
    }
    threads.forEach(Thread::start);
    running.await(); // every poster is posting
    long start = System.nanoTime();
    client.close();
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(60).toMillis());
      Check.that(!thread.isAlive(), "a thread still runs after close()");
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    Check.that(ms < 60_000, "close() and the threads ended in " + ms + " ms");
    for (String ending : endings) {
      Check.that(ending.equals("CIB_ERR_CLOSED") || ending.equals("returned"),
          "a thread ended with " + ending);
    }
    Check.that(endings.stream().filter("CIB_ERR_CLOSED"::equals).count() >= POSTERS,
        "every poster was stopped by CIB_ERR_CLOSED: " + endings);
    System.out.println("close race: a waiting poll and " + POSTERS + " posters ended at close()");
  }
}
