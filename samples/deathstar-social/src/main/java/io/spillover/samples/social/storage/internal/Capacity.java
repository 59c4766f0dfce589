package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import java.util.concurrent.atomic.AtomicLong;

/** A lock-free budget of units (entries or bytes) for one bounded store. */
final class Capacity {
  private final String what;
  private final long max;
  private final AtomicLong used = new AtomicLong();

  Capacity(String what, long max) {
    if (max <= 0) {
      throw new IllegalArgumentException(what + " capacity must be positive, was " + max);
    }
    this.what = what;
    this.max = max;
  }

  /** Takes {@code units}, or throws STORAGE_FULL having taken nothing. */
  void reserve(long units) {
    long now = used.addAndGet(units);
    if (now > max) {
      used.addAndGet(-units);
      throw new ServiceException(ErrorCode.STORAGE_FULL, what + " store is full (" + max + ")");
    }
  }

  void release(long units) {
    used.addAndGet(-units);
  }

  long used() {
    return used.get();
  }
}
