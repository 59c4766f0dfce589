package io.spillover.spring.boot;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Test fixtures: a function twin that echoes, and a provider that counts closes. */
final class Twins {
  private Twins() {}

  /** The refused property in a startup failure's causes, else its root cause. */
  static Throwable startupProblem(Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SpilloverPropertyException) {
        return t;
      }
      root = t;
    }
    return root;
  }

  /** The twin of the "echo" service: it tags its reply so a test can tell where a call ran. */
  static FunctionApp echoApp() {
    return FunctionApp.builder().handle("echo", String.class, String.class, s -> "twin:" + s)
        .build();
  }

  /** An in-process provider bean named "twins" serving target "echo". */
  @Configuration(proxyBeanMethods = false)
  static class EchoProviderBean {
    @Bean
    InProcessProvider twins() {
      return InProcessProvider.named("twins").deploy("echo", echoApp());
    }
  }

  /** A provider that counts how often it is closed. */
  static final class CountingProvider implements FunctionProvider {
    final String name;
    final AtomicInteger closed = new AtomicInteger();

    CountingProvider(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FunctionInvoker invoker(FunctionRef ref) {
      throw new UnsupportedOperationException("not invoked in these tests");
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }
}
