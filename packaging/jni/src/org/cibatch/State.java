package org.cibatch;

/** cib_state, in the header's order. */
public enum State {
  INPROGRESS,
  SUCCESSFUL,
  FAILED,
  STOPPED
}
