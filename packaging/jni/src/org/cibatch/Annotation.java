package org.cibatch;

/** One annotation of a report (cib_annotation). */
public final class Annotation {
  final String id;
  final String summary;
  String path;
  int line;
  Severity severity = Severity.MEDIUM;
  FindingType type = FindingType.BUG;
  String details;
  String link;

  private Annotation(String id, String summary) {
    this.id = id;
    this.summary = summary;
  }

  public static Annotation of(String id, String summary) {
    return new Annotation(id, summary);
  }

  public Annotation path(String value) {
    path = value;
    return this;
  }

  /** 1-based line, 0 for none. */
  public Annotation line(int value) {
    line = value;
    return this;
  }

  public Annotation severity(Severity value) {
    severity = value;
    return this;
  }

  public Annotation type(FindingType value) {
    type = value;
    return this;
  }

  public Annotation details(String value) {
    details = value;
    return this;
  }

  public Annotation link(String value) {
    link = value;
    return this;
  }
}
