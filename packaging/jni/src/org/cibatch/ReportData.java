package org.cibatch;

/** One data field of a report (cib_report_data): value is textual ("true", "12.5", a URL). */
public final class ReportData {
  final String title;
  final DataType type;
  final String value;

  private ReportData(String title, DataType type, String value) {
    this.title = title;
    this.type = type;
    this.value = value;
  }

  public static ReportData of(String title, DataType type, String value) {
    return new ReportData(title, type, value);
  }
}
