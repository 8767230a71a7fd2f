package org.cibatch;

/**
 * One delivery report (cib_delivery). commit is "" for comments, pr 0 unless a comment,
 * httpStatus 0 when no request was needed, message the host's answer or "".
 */
public record DeliveryReport(long tag, SlotKind kind, String repo, String commit, long pr,
    String key, Outcome outcome, int httpStatus, String message) {}
