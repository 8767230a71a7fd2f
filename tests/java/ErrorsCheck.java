import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cibatch.BuildStatus;
import org.cibatch.CiBatch;
import org.cibatch.CiBatchException;
import org.cibatch.Comment;
import org.cibatch.SonarAnalysis;
import org.cibatch.State;

/** Refusals carry the library's status, name, message and retriability; listeners may throw. */
final class ErrorsCheck {
  private ErrorsCheck() {}

  static CiBatchException refused(String what, Check.Call call) throws Exception {
    try {
      call.run();
    } catch (CiBatchException e) {
      return e;
    }
    throw new AssertionError(what + ": accepted");
  }

  static void run(String origin, Path dir) throws Exception {
    CiBatchException unknown =
        refused("an unknown key", () -> CiBatch.fromMap(Map.of("no.such.key", "1")));
    Check.equal("CIB_ERR_CONFIG_UNKNOWN_KEY", unknown.statusName(), "unknown key: name");
    Check.equal(102, unknown.status(), "unknown key: number");
    Check.that(unknown.getMessage().contains("no.such.key"), "message names the key: "
        + unknown.getMessage());
    Check.that(!unknown.isRetriable(), "a configuration error is not retriable");

    CiBatchException syntax =
        refused("bad YAML", () -> CiBatch.fromPipelineYaml("cibatch:\n  host: [\n"));
    Check.equal("CIB_ERR_CONFIG_SYNTAX", syntax.statusName(), "bad YAML: " + syntax.getMessage());
    Check.that(syntax.getMessage().contains("<yaml>:"), "message names the place: "
        + syntax.getMessage());

    Check.equal("CIB_ERR_INVALID_ARGUMENT",
        refused("open(null)", () -> CiBatch.open(null)).statusName(), "open(null)");
    Check.equal("CIB_ERR_CONFIG_SYNTAX",
        refused("a missing file", () -> CiBatch.shared(dir.resolve("absent.yml"))).statusName(),
        "shared() of a missing file");

    String pipeline = "stages: [build]\ncibatch:\n  host:\n    kind: bitbucket-cloud\n"
        + "    api_url: " + origin + "/2.0\n    auth: { type: bearer, token: \"java-token\" }\n"
        + "  spool: { path: \"" + dir.resolve("pipeline.db") + "\" }\n";
    CiBatch client = CiBatch.fromPipelineYaml(pipeline);
    try {
      CiBatchException missing = refused("a status without repo",
          () -> client.postStatus(BuildStatus.of(null, "abc1234", "build")));
      Check.equal("CIB_ERR_INVALID_ARGUMENT", missing.statusName(), "null repo");
      Check.that(missing.getMessage().contains("status->repo"), "names the field: "
          + missing.getMessage());
      Check.equal("CIB_ERR_INVALID_ARGUMENT",
          refused("postStatus(null)", () -> client.postStatus(null)).statusName(), "null status");
      Check.that(refused("a comment without body",
                     () -> client.postComment(Comment.of("acme/web", 5, "k")))
                     .getMessage()
                     .contains("comment->body"),
          "names the comment's body");
      Check.that(refused("a missing report-task.txt",
          () -> client.postSonarTask("acme/web", "abc1234", 0, dir.resolve("absent.txt")))
                     .status() > 0,
          "a missing report-task.txt is refused");
      sonar(client);
      flushWithoutWaiting(pipeline, dir);
      Check.that(client.stats().startsWith("{\"calls\":"), "stats: " + client.stats());
      Check.that(client.budget().startsWith("{"), "budget: " + client.budget());
      throwingListener(client);
      reentrantListener(client);
    } finally {
      client.close();
    }
    client.close(); // idempotent
    CiBatchException closed = refused("a post after close",
        () -> client.postStatus(BuildStatus.of("acme/web", "abc1234", "build")));
    Check.equal("CIB_ERR_CLOSED", closed.statusName(), "post after close");
    Check.equal(503, closed.status(), "post after close: number");
    Check.that(client.lastLeftover() != null, "lastLeftover after close");
    System.out.println("errors: statuses, names, messages and a throwing listener as expected");
  }

