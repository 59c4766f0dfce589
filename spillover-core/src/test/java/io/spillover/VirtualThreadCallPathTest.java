package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.http.FunctionAppHttpHandler;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.limit.Limits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services on Java 21+ call spillways from virtual threads. Many virtual threads drive one
 * spillway through its three paths at once: a local permit (a blocking service method), a spill
 * to the twin (in this JVM, or over HTTP on the caller's thread; the caller blocks for the reply),
 * and a wait for a local permit when the spill budget is full. Every call must end in its own reply, and no virtual thread may be
 * pinned to its carrier while it blocks (JFR's {@code jdk.VirtualThreadPinned}, threshold 0).
 *
 * <p>The path runs twice: the first round loads and initialises its classes (a virtual thread that
 * waits for a class initialiser running on another thread is pinned once, whatever the code); the
 * second is recorded. Compiled for Java 17, so virtual threads come by reflection; skipped on
 * Java 17-20. On
 * Java 21-23 a virtual thread that blocks inside {@code synchronized} is pinned and reported;
 * from Java 24 on monitors no longer pin (JEP 491), and the event reports the remaining causes
 * (native frames, class initialisers).
 */
class VirtualThreadCallPathTest {
  private static final int CALLERS = 400;
  private static final int LOCAL_LIMIT = 4;
  private static final int SPILL_LIMIT = 4;

  /** {@code provider}: the twin in this JVM, or behind HTTP on loopback (OkHttp on the caller). */
  @ParameterizedTest
  @ValueSource(strings = {"in-process", "http"})
  void blockingCallsSpillsAndWaitsFromVirtualThreadsLoseNothingAndPinNothing(String provider,
      @TempDir Path dir) throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
    assertThat(FlightRecorder.getFlightRecorder().getEventTypes())
        .extracting(t -> t.getName()).contains("jdk.VirtualThreadPinned");

    FunctionApp twin = FunctionApp.builder()
        .handle("echo", String.class, String.class, s -> "twin:" + slow(s)).build();
    HttpServer server = null;
    SpilloverRegistry.Builder builder = SpilloverRegistry.builder();
    if (provider.equals("http")) {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/fn/echo", new FunctionAppHttpHandler(twin));
      server.setExecutor(Executors.newFixedThreadPool(SPILL_LIMIT));
      server.start();
      builder.provider(HttpFunctionProvider.builder()
          .baseUrl("twin", "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/").build());
    } else {
      builder.provider(InProcessProvider.create().deploy("twin", twin));
    }
    AtomicInteger refused = new AtomicInteger();
    Set<String> callerThreads = ConcurrentHashMap.newKeySet();
    SpilloverRegistry registry = builder.listener(new SpillwayListener() {
      @Override
      public void onSpillRefused(String spillway, SpillRejectedException.Reason reason) {
        refused.incrementAndGet();
      }
    }).build();
    FunctionRef target = provider.equals("http") ? FunctionRef.of("http", "twin/echo")
        : FunctionRef.of("in-process", "twin");
    Spillway<String, String> echo = registry.spillway("echo", SpillwayConfig.custom()
            .limit(Limits.fixed(LOCAL_LIMIT)).function(target)
            .maxConcurrentSpills(SPILL_LIMIT).maxWait(Duration.ofSeconds(60))
            .timeout(Duration.ofSeconds(120)).build(),
        String.class, String.class);

    try {
      // a first round loads and initialises the classes of the path: a virtual thread that waits
      // for another thread's class initialisation, or loads a class, is pinned once (a JVM
      // limit, not a property of the call path)
      SpillwayMetrics m = echo.metrics();
      assertNothingLost(drive(echo, callerThreads), 0, 0, m);
      long localBefore = m.calls(Route.LOCAL, Outcome.SUCCESS);
      long spilledBefore = m.calls(Route.FUNCTION, Outcome.SUCCESS);
      int refusedBefore = refused.get();

      List<RecordedEvent> pinned;
      try (Recording recording = new Recording()) {
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        assertNothingLost(drive(echo, callerThreads), localBefore, spilledBefore, m);
        recording.stop();
        Path file = dir.resolve("pinned.jfr");
        recording.dump(file);
        pinned = RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
            .collect(Collectors.toList());
      }
      assertThat(callerThreads).as("the callers ran on virtual threads")
          .hasSize(2 * CALLERS).allSatisfy(t -> assertThat(t).startsWith("VirtualThread["));
      assertThat(refused.get() - refusedBefore)
          .as("calls found the spill budget full and waited for a permit").isPositive();
      assertThat(pinned).as("virtual threads pinned while blocking:%n%s", describe(pinned))
          .isEmpty();
    } finally {
      registry.close();
      if (server != null) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
      }
    }
  }

  /** CALLERS virtual threads call at once; each returns its reply or its rejection. */
  private static List<Object> drive(Spillway<String, String> echo, Set<String> callerThreads)
      throws Exception {
    ExecutorService virtualThreads = (ExecutorService) Executors.class
        .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      List<Future<Object>> calls = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        String request = Integer.toString(i);
        calls.add(virtualThreads.submit(() -> {
          callerThreads.add(Thread.currentThread().toString());
          try {
            return echo.call(request, s -> "vm:" + slow(s));
          } catch (SpillRejectedException e) {
            return e;
          }
        }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> call : calls) {
        outcomes.add(call.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      virtualThreads.shutdownNow();
    }
  }

  private static void assertNothingLost(List<Object> outcomes, long localBefore,
      long spilledBefore, SpillwayMetrics m) {
    for (int i = 0; i < CALLERS; i++) {
      assertThat(outcomes.get(i)).as("call %d ends in its own reply", i)
          .isIn("vm:" + i, "twin:" + i);
    }
    long local = m.calls(Route.LOCAL, Outcome.SUCCESS) - localBefore;
    long spilled = m.calls(Route.FUNCTION, Outcome.SUCCESS) - spilledBefore;
    assertThat(local + spilled).as("every call counted once").isEqualTo(CALLERS);
    assertThat(spilled).as("calls over the local limit spilled").isPositive();
    assertThat(m.inflightLocal() + m.inflightSpills() + m.waiting()).isZero();
  }

  private static String slow(String s) {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return s;
  }

  private static String describe(List<RecordedEvent> events) {
    return events.stream().map(e -> e.getStackTrace() == null ? "(no stack)"
            : e.getStackTrace().getFrames().stream().limit(12)
                .map(f -> "  at " + f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n---\n"));
  }
}
