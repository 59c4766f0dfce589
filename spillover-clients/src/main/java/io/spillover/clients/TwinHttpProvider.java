package io.spillover.clients;

import io.spillover.clients.internal.TwinHttpInvoker;
import io.spillover.SpilloverClock;
import io.spillover.codec.JacksonCodec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.http.spi.OkHttpClients;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider {@code "twin-http"}: a {@link FunctionRef} target is the twin's base URL, e.g.
 * {@code http://127.0.0.1:9000/http/logic}; spilled calls go there as the same HTTP request.
 */
public final class TwinHttpProvider implements FunctionProvider {
  /** The provider name a {@link FunctionRef} uses. */
  public static final String NAME = "twin-http";
  private final OkHttpClient client = OkHttpClients.withoutRetries(OkHttpClients.createDefault(NAME));
  private final SpilloverClock clock;

  /** A provider on the system clock. */
  public TwinHttpProvider() {
    this(SpilloverClock.system());
  }

  /** A provider that reads deadlines on {@code clock} (the registry's clock). */
  public TwinHttpProvider(SpilloverClock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    return new TwinHttpInvoker(client, ref.target(), clock, JacksonCodec.of(JsonMapper.builder().build()));
  }

  @Override
  public void close() {
    OkHttpClients.close(client);
  }
}
