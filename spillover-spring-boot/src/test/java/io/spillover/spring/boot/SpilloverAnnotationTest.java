package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.Outcome;
import io.spillover.Priority;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SpilloverAnnotationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withPropertyValues("spillover.tick-interval=0s");

  static class EchoService {
    @Spillover("echo")
    public String echo(String s) {
      return "local:" + s;
    }

    @Spillover(value = "length", priority = Priority.BATCH)
    public int length(String s) {
      return s.length();
    }

    @Spillover("read")
    public String read(String path) throws IOException {
      throw new IOException("no such file: " + path);
    }

    @Spillover("later")
    public CompletionStage<String> later(String s) {
      return CompletableFuture.completedFuture("later:" + s);
    }

    public String plain(String s) {
      return s;
    }
  }

  static class TwoArguments {
    @Spillover("sum")
    public Integer sum(Integer a, Integer b) {
      return a + b;
    }
  }

  static class NoReply {
    @Spillover("log")
    public void log(String line) {}
  }

  static class TypeVariableReply {
    @Spillover("any")
    public <T> T any(String s) {
      return null;
    }
  }

  static class OtherEcho {
    @Spillover("echo")
    public Integer echo(Integer i) {
      return i;
    }
  }

  @Test
  void callsGoThroughTheSpillway() {
    runner.withBean(EchoService.class).run(context -> {
      EchoService service = context.getBean(EchoService.class);
      assertThat(AopUtils.isAopProxy(service)).isTrue();
      assertThat(service.echo("a")).isEqualTo("local:a");
      assertThat(service.length("abc")).isEqualTo(3);
      assertThat(service.later("b").toCompletableFuture().join()).isEqualTo("later:b");
      assertThat(service.plain("p")).isEqualTo("p");
      SpilloverRegistry registry = context.getBean(SpilloverRegistry.class);
      Spillway<?, ?> echo = registry.find("echo").orElseThrow();
      assertThat(echo.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1);
      assertThat(registry.find("length").orElseThrow().metrics()
          .calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1);
      assertThat(registry.find("later").orElseThrow().metrics()
          .calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1);
      assertThat(registry.find("plain")).isEmpty();
    });
  }

  @Test
  void createsTheSpillwaysAtStartupWithTheMethodsTypes() {
    runner.withBean(EchoService.class).run(context -> {
      Spillways spillways = context.getBean(Spillways.class);
      assertThat(context.getBean(SpilloverRegistry.class).all()).hasSize(4);
      // asking with the method's types returns the existing spillway; the boxed int too
      assertThat(spillways.spillway("length", String.class, Integer.class)).isSameAs(
          context.getBean(SpilloverRegistry.class).find("length").orElseThrow());
    });
  }

  @Test
  void passesCheckedExceptionsThroughUnchanged() {
    runner.withBean(EchoService.class).run(context -> {
      EchoService service = context.getBean(EchoService.class);
      assertThatThrownBy(() -> service.read("/x")).isInstanceOf(IOException.class)
          .hasMessage("no such file: /x");
      assertThat(context.getBean(SpilloverRegistry.class).find("read").orElseThrow().metrics()
          .calls(Route.LOCAL, Outcome.ERROR)).isEqualTo(1);
    });
  }

  @Test
  void refusesANullRequest() {
    runner.withBean(EchoService.class).run(context ->
        assertThatThrownBy(() -> context.getBean(EchoService.class).echo(null))
            .isInstanceOf(NullPointerException.class));
  }

  @Test
  void failsStartupForMethodsThatCannotSpill() {
    runner.withBean(TwoArguments.class).run(context -> assertThat(context.getStartupFailure())
        .rootCause().hasMessageContaining("@Spillover(\"sum\")")
        .hasMessageContaining("TwoArguments.sum(Integer, Integer) must take exactly one "
            + "parameter, the request (it has 2); wrap several arguments in a record"));
    runner.withBean(NoReply.class).run(context -> assertThat(context.getStartupFailure())
        .rootCause().hasMessageContaining("NoReply.log(String) must return the reply"));
    runner.withBean(TypeVariableReply.class).run(context -> assertThat(
        context.getStartupFailure()).rootCause().hasMessageContaining("reply type T names no "
            + "concrete type"));
  }

  @Test
  void failsStartupWhenTwoMethodsGiveOneSpillwayDifferentTypes() {
    runner.withBean(EchoService.class).withBean(OtherEcho.class).run(context ->
        assertThat(context.getStartupFailure()).rootCause()
            .hasMessageContaining("spillway 'echo' exists for"));
  }

  @Test
  void canBeTurnedOff() {
    runner.withBean(EchoService.class).withPropertyValues("spillover.annotations.enabled=false")
        .run(context -> {
          assertThat(AopUtils.isAopProxy(context.getBean(EchoService.class))).isFalse();
          assertThat(context.getBean(SpilloverRegistry.class).all()).isEmpty();
        });
  }
}
