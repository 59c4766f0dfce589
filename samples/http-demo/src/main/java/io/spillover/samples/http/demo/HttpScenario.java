package io.spillover.samples.http.demo;

import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.local.load.OpenLoopDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code ./spillover demo --scenario http}: the logic service and the front end as separate JVMs
 * (and the local platform for the twin), a spike of the Azure trace replayed open-loop against the
 * front end in three setups, and {@code summary.json} in the spike lab's schema.
 *
 * <p>Arguments: {@code [outDir] [seconds] [meanRps]} (defaults: target/http-demo, 30, 30). The
 * front end reaches the twin only through the starter and its {@code spillover} profile.
 */
public final class HttpScenario {
  // a VM of 2 vCPUs per 2 logic workers, at an on-demand list price per hour
  static final double VM_PER_HOUR = 0.0832;
  // calls one twin instance (and the platform) takes at once: a spike's excess fits one warm
  // instance, as with Lambda's provisioned concurrency or Cloud Run's per-instance concurrency
  static final int TWIN_WIDTH = 32;
  private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();

  private HttpScenario() {}

  public static void main(String[] args) throws Exception {
    Path root = root();
    Path out = Path.of(args.length > 0 ? args[0] : "target/http-demo").toAbsolutePath();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    double meanRps = args.length > 2 ? Double.parseDouble(args[2]) : 30;
    Files.createDirectories(out);
    Runtime.getRuntime().addShutdownHook(new Thread(HttpScenario::stopAll)); // Ctrl-C too
    long[] offsets = TraceSpike.offsets(root.resolve(
        "data/traces/azure_llm_2023_code_per_second.csv"), seconds, meanRps);
    Map<String, Map<String, Object>> setups = new LinkedHashMap<>();
    for (String setup : List.of("vm_only", "overprovisioned", "spillover")) {
      System.out.println("setup " + setup + ": " + offsets.length + " requests in " + seconds
          + " s");
      setups.put(setup, run(root, out, setup, offsets, seconds));
    }
    Files.writeString(out.resolve("summary.json"), Json.summary(setups));
    Plots.latency(setups, out);
    System.out.println("wrote " + out.resolve("summary.json") + " and latency.png");
  }

  /** The repository: this class runs from samples/http-demo/target/classes. */
  private static Path root() throws Exception {
    String given = System.getProperty("spillover.root");
    return given != null ? Path.of(given).toAbsolutePath() : Path.of(HttpScenario.class
        .getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("../../../..")
        .normalize();
  }

  private static Map<String, Object> run(Path root, Path out, String setup, long[] offsets,
      int seconds) throws Exception {
    Path apps = root.resolve("samples/http-services");
    int workers = setup.equals("overprovisioned") ? 8 : 2;
    int logicPort = freePort();
    int frontPort = freePort();
    LocalPlatform platform = null;
    List<String> frontArgs = new ArrayList<>(List.of("--server.port=" + frontPort,
        "--front.logic-url=http://127.0.0.1:" + logicPort));
    try {
      start(apps, "http-logic", "com.example.logic.LogicApplication", out.resolve(setup
          + "-logic.log"), "--server.port=" + logicPort, "--logic.workers=" + workers);
      if (setup.equals("spillover")) {
        platform = LocalPlatform.builder().workDir(out.resolve("platform"))
            .maxConcurrency(TWIN_WIDTH)
            .functions(FunctionSpec.app("logic", "com.example.logic.LogicApplication")
                .classpath(classpath(apps.resolve("http-logic"))).memoryMb(512)
                .concurrency(TWIN_WIDTH).jvmOption("-Dlogic.workers=" + TWIN_WIDTH)
                .jvmOption("-Dlogic.queue=" + TWIN_WIDTH).build())
            .build().start();
        frontArgs.add("--spring.profiles.active=spillover");
        frontArgs.add("--spillover.twin-url=" + platform.endpoint() + "/http/logic");
      }
      start(apps, "http-front", "com.example.front.FrontApplication", out.resolve(setup
          + "-front.log"), frontArgs.toArray(new String[0]));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + frontPort + "/api/items/";
      awaitReady(http, base + "warm");
      if (platform != null) {
        // one warm twin instance, as a deployment keeps one (provisioned concurrency, min scale)
        awaitReady(http, platform.endpoint() + "/http/logic/work?key=warm");
      }
      OpenLoopDriver driver = new OpenLoopDriver(t -> t instanceof Rejected
          || t.getCause() instanceof Rejected);
      driver.run(offsets, i -> http.sendAsync(HttpRequest.newBuilder(URI.create(base + i))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpScenario::check), Duration.ofSeconds(35));
      long spilled = platform == null ? 0 : platform.stats().invocations();
      double fnCost = platform == null ? 0 : platform.stats().costUsd() * 3600.0 / seconds;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("requests", driver.sent());
      r.put("spilled", spilled);
      r.put("rejected", driver.rejected());
      r.put("errors", driver.errors());
      r.put("lost", driver.lost());
      r.put("p50_ms", driver.percentileMillis(50));
      r.put("p99_ms", driver.percentileMillis(99));
      r.put("cost_per_hour_usd", workers / 2.0 * VM_PER_HOUR + fnCost);
      System.out.println("  " + r);
      return r;
    } finally {
      stopAll();
      if (platform != null) {
        platform.close();
      }
    }
  }

  /**
   * A loopback port free now: the applications take it a moment later. Another process could take
   * it in between; then an application fails to start and the run says so, where fixed ports
   * would fail on every machine that already uses them.
   */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Object check(HttpResponse<Void> r) {
    if (r.statusCode() == 503 || r.statusCode() == 429) {
      throw new Rejected(r.statusCode());
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status " + r.statusCode());
    }
    return r;
  }

  private static List<Path> classpath(Path module) throws IOException {
    List<Path> cp = new ArrayList<>(List.of(module.resolve("target/classes")));
    for (String e : Files.readString(module.resolve("target/app.classpath")).trim()
        .split(java.io.File.pathSeparator)) {
      cp.add(Path.of(e));
    }
    return cp;
  }

  private static void start(Path apps, String module, String main, Path log, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command()
        .orElse("java"), "-cp", String.join(java.io.File.pathSeparator,
        classpath(apps.resolve(module)).stream().map(Path::toString).toList()), main));
    cmd.addAll(List.of(args));
    PROCESSES.add(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start());
  }

  private static void awaitReady(HttpClient http, String url) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() - until < 0) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no 200 from " + url + " within 120 s");
  }

  private static void stopAll() {
    for (Process p : PROCESSES) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    PROCESSES.clear();
  }

  /** The logic service (or its twin) said it is full. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(int status) {
      super("status " + status, null, false, false);
    }
  }

  static String format(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }
}
