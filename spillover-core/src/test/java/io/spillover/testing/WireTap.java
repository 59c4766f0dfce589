package io.spillover.testing;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The platform as a test sees it, or as an attacker would: a provider that records every request
 * and reply envelope, may rewrite each reply before the caller gets it, and can send a captured
 * request again to any target.
 */
public final class WireTap implements FunctionProvider {
  private final FunctionProvider inner;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> replies = new CopyOnWriteArrayList<>();
  private final List<byte[]> sent = new CopyOnWriteArrayList<>();
  private volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();
  private volatile Runnable afterReply = () -> {};

  public WireTap(FunctionProvider inner) {
    this.inner = inner;
  }

  /** Each request envelope as text, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Each reply envelope as text, as it came from the platform (before any rewrite). */
  public List<String> replies() {
    return List.copyOf(replies);
  }

  /** Each request envelope's bytes, in order. */
  public List<byte[]> sent() {
    return List.copyOf(sent);
  }

  /** Every envelope seen so far, both ways. */
  public List<String> wire() {
    List<String> all = new ArrayList<>(requests);
    all.addAll(replies);
    return all;
  }

  /** Applied to each reply after it was recorded. */
  public void rewrite(UnaryOperator<byte[]> rewrite) {
    this.rewrite = rewrite;
  }

  /** Runs once a reply is on its way back (e.g. frees the caller's local permit). */
  public void afterReply(Runnable afterReply) {
    this.afterReply = afterReply;
  }

  /** Sends {@code payload} to {@code target} as the platform would, outside any spillway. */
  public byte[] replay(String target, Invocation original, byte[] payload) {
    return inner.invoker(FunctionRef.of(inner.name(), target)).invoke(new Invocation(
        original.requestId(), original.service(), payload, original.deadlineEpochMillis(),
        false)).join();
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
        sent.add(invocation.payload());
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
