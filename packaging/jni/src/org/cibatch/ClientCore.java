package org.cibatch;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One open native client. Every call holds the read lock while it uses the handle; freeing it
 * takes the write lock and sets the handle to 0, so a call after close() gets CIB_ERR_CLOSED and
 * never touches freed memory. cib_client_close runs first, under the read lock: it makes flushes
 * and polls still waiting on other threads return, so the write lock is not held up by them.
 */
final class ClientCore {
  @FunctionalInterface
  interface Call<T> {
    T apply(long handle) throws CiBatchException;
  }

  @FunctionalInterface
  interface Action {
    void apply(long handle) throws CiBatchException;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object closing = new Object();
  private long handle;
  private volatile Leftover leftover;

  ClientCore(long handle) {
    this.handle = handle;
  }

  <T> T use(Call<T> call) throws CiBatchException {
    lock.readLock().lock();
    try {
      if (handle == 0) {
        throw CiBatchException.closed();
      }
      return call.apply(handle);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Closes once; later calls answer what the first close left. */
  Leftover close() throws CiBatchException {
    refuseReentry("close");
    synchronized (closing) {
      if (leftover != null) {
        return leftover;
      }
      long[] left = {0, 0};
      CiBatchException failure = null;
      try {
        left = use(NativeClient::close);
      } catch (CiBatchException e) {
        failure = e;
      }
      lock.writeLock().lock();
      try {
        NativeClient.destroy(handle);
        handle = 0;
      } finally {
        lock.writeLock().unlock();
      }
      leftover = new Leftover(left[0], left[1]);
      if (failure != null) {
        throw failure;
      }
      return leftover;
    }
  }

  /** From inside a listener this thread holds the read lock: freeing would wait for ever. */
  void refuseReentry(String call) throws CiBatchException {
    if (lock.getReadHoldCount() > 0) {
      throw new CiBatchException(CiBatchException.REENTRY, "CIB_ERR_REENTRY",
          call + ": called from inside a delivery listener of this client", false);
    }
  }

  Leftover leftover() {
    return leftover;
  }
}
