package org.cibatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cibatch client over libcibatch.so.1. Thread-safe: every method may be called from several
 * threads at once. Posts are accepted at once and delivered by the library's own thread; flush()
 * waits for them, poll() serves delivery reports to the listener on the calling thread.
 */
public final class CiBatch implements AutoCloseable {
  private final ClientCore core;
  private final Path sharedKey; // the real path for a shared() handle, else null
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Leftover lastLeftover;

  private CiBatch(ClientCore core, Path sharedKey) {
    this.core = core;
    this.sharedKey = sharedKey;
  }

  /** Opens a client from a YAML file with a `cibatch:` section. */
  public static CiBatch open(Path yamlFile) throws CiBatchException {
    NativeLoader.load();
    return own(NativeClient.openFile(Utf8.bytes(yamlFile == null ? null : yamlFile.toString())));
  }

  /** Opens a client from YAML text: a pipeline file with a `cibatch:` section. */
  public static CiBatch fromPipelineYaml(String yamlText) throws CiBatchException {
    NativeLoader.load();
    return own(NativeClient.openText(Utf8.bytes(yamlText)));
  }

  /** Opens a client from dotted keys ("host.api_url") and their textual values. */
  public static CiBatch fromMap(Map<String, String> keys) throws CiBatchException {
    NativeLoader.load();
    Map<String, String> given = keys == null ? Map.of() : keys;
    String[] pairs = new String[given.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> entry : given.entrySet()) {
      pairs[i++] = entry.getKey();
      pairs[i++] = entry.getValue();
    }
    return own(NativeClient.openSettings(Utf8.all(pairs)));
  }

  /**
   * A handle on the one client of this configuration file (by its real path) in this class
   * loader, opened by the first call. Handles share the client, its spool, budget and listener;
   * the last handle's close() closes it.
   */
  public static CiBatch shared(Path yamlFile) throws CiBatchException {
    NativeLoader.load();
    Path real = SharedClients.realPath(yamlFile);
    return new CiBatch(SharedClients.acquire(real), real);
  }

  private static CiBatch own(long handle) {
    return new CiBatch(new ClientCore(handle), null);
  }

  public void postStatus(BuildStatus status) throws CiBatchException {
    postStatus(status, 0);
  }

  public void postStatus(BuildStatus status, long tag) throws CiBatchException {
    byte[][] texts = status == null ? null : status.texts();
    int state = status == null ? -1 : Utf8.code(status.state);
    run(h -> NativeClient.postStatus(h, texts, state, tag));
  }

  public void postComment(Comment comment) throws CiBatchException {
    postComment(comment, 0);
  }

  public void postComment(Comment comment, long tag) throws CiBatchException {
    byte[][] texts = comment == null ? null : comment.texts();
    long pr = comment == null ? 0 : comment.pr;
    run(h -> NativeClient.postComment(h, texts, pr, tag));
  }

  public void postReport(Report report) throws CiBatchException {
    postReport(report, 0);
  }

  public void postReport(Report report, long tag) throws CiBatchException {
    if (report == null) {
      run(h -> NativeClient.postReport(h, null, -1, null, null, null, null, tag));
      return;
    }
    byte[][] texts = report.texts();
    byte[][] dataTexts = report.dataTexts();
    int[] dataTypes = report.dataTypes();
    byte[][] annotationTexts = report.annotationTexts();
    int[] annotationNumbers = report.annotationNumbers();
    int result = Utf8.code(report.result);
    run(h -> NativeClient.postReport(
          h, texts, result, dataTexts, dataTypes, annotationTexts, annotationNumbers, tag));
  }

  public void postSonar(SonarAnalysis analysis) throws CiBatchException {
    postSonar(analysis, 0);
  }

  public void postSonar(SonarAnalysis analysis, long tag) throws CiBatchException {
    byte[][] texts = analysis == null ? null : analysis.texts();
    byte[][] pages = analysis == null ? null : analysis.pageTexts();
    long pr = analysis == null ? 0 : analysis.pr;
    run(h -> NativeClient.postSonar(h, texts, pr, pages, tag));
  }

  public void postSonarTask(String repo, String commit, long pr, Path reportTaskFile)
      throws CiBatchException {
    postSonarTask(repo, commit, pr, reportTaskFile, 0);
  }

  public void postSonarTask(String repo, String commit, long pr, Path reportTaskFile, long tag)
      throws CiBatchException {
    byte[][] texts =
        Utf8.all(repo, commit, reportTaskFile == null ? null : reportTaskFile.toString());
    run(h -> NativeClient.postSonarTask(h, texts, pr, tag));
  }

  /**
   * Sends the pending updates of tag (0: all) now and waits at most timeout (null or negative: no
   * limit). True: all settled; false: time ran out, nothing lost (still being delivered, or left
   * in the spool).
   */
  public boolean flush(long tag, Duration timeout) throws CiBatchException {
    int ms = milliseconds(timeout);
    return use(h -> NativeClient.flush(h, tag, ms));
  }

  /** Closes this handle; never throws. What was left: {@link #lastLeftover()}. */
  @Override
  public void close() {
    try {
      closeAndReport();
    } catch (CiBatchException | RuntimeException e) {
      // close() is quiet by contract; closeAndReport() says what went wrong.
    }
  }

  /**
   * Closes this handle and says what the client left in the spool. A shared handle that is not
   * the last answers null: the client stays open for the other handles. A second call answers
   * what the first one left.
   */
  public Leftover closeAndReport() throws CiBatchException {
    core.refuseReentry("close");
    if (!closed.compareAndSet(false, true)) {
      return lastLeftover;
    }
    try {
      lastLeftover = sharedKey == null ? core.close() : SharedClients.release(sharedKey, core);
    } catch (CiBatchException e) {
      lastLeftover = core.leftover();
      throw e;
    }
    return lastLeftover;
  }

  /** What close() left, null before (and for a shared handle that was not the last). */
  public Leftover lastLeftover() {
    return lastLeftover;
  }

  /** Sets the listener poll() serves delivery reports to; null clears it. */
  public void setDeliveryListener(DeliveryListener listener) throws CiBatchException {
    ListenerBridge bridge = listener == null ? null : new ListenerBridge(listener);
    run(h -> NativeClient.setListener(h, bridge));
  }

  /**
   * Serves the queued delivery reports to the listener on this thread, waiting at most timeout
   * for the first. Returns how many were served. A throwing listener does not stop it: the rest
   * are served, then the first throwable is rethrown.
   */
  public int poll(Duration timeout) throws CiBatchException {
    int ms = milliseconds(timeout);
    return use(h -> NativeClient.poll(h, ms));
  }

  /** The client's counters as a JSON object (cib_client_stats_json). */
  public String stats() throws CiBatchException {
    return Utf8.text(use(NativeClient::stats));
  }

  /** The client's request budget as a JSON object (cib_client_budget_json). */
  public String budget() throws CiBatchException {
    return Utf8.text(use(NativeClient::budget));
  }

  /** The library's version, "MAJOR.MINOR.PATCH". */
  public static String libraryVersion() {
    NativeLoader.load();
    return Utf8.text(NativeClient.version());
  }

  private void run(ClientCore.Action action) throws CiBatchException {
    use(h -> {
      action.apply(h);
      return null;
    });
  }

  private <T> T use(ClientCore.Call<T> call) throws CiBatchException {
    if (closed.get()) {
      throw CiBatchException.closed();
    }
    return core.use(call);
  }

  private static int milliseconds(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return -1;
    }
    if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      return Integer.MAX_VALUE;
    }
    return (int) timeout.toMillis();
  }
}
