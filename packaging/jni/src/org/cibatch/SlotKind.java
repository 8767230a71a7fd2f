package org.cibatch;

/** cib_slot_kind, in the header's order. */
public enum SlotKind {
  STATUS,
  COMMENT,
  REPORT
}
