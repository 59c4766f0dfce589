package io.spillover.clients;

import io.spillover.SpilloverClock;
import io.spillover.clients.internal.TwinLambdaInvoker;
import io.spillover.codec.JacksonCodec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.http.spi.OkHttpClients;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider {@code "twin-lambda"}: a {@link FunctionRef} target is {@code <function>@<endpoint>},
 * e.g. {@code logic@http://127.0.0.1:9000}; spilled calls go to that Invoke API as payload format
 * 2.0 events (unsigned: a local platform, or a proxy that signs).
 */
public final class TwinLambdaProvider implements FunctionProvider {
  /** The provider name a {@link FunctionRef} uses. */
  public static final String NAME = "twin-lambda";
  private final OkHttpClient client = OkHttpClients.withoutRetries(OkHttpClients.createDefault(NAME));
  private final SpilloverClock clock;

  /** A provider on the system clock. */
  public TwinLambdaProvider() {
    this(SpilloverClock.system());
  }

  /** A provider that reads deadlines on {@code clock} (the registry's clock). */
  public TwinLambdaProvider(SpilloverClock clock) {
    this.clock = clock;
  }

  /** The target of function {@code name} behind the Invoke API at {@code endpoint}. */
  public static FunctionRef ref(String name, String endpoint) {
    return FunctionRef.of(NAME, name + "@" + endpoint);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    int at = ref.target().indexOf('@');
    if (at <= 0) {
      throw new IllegalArgumentException("a twin-lambda target is <function>@<endpoint>, was "
          + ref.target());
    }
    return new TwinLambdaInvoker(client, ref.target().substring(at + 1),
        ref.target().substring(0, at), clock, JacksonCodec.of(JsonMapper.builder().build()));
  }

  @Override
  public void close() {
    OkHttpClients.close(client);
  }
}
