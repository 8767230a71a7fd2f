package org.cibatch;

import java.nio.charset.StandardCharsets;

/**
 * A call the library refused: the cib_status number and name, and the library's sentence saying
 * what was wrong and where (never a secret).
 */
public class CiBatchException extends Exception {
  private static final long serialVersionUID = 1L;
  // The cib_status numbers the Java side gives itself (abi/include/cibatch.h).
  static final int INVALID_ARGUMENT = 100;
  static final int CONFIG_SYNTAX = 105;
  static final int CLOSED = 503;
  static final int REENTRY = 505;

  private final int status;
  private final String statusName;
  private final boolean retriable;

  public CiBatchException(int status, String statusName, String message, boolean retriable) {
    super(message);
    this.status = status;
    this.statusName = statusName;
    this.retriable = retriable;
  }

  /** The glue's constructor: both texts as UTF-8 bytes. */
  CiBatchException(int status, byte[] statusName, byte[] message, boolean retriable) {
    this(status, new String(statusName, StandardCharsets.UTF_8),
        new String(message, StandardCharsets.UTF_8), retriable);
  }

  static CiBatchException closed() {
    return new CiBatchException(CLOSED, "CIB_ERR_CLOSED", "the client is closed", false);
  }

  /** The cib_status name, as "CIB_ERR_INVALID_ARGUMENT". */
  public String statusName() {
    return statusName;
  }

  /** The cib_status number. */
  public int status() {
    return status;
  }

  /** True when the same call can succeed later (transport, rate limit, queue full, timeout). */
  public boolean isRetriable() {
    return retriable;
  }
}
