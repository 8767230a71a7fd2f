package org.cibatch;

/** cib_finding_type, in the header's order. */
public enum FindingType {
  BUG,
  VULNERABILITY,
  CODE_SMELL
}
