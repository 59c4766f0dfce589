package io.spillover.bench;

import com.sun.net.httpserver.HttpServer;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.bench.support.CannedReplies;
import io.spillover.clients.ClientSpillway;
import io.spillover.clients.RouteRules;
import io.spillover.limit.Limits;
import io.spillover.spring.boot.clients.SpilloverClientHttpRequestInterceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The Spring {@code RestClient} adapter's added cost per local call: a GET to a loopback server
 * answering a constant 200, on a {@code RestClient} over the JDK's HTTP client, bare against with
 * the interceptor the starter adds ({@link SpilloverClientHttpRequestInterceptor}; a fixed limit it
 * never reaches); and the same pair on a request factory that answers without I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class RestClientAdapterBenchmark {
  SpilloverRegistry registry;
  HttpServer server;
  RestClient bare;
  RestClient wrapped;
  RestClient cannedBare;
  RestClient cannedWrapped;
  RestClient cannedPassThrough;
  String url;

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
    ClientSpillway engine = new ClientSpillway(registry, "dest", base,
        SpillwayConfig.custom().limit(Limits.fixed(AdmissionBenchmark.HUGE)).build(),
        RouteRules.defaults());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    RestClient.Builder builder = RestClient.builder()
        .requestFactory(new JdkClientHttpRequestFactory(http));
    bare = builder.build();
    wrapped = builder.clone()
        .requestInterceptor(new SpilloverClientHttpRequestInterceptor(List.of(engine))).build();
    url = base + "/items/1";
    SpilloverClientHttpRequestInterceptor interceptor =
        new SpilloverClientHttpRequestInterceptor(List.of(engine));
    cannedBare = RestClient.builder().requestFactory(CannedReplies.spring()).build();
    cannedWrapped = RestClient.builder().requestFactory(CannedReplies.spring())
        .requestInterceptor(interceptor).build();
    cannedPassThrough = RestClient.builder().requestFactory(CannedReplies.spring())
        .requestInterceptor((request, body, execution) -> execution.execute(request, body)).build();
  }

  @TearDown
  public void tearDown() {
    server.stop(0);
    registry.close();
  }

  @Benchmark
  public int restClientBare() {
    return bare.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
  }

  /** The same GET on a request factory that answers 200 without I/O: the client alone. */
  @Benchmark
  public int restClientCannedBare() {
    return cannedBare.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
  }

  @Benchmark
  public int restClientCannedWrapped() {
    return cannedWrapped.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
  }

  /** Any interceptor at all: what Spring's intercepting request costs before ours does anything. */
  @Benchmark
  public int restClientCannedPassThrough() {
    return cannedPassThrough.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
  }

  @Benchmark
  public int restClientWrapped() {
    return wrapped.get().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
  }
}