  /** A SARIF document becomes report "lint" on acme/sonar (the runner checks it); bad JSON is
   * refused naming the input. */
  private static void sonar(CiBatch client) throws Exception {
    CiBatchException bad = refused("a cut SARIF document",
        () -> client.postSonar(SonarAnalysis.of("acme/sonar", "abc1234").sarif("{\"version\":")));
    Check.equal("CIB_ERR_INVALID_ARGUMENT", bad.statusName(), "cut SARIF: " + bad.getMessage());
    Check.that(bad.getMessage().contains("sarif"), "names the input: " + bad.getMessage());
    String sarif = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Lint\"}},"
        + "\"results\":[{\"ruleId\":\"r1\",\"level\":\"warning\",\"message\":{\"text\":\"bad "
        + SharedThreadsCheck.ROCKET + "\"},\"locations\":[{\"physicalLocation\":"
        + "{\"artifactLocation\":{\"uri\":\"src/a.c\"},\"region\":{\"startLine\":3}}}]}]}]}";
    client.postSonar(SonarAnalysis.of("acme/sonar", "abc1234").sarif(sarif), 8);
    Check.that(client.flush(8, Duration.ofSeconds(30)), "flush of the SARIF report");
  }

  /**
   * A flush of no time returns at once with its post unsettled. The post lingers until a flush
   * sends it, however long the JVM takes between the two calls (a loaded machine once took
   * longer than the default 200 ms).
   */
  private static void flushWithoutWaiting(String pipeline, Path dir) throws Exception {
    String held = pipeline.replace("pipeline.db", "held.db")
        + "  batching: { linger_ms: 600000, terminal_linger_ms: 600000 }\n";
    try (CiBatch client = CiBatch.fromPipelineYaml(held)) {
      client.postStatus(BuildStatus.of("acme/errors", "abc1234", "zero"), 11);
      Check.that(!client.flush(11, Duration.ZERO), "flush without waiting: time ran out");
      Check.that(client.flush(11, Duration.ofSeconds(30)), "then it settles");
    }
  }

  /** A listener's calls into its own client are refused with CIB_ERR_REENTRY, close included. */
  private static void reentrantListener(CiBatch client) throws Exception {
    java.util.List<String> answers = new java.util.ArrayList<>();
    client.setDeliveryListener(report -> {
      for (Check.Call call : new Check.Call[] {client::closeAndReport,
               () -> client.postStatus(BuildStatus.of("acme/errors", "abc1234", "inner"))}) {
        answers.add(Check.ending(call));
      }
    });
    client.postStatus(BuildStatus.of("acme/errors", "abc1234", "outer"), 12);
    Check.that(client.flush(12, Duration.ofSeconds(30)), "flush of the outer post");
    Check.equal(1, client.poll(Duration.ofSeconds(5)), "the outer post's report");
    Check.equal(java.util.List.of("CIB_ERR_REENTRY", "CIB_ERR_REENTRY"), answers,
        "close and post from inside the listener");
    client.setDeliveryListener(null);
  }

  /** Each report's call throws; poll still serves them all, rethrows the first, and goes on. */
  private static void throwingListener(CiBatch client) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    client.setDeliveryListener(report -> {
      calls.incrementAndGet();
      throw new IllegalStateException("listener failed on " + report.key());
    });
    for (String key : new String[] {"one", "two", "three"}) {
      client.postStatus(BuildStatus.of("acme/errors", "abc1234", key).state(State.SUCCESSFUL), 9);
    }
    Check.that(client.flush(9, Duration.ofSeconds(30)), "flush of the listener's posts");
    try {
      client.poll(Duration.ofSeconds(5));
      throw new AssertionError("poll did not rethrow the listener's exception");
    } catch (IllegalStateException e) {
      Check.that(e.getMessage().startsWith("listener failed on "), "the listener's own");
    }
    Check.equal(3, calls.get(), "every report reached the listener");
    client.postStatus(BuildStatus.of("acme/errors", "abc1234", "four"), 10);
    Check.that(client.flush(10, Duration.ofSeconds(30)), "the client works after it");
    client.setDeliveryListener(null);
    Check.equal(0, client.poll(Duration.ZERO), "nothing is queued without a listener");
  }
}
