package io.spillover.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.codec.Codec;
import io.spillover.codec.JacksonCodec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.Invocation;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code FunctionInvoker.invoke} must not block its caller ({@code callAsync}'s thread): both
 * transports run the exchange on the HTTP client's threads. Before, both ran it on the caller's.
 */
class TwinInvokerThreadTest {
  private final Codec codec = JacksonCodec.of(JsonMapper.builder().build());
  private final AtomicReference<Thread> exchangeThread = new AtomicReference<>();
  private final OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
    exchangeThread.set(Thread.currentThread());
    return chain.proceed(chain.request());
  }).build();
  private final HttpServer server;

  TwinInvokerThreadTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] body = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes();
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.dispatcher().executorService().shutdown();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private Invocation invocation() {
    HttpCall call = new HttpCall("GET", "/items/1", "", Map.of("Accept", List.of("*/*")),
        new byte[0]);
    long deadline = System.currentTimeMillis() + 10_000;
    byte[] payload = EnvelopeFormat.encodeRequest(new RequestEnvelope("id-1", "logic", deadline,
        null, false, codec.encode(call), null, null), true);
    return new Invocation("id-1", "logic", payload, deadline, false);
  }

  private void assertOffTheCallersThread(FunctionInvoker invoker) throws Exception {
    byte[] reply = invoker.invoke(invocation()).get(10, TimeUnit.SECONDS);
    assertThat(reply).isNotEmpty();
    assertThat(exchangeThread.get()).isNotNull().isNotSameAs(Thread.currentThread());
  }

  @Test
  void theHttpTransportSendsOnTheClientsThreads() throws Exception {
    assertOffTheCallersThread(new TwinHttpInvoker(client, url(), SpilloverClock.system(), codec));
  }

  @Test
  void theLambdaTransportSendsOnTheClientsThreads() throws Exception {
    assertOffTheCallersThread(
        new TwinLambdaInvoker(client, url(), "logic", SpilloverClock.system(), codec));
  }
}
