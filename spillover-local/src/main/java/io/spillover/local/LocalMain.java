package io.spillover.local;

import io.spillover.local.internal.CommandLine;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spillover local}: starts a {@link LocalPlatform} from the command line, prints its
 * endpoints and the provider settings that point the invokers at it, and runs until SIGINT or
 * SIGTERM, then ends every worker and prints the cost report.
 *
 * <pre>
 * local --functions &lt;jar or dir&gt; [--port N] [--max-concurrency N]
 *       [--per-function-concurrency N] [--idle-timeout D] [--timeout D] [--memory MB]
 *       [--lambda NAME=CLASS]... [--action NAME=CLASS]... [--classpath PATHS]
 *       [--work-dir DIR] [--lambda-runtime auto|ric|builtin]
 * </pre>
 *
 * <p>Functions come from {@code spillover-functions.json} at the root of the jar or directory
 * given with {@code --functions}, or from {@code --lambda} / {@code --action} options (their
 * code is {@code --classpath}, else the {@code --functions} path). Durations are {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}).
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Runs the platform until the JVM is asked to stop. Returns 2 for bad arguments (after printing
   * what is wrong), 0 once asked for {@code --help}; otherwise it does not return.
   */
  public static int run(String[] args, PrintStream out) {
    LocalPlatform platform;
    try {
      platform = start(args, out);
    } catch (IllegalArgumentException | IllegalStateException e) {
      out.println("spillover local: " + e.getMessage());
      out.println(CommandLine.USAGE);
      return 2;
    }
    if (platform == null) {
      return 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      out.println();
      out.println("Stopped; every worker ended. Cost report:");
      out.print(platform.stats().costReport());
      out.flush();
    }, "spillover-local-main-shutdown"));
    try {
      new CountDownLatch(1).await(); // until SIGINT/SIGTERM runs the hooks and exits
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      platform.close();
    }
    return 0;
  }

  /**
   * Parses {@code args}, starts the platform and prints its endpoints and settings; null after
   * printing the usage for {@code --help}. The caller closes the platform.
   *
   * @throws IllegalArgumentException for bad arguments
   */
  public static LocalPlatform start(String[] args, PrintStream out) {
    CommandLine cl = CommandLine.parse(args);
    if (cl.help()) {
      out.println(CommandLine.USAGE);
      return null;
    }
    LocalPlatform platform = cl.builder().build().start();
    try {
      cl.printBanner(platform, out);
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    return platform;
  }
}
