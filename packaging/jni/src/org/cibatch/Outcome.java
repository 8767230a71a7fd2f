package org.cibatch;

/** cib_outcome, in the header's order. */
public enum Outcome {
  DELIVERED,
  UNCHANGED,
  SUPERSEDED,
  FAILED
}
