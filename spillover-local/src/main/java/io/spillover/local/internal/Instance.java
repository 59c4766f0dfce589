package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function instance: a worker JVM and what the platform knows about it. Fields marked
 * "pool lock" are read and written only under {@link InstancePool}'s lock.
 */
abstract class Instance {
  enum State { STARTING, READY, DEAD }

  private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

  final String id;
  final FunctionState function;
  final FunctionSpec spec;
  final PlatformResources res;
  final InstancePool pool;
  final Path dir;
  final Path log;
  State state = State.STARTING; // pool lock
  int inFlight; // pool lock
  long lastUsedNanos; // pool lock
  volatile long launchNanos;
  volatile long initMillis;
  private final AtomicBoolean retired = new AtomicBoolean();
  private Process process; // guarded by this

  Instance(String id, FunctionState function, PlatformResources res, InstancePool pool) {
    this.id = id;
    this.function = function;
    this.spec = function.spec;
    this.res = res;
    this.pool = pool;
    Path work = res.config.workDir();
    this.dir = work.resolve("instances").resolve(id);
    this.log = work.resolve("logs").resolve(spec.name().replace('/', '-')).resolve(id + ".log");
  }

  /** Starts the worker in the background; failures end the instance and its requests. */
  abstract void start();

  /** Hands an admitted request to this instance (which may still be starting). */
  abstract void submit(Invocation invocation);

  /** Completes every request this instance holds with {@code outcome}. */
  abstract void failAll(Outcome outcome);

  /** Closes what the instance holds besides its process (servers, calls). */
  abstract void closeResources();

  final boolean retired() {
    return retired.get();
  }

  /** Keeps the worker process, or ends it at once if the instance was retired meanwhile. */
  final synchronized boolean attach(Process p) {
    if (retired.get()) {
      WorkerLauncher.destroyTree(p);
      return false;
    }
    this.process = p;
    p.onExit().thenRunAsync(() -> onProcessExit(p.exitValue()), res.tasks);
    return true;
  }

  final synchronized Process process() {
    return process;
  }

  /** The worker exited by itself: whatever it held gets a crash, the pool forgets it. */
  void onProcessExit(int exitCode) {
    retire(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError",
        "Runtime exited with error: " + describeExit(exitCode)), false);
  }

  /**
   * Ends this instance once: the pool forgets it, its requests complete with {@code outcome}, its
   * process tree is ended (in the background unless {@code wait}).
   */
  final void retire(Outcome outcome, boolean wait) {
    if (!retired.compareAndSet(false, true)) {
      return;
    }
    pool.forget(this);
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null) {
      WorkerLauncher.signalTree(p); // first, so the worker sees no half-closed Runtime API
    }
    failAll(outcome);
    closeResources();
    Runnable end = () -> {
      if (p != null) {
        WorkerLauncher.destroyTree(p);
      }
      deleteDir();
    };
    if (wait) {
      end.run();
    } else {
      try {
        res.tasks.execute(end);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        end.run();
      }
    }
    LOG.debug("instance {} of {} retired: {}", id, spec.name(), outcome.message());
  }

  private void deleteDir() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", dir, e.toString());
    }
  }

  static String describeExit(int code) {
    if (code > 128 && code < 160) {
      int signal = code - 128;
      String name = signal == 9 ? "killed" : signal == 15 ? "terminated"
          : signal == 6 ? "aborted" : signal == 11 ? "segmentation fault" : "signal " + signal;
      return "signal: " + name;
    }
    return "exit status " + code;
  }

  /** Milliseconds since {@code startNanos}, at least 1 when anything ran. */
  final long millisSince(long startNanos) {
    return Math.max(0, (res.nanoTime() - startNanos + 999_999) / 1_000_000);
  }
}
