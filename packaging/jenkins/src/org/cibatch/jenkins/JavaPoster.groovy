package org.cibatch.jenkins

import java.nio.file.Paths
import com.cloudbees.groovy.cps.NonCPS
import java.time.Duration
import org.cibatch.Annotation
import org.cibatch.BuildStatus
import org.cibatch.CiBatch
import org.cibatch.Comment
import org.cibatch.DataType
import org.cibatch.DeliveryListener
import org.cibatch.DeliveryReport
import org.cibatch.FindingType
import org.cibatch.Outcome
import org.cibatch.Report
import org.cibatch.ReportData
import org.cibatch.ReportResult
import org.cibatch.Severity
import org.cibatch.State

/**
 * Posts through the Java wrapper (cibatch.jar + libcibatch_jni.so) in the JVM this class runs
 * in. With an administrator's file (`config:`) the client is CiBatch.shared(): one client, one
 * spool and one budget for every build of that JVM; the last close() closes it. With the
 * pipeline's YAML text it is this run's own client, whose delivery reports are echoed.
 *
 * The client is transient: a Pipeline that is saved and resumed opens it again.
 */
class JavaPoster implements Serializable {
  private static final long serialVersionUID = 1L

  private final def steps
  private final String configPath
  private final String yamlText
  private final long tag
  private transient CiBatch client
  private transient List<DeliveryReport> failures

  /** Exactly one of configPath (a file on this JVM's machine) and yamlText is given. */
  JavaPoster(def steps, String configPath, String yamlText, long tag) {
    this.steps = steps
    this.configPath = configPath
    this.yamlText = yamlText
    this.tag = tag
  }

  private CiBatch client() {
    if (client != null) return client
    if (configPath != null) {
      client = CiBatch.shared(Paths.get(configPath))
    } else {
      client = CiBatch.fromPipelineYaml(yamlText)
      failures = Collections.synchronizedList(new ArrayList<DeliveryReport>())
      client.setDeliveryListener(new FailureCollector(failures))
    }
    return client
  }

  void status(String repo, String commit, String key, String state, Map fields) {
    BuildStatus status = BuildStatus.of(repo, commit, key).state(State.valueOf(state.toUpperCase()))
    if (fields.name != null) status = status.name(fields.name.toString())
    if (fields.url != null) status = status.url(fields.url.toString())
    if (fields.description != null) status = status.description(fields.description.toString())
    if (fields.ref != null) status = status.ref(fields.ref.toString())
    client().postStatus(status, tag)
  }

  void comment(String repo, long pr, String key, String body) {
    client().postComment(Comment.of(repo, pr, key).body(body), tag)
  }

  void report(String repo, String commit, String id, Map fields) {
    Report report = Report.of(repo, commit, id).title(fields.title.toString())
        .result(ReportResult.valueOf(fields.result.toString().toUpperCase()))
    if (fields.details != null) report = report.details(fields.details.toString())
    if (fields.link != null) report = report.link(fields.link.toString())
    if (fields.reporter != null) report = report.reporter(fields.reporter.toString())
    List<ReportData> data = new ArrayList<ReportData>()
    for (Map d : (fields.data ?: []) as List<Map>) {
      data.add(ReportData.of(d.title.toString(), DataType.valueOf((d.type ?: 'TEXT').toString()),
          d.value.toString()))
    }
    if (!data.isEmpty()) report = report.data(data as ReportData[])
    for (Map finding : (fields.annotations ?: []) as List<Map>) {
      report = report.annotation(annotation(finding))
    }
    client().postReport(report, tag)
  }

  private static Annotation annotation(Map finding) {
    Annotation a = Annotation.of(finding.id.toString(), finding.summary.toString())
    if (finding.path != null) a = a.path(finding.path.toString())
    if (finding.line != null) a = a.line(finding.line as int)
    if (finding.severity != null) a = a.severity(Severity.valueOf(finding.severity.toString()))
    if (finding.type != null) a = a.type(FindingType.valueOf(finding.type.toString()))
    if (finding.details != null) a = a.details(finding.details.toString())
    if (finding.link != null) a = a.link(finding.link.toString())
    return a
  }

  /** taskFile: report-task.txt on this JVM's machine. */
  void sonarTask(String repo, String commit, long pr, String taskFile) {
    client().postSonarTask(repo, commit, pr, Paths.get(taskFile), tag)
  }

  /** Waits for this run's posts; echoes those the host refused. True: all settled in time. */
  boolean flush(long timeoutSeconds) {
    boolean settled = client().flush(tag, Duration.ofSeconds(timeoutSeconds))
    echoFailures()
    return settled
  }

  /** Closes this run's client (a shared one only drops this run's reference). */
  void close() {
    if (client == null) return
    CiBatch closing = client
    client = null
    if (configPath != null) {
      closing.close()
      return
    }
    def left = closing.closeAndReport()
    if (left.left() > 0) {
      steps.echo("cibatch: ${left.left()} post(s) not delivered yet stay in the spool " +
          "(${left.gatingLeft()} of them statuses that gate the pull request)")
    }
  }

  private void echoFailures() {
    if (failures == null) return
    client.poll(Duration.ZERO)
    List<DeliveryReport> failed
    synchronized (failures) {
      failed = new ArrayList<DeliveryReport>(failures)
      failures.clear()
    }
    for (DeliveryReport r : failed) {
      steps.echo("cibatch: ${r.kind()} ${r.repo()} ${r.key()} was refused: HTTP ${r.httpStatus()} ${r.message()}")
    }
  }

  /**
   * Keeps the refused posts; runs in poll() on the caller's thread. The wrapper (Java) calls
   * it, so it must not be CPS-transformed: @NonCPS.
   */
  static class FailureCollector implements DeliveryListener {
    private final List<DeliveryReport> failures

    FailureCollector(List<DeliveryReport> failures) {
      this.failures = failures
    }

    @NonCPS
    void onDelivery(DeliveryReport report) {
      if (report.outcome() == Outcome.FAILED) failures.add(report)
    }
  }
}
