package com.example.compose;

import java.util.concurrent.CountDownLatch;

/** The service; {@link #hold} lets the test keep a local call busy. */
public final class ComposeService {
  private volatile CountDownLatch hold = new CountDownLatch(0);

  public ComposeResponse compose(ComposeRequest request) {
    try {
      hold.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ComposeResponse(request.user(), request.text().trim());
  }

  public void hold(CountDownLatch latch) {
    this.hold = latch;
  }
}
