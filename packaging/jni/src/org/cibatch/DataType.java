package org.cibatch;

/** cib_data_type, in the header's order. */
public enum DataType {
  TEXT,
  BOOLEAN,
  DATE,
  DURATION,
  LINK,
  NUMBER,
  PERCENTAGE
}
