package io.spillover.samples.social.lab;

import io.spillover.SpillRejectedException;
import io.spillover.SpillwayListener;
import io.spillover.samples.social.Operation;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.frontend.FrontendHttpServer;
import io.spillover.samples.social.frontend.SocialFrontend;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.http.HttpStorage;
import io.spillover.samples.social.vm.SocialVmApplication;
import io.spillover.samples.social.vm.VmCapacity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One VM of the spike lab's fleet mode ({@code ./spillover demo --vm-processes N}), as its own
 * JVM: {@link SocialVmApplication} on the Spillover starter over the coordinator's storage tier
 * (HTTP), behind the wrk2 front end on a loopback ephemeral port. The coordinator starts it with
 * {@code key=value} arguments ({@link FleetVms} writes them); it prints {@value #READY} and its
 * port, then {@value #COUNTS} and a JSON object of its counts four times a second, and stops,
 * after a last count, when its standard input ends (the coordinator closed it, or died).
 */
public final class FleetVm {
  static final String READY = "fleet-vm ready ";
  static final String COUNTS = "fleet-vm counts ";
  private static final long REPORT_MILLIS = 250;

  private FleetVm() {}

  /** Runs one VM until its standard input ends; exits 1 with the reason on standard error. */
  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // Spring Boot's handler would hide a failure it logged, and its log goes nowhere here
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        true, StandardCharsets.UTF_8);
    Map<String, String> a = parse(args);
    String id = required(a, "id");
    OkHttpClient http = storageClient();
    Storage storage = HttpStorage.connect(URI.create(required(a, "storage")), http);
    Map<String, Object> p = VmSide.properties(Double.parseDouble(required(a, "slo-ms")),
        Double.parseDouble(required(a, "compression")), a.get("platform"),
        Integer.parseInt(required(a, "function-concurrency")));
    if (a.containsKey("zookeeper")) {
      p.put("spillover.fleet.zookeeper.connect-string", a.get("zookeeper"));
      p.put("spillover.fleet.zookeeper.member", id);
      p.put("spillover.fleet.zookeeper.root", required(a, "fleet-root"));
      p.put("spillover.fleet.zookeeper.expected-members", required(a, "fleet-size"));
      p.put("spillover.fleet.zookeeper.session-timeout", "6s");
    }
    if (a.containsKey("fleet-spend-cap-usd")) {
      p.put(VmSide.CONFIG_PREFIX + "fleet-spend-cap-per-hour", a.get("fleet-spend-cap-usd"));
    }
    if (a.containsKey("fleet-max-concurrent-spills")) {
      p.put(VmSide.CONFIG_PREFIX + "fleet-max-concurrent-spills",
          a.get("fleet-max-concurrent-spills"));
      p.put("spillover.fleet.zookeeper.lease-block", a.getOrDefault("lease-block", "1"));
    }
    Map<String, VmCapacity> pools = new LinkedHashMap<>();
    Capacity.workersFor(Integer.parseInt(a.getOrDefault("workers", "1")))
        .forEach((s, w) -> pools.put(s, new VmCapacity(w)));
    FleetVmCounts counts = new FleetVmCounts(id);
    SpillwayListener listener = new SpillwayListener() {
      @Override
      public void onSpillRefused(String spillway, SpillRejectedException.Reason reason) {
        if (reason == SpillRejectedException.Reason.CIRCUIT_OPEN) {
          counts.breakerOpened(spillway);
        }
      }
    };
    try (VmSide vm = VmSide.start(p, storage, new SocialVmApplication.VmPools(pools), listener);
        FrontendHttpServer front = FrontendHttpServer.start(
            new SocialFrontend(counted(vm.network(), counts), storage.media()), 0, 256)) {
      pools.keySet().forEach(s -> counts.watch(s, vm.registry().find(s).orElseThrow()));
      out.println(READY + front.baseUri().getPort());
      Thread reporter = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          out.println(COUNTS + counts.json());
          try {
            Thread.sleep(REPORT_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "fleet-vm-reporter");
      reporter.setDaemon(true);
      reporter.start();
      awaitEndOfInput();
      reporter.interrupt();
      reporter.join();
      out.println(COUNTS + counts.json());
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** The front end's calls, counted as served or rejected (the rest are the front end's errors). */
  private static ServiceClient counted(SocialNetwork network, FleetVmCounts counts) {
    return new ServiceClient() {
      @Override
      public <Q, R> R call(Operation<Q, R> operation, Q request) {
        try {
          R r = network.call(operation, request);
          counts.served();
          return r;
        } catch (RuntimeException e) {
          for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SpillRejectedException) {
              counts.rejected(); // the front end answers it 503
              break;
            }
          }
          throw e;
        }
      }
    };
  }

  private static void awaitEndOfInput() throws java.io.IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals("stop")) {
        return;
      }
    }
  }

  private static OkHttpClient storageClient() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    return new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 1, java.util.concurrent.TimeUnit.MINUTES))
        .callTimeout(Duration.ofSeconds(30)).build();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("fleet VM arguments are key=value, was " + arg);
      }
      m.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return m;
  }

  private static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("fleet VM argument " + key + " is missing");
    }
    return v;
  }
}
