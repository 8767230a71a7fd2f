package org.cibatch;

/** What a close left in the spool: slots unsettled, and of those the gating ones. */
public record Leftover(long left, long gatingLeft) {}
