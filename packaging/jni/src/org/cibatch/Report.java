package org.cibatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A Code Insights report (cib_report) with its data fields and annotations. */
public final class Report {
  final String repo;
  final String commit;
  final String id;
  String title;
  ReportResult result = ReportResult.PENDING;
  String details;
  String link;
  String reporter;
  final List<ReportData> data = new ArrayList<>();
  final List<Annotation> annotations = new ArrayList<>();

  private Report(String repo, String commit, String id) {
    this.repo = repo;
    this.commit = commit;
    this.id = id;
  }

  public static Report of(String repo, String commit, String id) {
    return new Report(repo, commit, id);
  }

  public Report title(String value) {
    title = value;
    return this;
  }

  public Report result(ReportResult value) {
    result = value;
    return this;
  }

  public Report details(String value) {
    details = value;
    return this;
  }

  public Report link(String value) {
    link = value;
    return this;
  }

  public Report reporter(String value) {
    reporter = value;
    return this;
  }

  /** Appends data fields (the library takes at most 10). */
  public Report data(ReportData... fields) {
    if (fields != null) {
      data.addAll(Arrays.asList(fields));
    }
    return this;
  }

  public Report annotation(Annotation annotation) {
    annotations.add(annotation);
    return this;
  }

  public Report annotations(Collection<Annotation> more) {
    if (more != null) {
      annotations.addAll(more);
    }
    return this;
  }

  byte[][] texts() {
    return Utf8.all(repo, commit, id, title, details, link, reporter);
  }

  /** Two texts per field: title, value. */
  byte[][] dataTexts() {
    List<String> out = new ArrayList<>();
    for (ReportData field : data) {
      out.add(field == null ? null : field.title);
      out.add(field == null ? null : field.value);
    }
    return Utf8.all(out.toArray(new String[0]));
  }

  int[] dataTypes() {
    return data.stream().mapToInt(field -> field == null ? -1 : Utf8.code(field.type)).toArray();
  }

  /** Five texts per annotation: id, path, summary, details, link. */
  byte[][] annotationTexts() {
    List<String> out = new ArrayList<>();
    for (Annotation a : annotations) {
      boolean none = a == null;
      out.addAll(Arrays.asList(none ? null : a.id, none ? null : a.path, none ? null : a.summary,
          none ? null : a.details, none ? null : a.link));
    }
    return Utf8.all(out.toArray(new String[0]));
  }

  /** Three numbers per annotation: line, severity, type. */
  int[] annotationNumbers() {
    int[] out = new int[annotations.size() * 3];
    for (int i = 0; i < annotations.size(); i++) {
      Annotation a = annotations.get(i);
      out[3 * i] = a == null ? 0 : a.line;
      out[3 * i + 1] = a == null ? -1 : Utf8.code(a.severity);
      out[3 * i + 2] = a == null ? -1 : Utf8.code(a.type);
    }
    return out;
  }
}
