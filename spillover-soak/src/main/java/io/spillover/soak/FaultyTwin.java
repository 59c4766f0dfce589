package io.spillover.soak;

import io.spillover.aws.SpilloverLambdaHandler;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The soak's service, run locally and as the twin in a worker JVM. Each execution claims its
 * request id in a directory both sides share, so a second execution of a non-idempotent call shows
 * as a {@code dup-} file whichever side ran it. On the function side the request's {@link Fault}
 * is injected after the claim: the worst case, the work done and then the reply lost.
 */
public final class FaultyTwin {
  /** The service's name in the twin. */
  public static final String SERVICE = "soak";

  /** What a function-side execution does besides the work. */
  public enum Fault { NONE, ERROR, SLOW, KILL_WORKER }

  /** One call: its id, the shared directory of claims, the fault the twin injects. */
  public record Work(long id, String claims, Fault fault) {}

  /** The answer: the id and where it ran. */
  public record Done(long id, long pid) {}

  /** The twin packaged as a Lambda handler for the local platform. */
  public static final class Handler extends SpilloverLambdaHandler {
    /** Builds the twin on the first request. */
    public Handler() {
      super(FaultyTwin::app);
    }
  }

  private FaultyTwin() {}

  static FunctionApp app() {
    return FunctionApp.builder().handle(SERVICE, Work.class, Done.class, FaultyTwin::remote)
        .build();
  }

  static Done remote(Work work) {
    claim(work);
    switch (work.fault()) {
      case ERROR -> throw new IllegalStateException("injected function error");
      case SLOW -> sleep(1_500);
      case KILL_WORKER -> Runtime.getRuntime().halt(137); // the reply never leaves: a reset
      default -> { }
    }
    return new Done(work.id(), ProcessHandle.current().pid());
  }

  /** The local side: the same claim, then the local service time. */
  static Done local(Work work, long serviceMillis) {
    claim(work);
    sleep(serviceMillis);
    return new Done(work.id(), ProcessHandle.current().pid());
  }

  private static void claim(Work work) {
    Path dir = Path.of(work.claims());
    try {
      Files.createFile(dir.resolve("run-" + work.id()));
    } catch (FileAlreadyExistsException e) {
      try {
        Files.writeString(dir.resolve("dup-" + work.id() + "-" + System.nanoTime()), "");
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
