package io.spillover.samples.inference;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider that records every request and reply envelope it carries: what the FaaS platform and
 * the network between would see.
 */
public final class WireTap implements FunctionProvider {
  private final FunctionProvider inner;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  public WireTap(FunctionProvider inner) {
    this.inner = inner;
  }

  /** Every envelope so far, requests and replies, as text. */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    FunctionInvoker real = inner.invoker(ref);
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        seen.add(new String(invocation.payload(), StandardCharsets.UTF_8));
        return real.invoke(invocation).thenApply(reply -> {
          seen.add(new String(reply, StandardCharsets.UTF_8));
          return reply;
        });
      }

      @Override
      public int maxRequestBytes() {
        return real.maxRequestBytes();
      }
    };
  }

  @Override
  public void close() {
    inner.close();
  }
}
