package org.cibatch;

import java.util.ArrayList;
import java.util.List;

/**
 * One SonarQube analysis (cib_sonar): either Web API answers (issue pages, gate, measures) or one
 * SARIF 2.1.0 document. Every text is the JSON the API answered, as it is.
 */
public final class SonarAnalysis {
  final String repo;
  final String commit;
  long pr;
  String id;
  final List<String> issuePages = new ArrayList<>();
  String gate;
  String measures;
  String sarif;
  String serverUrl;
  String dashboardUrl;

  private SonarAnalysis(String repo, String commit) {
    this.repo = repo;
    this.commit = commit;
  }

  public static SonarAnalysis of(String repo, String commit) {
    return new SonarAnalysis(repo, commit);
  }

  public SonarAnalysis pr(long value) {
    pr = value;
    return this;
  }

  public SonarAnalysis id(String value) {
    id = value;
    return this;
  }

  /** Appends one `api/issues/search` answer. */
  public SonarAnalysis issuePage(String json) {
    issuePages.add(json);
    return this;
  }

  public SonarAnalysis gate(String json) {
    gate = json;
    return this;
  }

  public SonarAnalysis measures(String json) {
    measures = json;
    return this;
  }

  public SonarAnalysis sarif(String json) {
    sarif = json;
    return this;
  }

  public SonarAnalysis serverUrl(String value) {
    serverUrl = value;
    return this;
  }

  public SonarAnalysis dashboardUrl(String value) {
    dashboardUrl = value;
    return this;
  }

  byte[][] texts() {
    return Utf8.all(repo, commit, id, gate, measures, sarif, serverUrl, dashboardUrl);
  }

  byte[][] pageTexts() {
    return Utf8.all(issuePages.toArray(new String[0]));
  }
}
