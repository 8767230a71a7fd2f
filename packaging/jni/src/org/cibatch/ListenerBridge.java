package org.cibatch;

/** What the glue calls for each delivery report: turns the C values into a DeliveryReport. */
final class ListenerBridge {
  private final DeliveryListener listener;

  ListenerBridge(DeliveryListener listener) {
    this.listener = listener;
  }

  /** Called by the glue inside poll, on the polling thread. */
  void deliver(long tag, int kind, byte[] repo, byte[] commit, long pr, byte[] key, int outcome,
      int httpStatus, byte[] message) {
    listener.onDelivery(new DeliveryReport(tag, of(SlotKind.values(), kind), Utf8.text(repo),
        Utf8.text(commit), pr, Utf8.text(key), of(Outcome.values(), outcome), httpStatus,
        Utf8.text(message)));
  }

  private static <E> E of(E[] values, int code) {
    return code >= 0 && code < values.length ? values[code] : null;
  }
}
