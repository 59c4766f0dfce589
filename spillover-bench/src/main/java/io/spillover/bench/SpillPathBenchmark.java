package io.spillover.bench;

import io.spillover.bench.support.EnvelopeTemplate;
import io.spillover.bench.support.LoopbackFunctionHost;
import io.spillover.bench.support.Post;
import io.spillover.bench.support.SpillingSpillway;
import io.spillover.codec.Codec;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.function.FunctionApp;
import io.spillover.http.HttpFunctionProvider;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Spill-path throughput: calls that find the local limit taken (one permit, held by a parked call
 * for the whole run) and spill over HTTP to a function host on loopback, against raw OkHttp POSTs
 * of an equivalent envelope (fresh id, same 1 KB body) to the same host. Client and host share the
 * machine, so every microsecond the client spends is one the host does not get.
 *
 * <p>The provider is the core's {@link HttpFunctionProvider} on the same OkHttp client as the raw
 * peers. {@link #spillover} is a blocking {@code call} (the exchange runs on the caller's thread);
 * {@link #spilloverAsync} is {@code callAsync}, awaited (the exchange runs on OkHttp's dispatcher),
 * to be read against {@link #rawOkHttpAsync}, the raw POST made the same asynchronous way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
// the HTTP stacks of both sides need about 40 s to reach a plateau on a shared 2-core machine
@Warmup(iterations = 25, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
public class SpillPathBenchmark {
  static final String SERVICE = "compose-post";
  static final MediaType JSON = MediaType.get("application/json");
  static final Function<Post, Post> MUST_NOT_RUN_LOCALLY = p -> {
    throw new IllegalStateException("the benchmark call ran locally: the held permit was lost");
  };

  LoopbackFunctionHost host;
  OkHttpClient client;
  SpillingSpillway spilling;
  final AtomicLong sequence = new AtomicLong();
  Codec codec;
  Post post;
  EnvelopeTemplate template;
  String url;

  @Setup
  public void setUp() throws Exception {
    codec = Codec.json();
    // ids are remembered until their deadline (1 s ahead): room for far more than 1 s of calls
    FunctionApp app = FunctionApp.builder().codec(codec).replayCacheSize(500_000)
        .handle(SERVICE, Post.class, Post.class, p -> p).build();
    host = LoopbackFunctionHost.start(app, 4);
    url = host.url();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    client = new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES)).build();
    spilling = new SpillingSpillway(HttpFunctionProvider.builder().okHttpClient(client).build(),
        url, SERVICE, codec);
    post = Post.ofSize(1024);
    template = new EnvelopeTemplate(SERVICE, codec.encode(post));
  }

  @TearDown
  public void tearDown(BenchmarkParams params) throws InterruptedException {
    String benchmark = params.getBenchmark();
    long spilled = spilling.spilled();
    spilling.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    host.close();
    if (benchmark.substring(benchmark.lastIndexOf('.') + 1).startsWith("spillover")
        && spilled == 0) {
      throw new IllegalStateException(benchmark + " spilled no call");
    }
  }

  /** A blocking call through the spillway that spills: encode, POST, decode the reply. */
  @Benchmark
  public Post spillover() {
    return spilling.spillway().call(post, MUST_NOT_RUN_LOCALLY);
  }

  /** The same spill through {@code callAsync}, awaited: the exchange runs on OkHttp's threads. */
  @Benchmark
  public Post spilloverAsync() {
    return spilling.spillway().callAsync(post,
        p -> CompletableFuture.failedFuture(new IllegalStateException("ran locally")))
        .toCompletableFuture().join();
  }

  /** The transport floor: a blocking OkHttp POST of a ready envelope, reply read as bytes. */
  @Benchmark
  public byte[] rawOkHttp() throws IOException {
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(template.next(System.currentTimeMillis() + 1000), JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return response.body().bytes();
    }
  }

  /**
   * What a hand-written client of the same function would do: Jackson-encode the DTO into an
   * envelope, POST it blocking, decode the reply envelope and its DTO. The spill path's own
   * overhead is its distance to this.
   */
  @Benchmark
  public Post rawOkHttpWithCodec() throws IOException {
    String id = "raw-" + sequence.incrementAndGet();
    byte[] envelope = EnvelopeFormat.encodeRequest(new RequestEnvelope(id, SERVICE,
        System.currentTimeMillis() + 1000, null, false, codec.encode(post), null, null), true);
    Request request = new Request.Builder().url(url).post(RequestBody.create(envelope, JSON))
        .build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      ResponseEnvelope reply = EnvelopeFormat.decodeResponse(response.body().bytes());
      if (!reply.ok) {
        throw new IOException(reply.errorType + ": " + reply.errorMessage);
      }
      return codec.decode(reply.body, Post.class);
    }
  }

  /**
   * The same POST, enqueued and awaited as an asynchronous provider must do it: the difference to
   * {@link #rawOkHttp} is OkHttp's dispatcher hand-off, not Spillover's.
   */
  @Benchmark
  public byte[] rawOkHttpAsync() {
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(template.next(System.currentTimeMillis() + 1000), JSON)).build();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (response.code() != 200) {
            throw new IOException("HTTP " + response.code());
          }
          reply.complete(response.body().bytes());
        } catch (IOException e) {
          reply.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        reply.completeExceptionally(e);
      }
    });
    return reply.join();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(SpillPathBenchmark.class.getSimpleName()).build())
        .run();
  }
}
