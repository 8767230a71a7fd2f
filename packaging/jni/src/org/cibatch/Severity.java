package org.cibatch;

/** cib_severity, in the header's order. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW
}
