package org.cibatch;

/**
 * The glue's entry points (packaging/jni/native). A handle is the glue's client; strings are
 * UTF-8 bytes (see Utf8). Each throws CiBatchException with the library's status and message.
 */
final class NativeClient {
  private NativeClient() {}

  static native byte[] version();

  static native long openFile(byte[] path) throws CiBatchException;

  static native long openText(byte[] text) throws CiBatchException;

  /** keysAndValues: key, value, key, value, ... */
  static native long openSettings(byte[][] keysAndValues) throws CiBatchException;

  /** texts: repo, commit, key, name, url, description, ref. */
  static native void postStatus(long handle, byte[][] texts, int state, long tag)
      throws CiBatchException;

  /** texts: repo, key, body. */
  static native void postComment(long handle, byte[][] texts, long pr, long tag)
      throws CiBatchException;

  /** See Report's texts(), dataTexts(), dataTypes(), annotationTexts(), annotationNumbers(). */
  static native void postReport(long handle, byte[][] texts, int result, byte[][] dataTexts,
      int[] dataTypes, byte[][] annotationTexts, int[] annotationNumbers, long tag)
      throws CiBatchException;

  /** texts: see SonarAnalysis.texts(). */
  static native void postSonar(long handle, byte[][] texts, long pr, byte[][] pages, long tag)
      throws CiBatchException;

  /** texts: repo, commit, report-task.txt path. */
  static native void postSonarTask(long handle, byte[][] texts, long pr, long tag)
      throws CiBatchException;

  /** True when all settled, false when time ran out or the client stopped with work left. */
  static native boolean flush(long handle, long tag, int timeoutMs) throws CiBatchException;

  /** {left, gating left}; CIB_ERR_UNDELIVERED and _TIMED_OUT are answers here, not errors. */
  static native long[] close(long handle) throws CiBatchException;

  /** Frees the client and the listener's global reference. No call may follow. */
  static native void destroy(long handle);

  /** bridge: a ListenerBridge, or null to clear. */
  static native void setListener(long handle, ListenerBridge bridge) throws CiBatchException;

  static native int poll(long handle, int timeoutMs) throws CiBatchException;

  static native byte[] stats(long handle) throws CiBatchException;

  static native byte[] budget(long handle) throws CiBatchException;
}
