package io.spillover.bench;

import com.sun.net.httpserver.HttpServer;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.ClientSpillway;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.clients.RouteRules;
import io.spillover.clients.SpilloverOkHttpInterceptor;
import io.spillover.bench.support.CannedReplies;
import io.spillover.limit.Limits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The added cost of a wrapped client on the local (not spilled) path, in one run: the shared
 * engine every adapter goes through ({@code ClientSpillway.execute}) against calling the stub
 * destination function bare, and a whole OkHttp call to a loopback server, bare against
 * intercepted (I/O dominates that pair, hence the engine-alone pair and the canned pair, whose
 * chain ends in an interceptor answering 200 without I/O).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class ClientAdapterBenchmark {
  static final HttpResult OK = new HttpResult(200, Map.of(), new byte[0]);
  static final Function<HttpCall, HttpResult> DESTINATION = c -> OK;

  SpilloverRegistry registry;
  ClientSpillway engine;
  HttpCall call;
  Function<HttpCall, HttpResult> destination;
  HttpServer server;
  OkHttpClient bare;
  OkHttpClient wrapped;
  OkHttpClient cannedBare;
  OkHttpClient cannedWrapped;
  Request request;

  @Setup
  public void setUp() throws IOException {
    registry = SpilloverRegistry.builder().tickInterval(Duration.ZERO).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    engine = new ClientSpillway(registry, "dest", base,
        SpillwayConfig.custom().limit(Limits.fixed(AdmissionBenchmark.HUGE)).build(),
        RouteRules.defaults());
    call = new HttpCall("GET", "/items/1", "", Map.of(), new byte[0]);
    destination = DESTINATION;
    bare = new OkHttpClient();
    wrapped = bare.newBuilder()
        .addInterceptor(new SpilloverOkHttpInterceptor(List.of(engine))).build();
    request = new Request.Builder().url(base + "/items/1").build();
    cannedBare = bare.newBuilder().addInterceptor(CannedReplies.okHttp()).build();
    cannedWrapped = bare.newBuilder()
        .addInterceptor(new SpilloverOkHttpInterceptor(List.of(engine)))
        .addInterceptor(CannedReplies.okHttp()).build();
  }

  @TearDown
  public void tearDown() {
    server.stop(0);
    registry.close();
  }

  @Benchmark
  public HttpResult engineBare() {
    return destination.apply(call);
  }

  @Benchmark
  public HttpResult engineWrapped() {
    return engine.execute(call, destination);
  }

  @Benchmark
  public int okHttpBare() throws IOException {
    try (Response r = bare.newCall(request).execute()) {
      return r.code();
    }
  }

  /** A whole OkHttp call whose chain ends in a canned 200: the client without I/O. */
  @Benchmark
  public int okHttpCannedBare() throws IOException {
    try (Response r = cannedBare.newCall(request).execute()) {
      return r.code();
    }
  }

  @Benchmark
  public int okHttpCannedWrapped() throws IOException {
    try (Response r = cannedWrapped.newCall(request).execute()) {
      return r.code();
    }
  }

  @Benchmark
  public int okHttpWrapped() throws IOException {
    try (Response r = wrapped.newCall(request).execute()) {
      return r.code();
    }
  }
}
