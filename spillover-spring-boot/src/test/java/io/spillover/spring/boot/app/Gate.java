package io.spillover.spring.boot.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test hook: while closed, local calls wait at it, so the test controls when the VM is busy. */
public final class Gate {
  private volatile CountDownLatch latch = new CountDownLatch(0);

  public void close() {
    latch = new CountDownLatch(1);
  }

  public void open() {
    latch.countDown();
  }

  void pass() {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
