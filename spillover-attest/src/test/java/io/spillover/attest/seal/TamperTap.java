package io.spillover.attest.seal;

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
 * The platform as an attacker: records every envelope both ways, may rewrite each reply before
 * the caller sees it, and can send a captured request again to any target.
 */
final class TamperTap implements FunctionProvider {
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> replies = new CopyOnWriteArrayList<>();
  final List<byte[]> sent = new CopyOnWriteArrayList<>();
  volatile UnaryOperator<byte[]> rewrite = UnaryOperator.identity();
  /** Runs once a reply is on its way back (e.g. frees the caller's local permit). */
  volatile Runnable afterReply = () -> {};
  private final FunctionProvider inner;

  TamperTap(FunctionProvider inner) {
    this.inner = inner;
  }

  /** Sends {@code payload} to {@code target} as the platform would, outside any spillway. */
  byte[] replay(String target, Invocation original, byte[] payload) {
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
    };
  }

  /** Every envelope seen, both ways. */
  List<String> wire() {
    List<String> all = new CopyOnWriteArrayList<>(requests);
    all.addAll(replies);
    return all;
  }
}
