package io.spillover.cli.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a server command in the foreground until the JVM is asked to stop (Ctrl-C, SIGTERM) or the
 * waiting thread is interrupted (how a test stops it), then runs its stop action once.
 */
public final class UntilStopped {
  private UntilStopped() {}

  /** Blocks until stopped; {@code stop} has run (or, in a JVM shutdown, is running) on return. */
  public static void await(Runnable stop) {
    AtomicBoolean once = new AtomicBoolean();
    Runnable stopOnce = () -> {
      if (once.compareAndSet(false, true)) {
        stop.run();
      }
    };
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopOnce.run();
      stopped.countDown();
    }, "spillover-cli-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs the stop action
      }
      stopOnce.run();
      Thread.currentThread().interrupt();
    }
  }
}
