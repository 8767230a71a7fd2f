package org.cibatch;

/** cib_report_result, in the header's order (PASSED = 0). */
public enum ReportResult {
  PASSED,
  FAILED,
  PENDING
}
