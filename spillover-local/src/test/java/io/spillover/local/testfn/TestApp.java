package io.spillover.local.testfn;

import io.spillover.function.FunctionApp;
import java.nio.file.Files;
import java.nio.file.Path;

/** The services the test functions serve, on the real {@link FunctionApp}. */
public final class TestApp {
  /** An echo request and reply. */
  public record Echo(String text, long pid) {}

  /** Blocks until {@code dir/release} exists; announces itself as {@code dir/started-<pid>}. */
  public record Hold(String dir) {}

  private TestApp() {}

  public static FunctionApp create() {
    return FunctionApp.builder()
        .handle("echo", Echo.class, Echo.class,
            e -> new Echo(e.text(), ProcessHandle.current().pid()))
        .handle("hold", Hold.class, Echo.class, TestApp::hold)
        .build();
  }

  private static Echo hold(Hold h) throws Exception {
    long pid = ProcessHandle.current().pid();
    Path dir = Path.of(h.dir());
    Files.writeString(dir.resolve("started-" + pid + "-" + System.nanoTime()), "");
    long limit = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(dir.resolve("release")) && System.nanoTime() < limit) {
      Thread.sleep(5); // a test releases by creating the file
    }
    return new Echo("released", pid);
  }
}
