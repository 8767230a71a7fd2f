package org.cibatch;

/**
 * Receives delivery reports. It runs inside {@link CiBatch#poll}, on the thread that polls, and
 * must not block for long. A call into the same client from here (but {@code
 * setDeliveryListener}) fails with {@code CIB_ERR_REENTRY}. A listener that throws does not stop
 * the poll: the remaining reports are still served, and poll() then rethrows the first throwable.
 */
@FunctionalInterface
public interface DeliveryListener {
  void onDelivery(DeliveryReport report);
}
