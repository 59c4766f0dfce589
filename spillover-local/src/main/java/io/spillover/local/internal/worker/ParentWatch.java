package io.spillover.local.internal.worker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the worker when the platform is gone. The platform holds the write end of the worker's
 * stdin; when the platform process dies, however it dies (even SIGKILL), the pipe closes and the
 * read below returns -1. So no worker outlives its platform.
 */
final class ParentWatch {
  private ParentWatch() {}

  static void start() {
    InputStream stdin = System.in;
    Thread t = new Thread(() -> {
      try {
        while (stdin.read() >= 0) {
          // the platform never writes; any byte is ignored
        }
      } catch (IOException e) {
        // a broken pipe means the same as end of stream
      }
      Runtime.getRuntime().halt(0);
    }, "spillover-parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
