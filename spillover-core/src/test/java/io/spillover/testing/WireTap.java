package io.spillover.it;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A provider that records every request and reply envelope: what the platform would see. Like
 * the platform, it may also rewrite each reply before the caller gets it.
 */
final class WireTap implements FunctionProvider {
  private final FunctionProvider inner;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> replies = new CopyOnWriteArrayList<>();
  /** Applied to each reply after it was recorded. */
  volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();
  /** Runs when a reply is on its way back (e.g. frees the caller's local permit). */
  volatile Runnable afterReply = () -> {};

  WireTap(FunctionProvider inner) {
    this.inner = inner;
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  List<String> replies() {
    return List.copyOf(replies);
  }

  /** Every envelope seen so far, both ways. */
  List<String> wire() {
    List<String> all = new java.util.ArrayList<>(requests);
    all.addAll(replies);
    return all;
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
        requests.add(new String(invocation.payload(), StandardCharsets.UTF_8));
        return real.invoke(invocation).thenApply(reply -> {
          replies.add(new String(reply, StandardCharsets.UTF_8));
          byte[] out = rewrite.apply(reply);
          afterReply.run();
          return out;
        });
      }

      @Override
      public int maxRequestBytes() {
        return real.maxRequestBytes();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }

  @Override
  public void close() {
    inner.close();
  }
}
