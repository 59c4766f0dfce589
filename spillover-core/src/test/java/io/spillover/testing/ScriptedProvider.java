package io.spillover.testing;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A provider whose invocations follow a script: each step answers one invocation (by running a
 * FunctionApp, failing, or staying pending); with the script empty, the app answers. Records
 * every invocation.
 */
public final class ScriptedProvider implements FunctionProvider {
  public final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Function<Invocation, CompletableFuture<byte[]>>> script =
      new ConcurrentLinkedQueue<>();
  private final FunctionApp app;
  private volatile int maxRequestBytes = 6 * 1024 * 1024;

  public ScriptedProvider(FunctionApp app) {
    this.app = app;
  }

  public ScriptedProvider then(Function<Invocation, CompletableFuture<byte[]>> step) {
    script.add(step);
    return this;
  }

  public ScriptedProvider thenFail(RuntimeException e) {
    return then(inv -> CompletableFuture.failedFuture(e));
  }

  public ScriptedProvider maxRequestBytes(int bytes) {
    this.maxRequestBytes = bytes;
    return this;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        invocations.add(invocation);
        Function<Invocation, CompletableFuture<byte[]>> step = script.poll();
        if (step != null) {
          return step.apply(invocation);
        }
        return CompletableFuture.supplyAsync(() -> app.dispatch(invocation.payload()));
      }

      @Override
      public int maxRequestBytes() {
        return maxRequestBytes;
      }
    };
  }
}
