package io.spillover.samples.social.lab;

import io.spillover.Pricing;
import io.spillover.function.FunctionRef;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.frontend.SocialFrontend;
import io.spillover.samples.social.graph.SocialGraph;
import io.spillover.samples.social.graph.SocialGraphLoader;
import io.spillover.samples.social.storage.InMemoryStorage;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.http.StorageHttpServer;
import io.spillover.samples.social.twin.SocialTwin;
import io.spillover.samples.social.twin.SocialTwinHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What every setup shares: the storage tier (in memory, served over HTTP to the twins), the
 * social graph loaded into it, the local function platform with the Lambda twin, and the prices.
 */
final class LabEnvironment implements AutoCloseable {
  static final String TWIN = "social-twin";
  static final int LAMBDA_MEMORY_MB = 256;
  private final LabOptions options;
  private final Storage storage;
  private final StorageHttpServer storageServer;
  private final Workload workload;
  private final int users;
  private final double compression;
  private LocalPlatform platform;
  private OkHttpClient http;
  private double prewarmBilledUsd;

  /** @param compression trace seconds per second of the runs (scales the advice's clock) */
  LabEnvironment(LabOptions options, double compression) {
    this.options = options;
    this.compression = compression;
    this.storage = InMemoryStorage.create();
    SocialNetwork loader = SocialNetwork.builder().storage(storage).machineId(1).build();
    SocialFrontend frontend = new SocialFrontend(loader, storage.media());
    SocialGraph graph = SocialGraph.read(options.datasets(), options.graph());
    new SocialGraphLoader(frontend).load(graph);
    this.users = graph.nodes();
    this.workload = new Workload(users);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < options.seedPosts(); i++) {
      loader.call(io.spillover.samples.social.Operations.COMPOSE_POST,
          workload.compose(r, 1_000_000 + i, r.nextInt(users)));
    }
    this.storageServer = StorageHttpServer.start(storage, 0, 16);
  }

  int users() {
    return users;
  }

  Workload workload() {
    return workload;
  }

  /** Starts the local platform with the twin, and warms {@code instances} of it. */
  synchronized void startPlatform() {
    if (platform != null) {
      return;
    }
    platform = LocalPlatform.builder()
        .functions(FunctionSpec.lambda(TWIN, SocialTwinHandler.class.getName())
            .memoryMb(LAMBDA_MEMORY_MB)
            .environment(SocialTwin.STORAGE_URL_ENV, storageServer.baseUri().toString())
            .build())
        .maxConcurrency(options.functionConcurrency())
        .perFunctionConcurrency(options.functionConcurrency())
        .idleTimeout(Duration.ofMinutes(30))
        .build().start();
    double before = platform.stats().costUsd();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    http = new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
        .readTimeout(Duration.ofMinutes(2)).callTimeout(Duration.ofMinutes(2)).build();
    warm();
    prewarmBilledUsd = platform.stats().costUsd() - before;
  }

  /**
   * Starts every instance the platform may run, all at once (a cold start is a JVM start; on two
   * cores a dozen of them take a while), so the measured runs see warm twins, as Spillover's
   * pre-warming would keep them. Any payload starts an instance; the app answers an error envelope.
   */
  private void warm() {
    String url = platform.endpoint() + "/2015-03-31/functions/" + TWIN + "/invocations";
    int n = options.functionConcurrency();
    ExecutorService callers = Executors.newFixedThreadPool(n);
    try {
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          Request req = new Request.Builder().url(url)
              .post(RequestBody.create(new byte[] {'{', '}'})).build();
          try (Response r = http.newCall(req).execute()) {
            return r.code();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, callers));
      }
      calls.forEach(CompletableFuture::join);
    } finally {
      callers.shutdown();
    }
  }


  /** The local platform's endpoint (after {@link #startPlatform()}). */
  synchronized String platformEndpoint() {
    if (platform == null) {
      throw new IllegalStateException("the local platform is not started");
    }
    return platform.endpoint().toString();
  }

  Storage storage() {
    return storage;
  }

  /** Where the storage tier is served over HTTP (the twins' and the fleet VMs' storage). */
  java.net.URI storageUri() {
    return storageServer.baseUri();
  }

  FunctionRef twin() {
    return FunctionRef.of("lambda", TWIN);
  }

  /**
   * The function platform's billed cost, invocations and cold starts so far, once the calls in
   * flight have ended (a run's last spills are billed when they end, and belong to that run).
   */
  synchronized FunctionBill.Snapshot functionSnapshot() {
    if (platform == null) {
      return new FunctionBill.Snapshot(0, 0, 0);
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (platform.stats().inFlight() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    var s = platform.stats();
    return new FunctionBill.Snapshot(s.costUsd(), s.invocations(), s.coldStarts());
  }

  /**
   * What starting the twin instances before the runs was billed here (their cold starts
   * included). Ten worker JVMs starting at once on two shared cores take far longer to init
   * than a Lambda instance does, so this overstates the cost on Lambda; see {@link #prewarmUsd}.
   */
  synchronized double prewarmBilledUsd() {
    return prewarmBilledUsd;
  }

  /**
   * Pre-warming the twin as Lambda would bill it: one cold start (the SDK's modelled init) and
   * one short invocation per instance kept warm.
   */
  double prewarmUsd() {
    Pricing lambda = Pricing.awsLambda(LAMBDA_MEMORY_MB);
    return options.functionConcurrency() * (lambda.priceOfInit() + lambda.priceOf(1));
  }

  double compression() {
    return compression;
  }

  String platformReport() {
    return platform == null ? "" : platform.stats().costReport();
  }

  long coldStarts() {
    return platform == null ? 0 : platform.stats().coldStarts();
  }

  int functionConcurrency() {
    return options.functionConcurrency();
  }

  double sloMs() {
    return options.sloMs();
  }

  int drainSeconds() {
    return 12;
  }

  double vmPricePerHour() {
    return options.vmPricePerHour();
  }


  @Override
  public void close() {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      storageServer.close();
      if (http != null) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    }
  }
}
