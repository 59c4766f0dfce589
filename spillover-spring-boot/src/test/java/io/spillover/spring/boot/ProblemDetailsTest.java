package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** A call its spillway rejected answers 503 with a problem detail, in MVC and in WebFlux. */
class ProblemDetailsTest {
  private static final String[] PROPERTIES = {"spillover.tick-interval=0s",
      "spillover.spillways.echo.function.provider=twins",
      "spillover.spillways.echo.function.target=echo",
      "spillover.spillways.echo.circuit-breaker.wait-duration-in-open-state=30s",
      "spillover.spillways.echo.max-spills-per-second=0.5"};

  private final WebApplicationContextRunner mvc = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
          SpilloverWebAutoConfiguration.class))
      .withUserConfiguration(Twins.EchoProviderBean.class, Api.class, Mvc.class)
      .withPropertyValues(PROPERTIES);

  private final ReactiveWebApplicationContextRunner flux =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
              SpilloverWebAutoConfiguration.class))
          .withUserConfiguration(Twins.EchoProviderBean.class, Api.class, Flux.class)
          .withPropertyValues(PROPERTIES);

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Mvc {}

  @Configuration(proxyBeanMethods = false)
  @EnableWebFlux
  static class Flux {}

  /** Endpoints whose calls the spillway "echo" rejected, as @Spillover methods would throw. */
  @RestController
  static class Api {
    Api(Spillways spillways) {
      spillways.spillway("echo", String.class, String.class);
    }

    @GetMapping("/open")
    String open() {
      throw rejected(Reason.CIRCUIT_OPEN);
    }

    @GetMapping("/rate")
    String rate() {
      throw rejected(Reason.SPILL_RATE_LIMITED);
    }

    @GetMapping("/full")
    CompletableFuture<String> full() {
      return CompletableFuture.failedFuture(new CompletionException(
          rejected(Reason.WAIT_QUEUE_FULL)));
    }

    static SpillRejectedException rejected(Reason reason) {
      return new SpillRejectedException("echo", reason, "breaker twins:echo, local limit 8",
          null);
    }
  }

  /** An application that answers rejections its own way. */
  @RestControllerAdvice
  static class OwnAdvice {
    @ExceptionHandler(SpillRejectedException.class)
    ResponseEntity<String> busy(SpillRejectedException e) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body("busy: " + e.reason());
    }
  }

  @Test
  void mvcAnswers503WithAProblemDetailAndRetryAfterWhereKnown() {
    mvc.run(context -> {
      assertThat(context).hasNotFailed();
      MockMvc client = MockMvcBuilders.webAppContextSetup(context).build();
      client.perform(get("/open")).andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "30"))
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.type").value("urn:spillover:spill-rejected"))
          .andExpect(jsonPath("$.title").value("Service overloaded"))
          .andExpect(jsonPath("$.status").value(503))
          .andExpect(jsonPath("$.reason").value("CIRCUIT_OPEN"))
          .andExpect(jsonPath("$.spillway").value("echo"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
              org.hamcrest.Matchers.containsString("twins:echo"))));
      client.perform(get("/rate")).andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "2"));
      var async = client.perform(get("/full")).andReturn();
      client.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
              .asyncDispatch(async)).andExpect(status().isServiceUnavailable())
          .andExpect(header().doesNotExist("Retry-After"))
          .andExpect(jsonPath("$.reason").value("WAIT_QUEUE_FULL"));
    });
  }

  @Test
  void webFluxAnswersTheSame() {
    flux.run(context -> {
      assertThat(context).hasNotFailed();
      WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
      client.get().uri("/open").exchange().expectStatus().isEqualTo(503)
          .expectHeader().valueEquals("Retry-After", "30")
          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.type").isEqualTo("urn:spillover:spill-rejected")
          .jsonPath("$.reason").isEqualTo("CIRCUIT_OPEN")
          .jsonPath("$.spillway").isEqualTo("echo");
      client.get().uri("/full").exchange().expectStatus().isEqualTo(503)
          .expectHeader().doesNotExist("Retry-After")
          .expectBody().jsonPath("$.reason").isEqualTo("WAIT_QUEUE_FULL");
    });
  }

  @Test
  void theApplicationsOwnHandlerWins() {
    mvc.withUserConfiguration(OwnAdvice.class).run(context -> {
      MockMvc client = MockMvcBuilders.webAppContextSetup(context).build();
      client.perform(get("/open")).andExpect(status().isTooManyRequests())
          .andExpect(content().string("busy: CIRCUIT_OPEN"));
    });
    flux.withUserConfiguration(OwnAdvice.class).run(context ->
        WebTestClient.bindToApplicationContext(context).build().get().uri("/open").exchange()
            .expectStatus().isEqualTo(429).expectBody(String.class)
            .isEqualTo("busy: CIRCUIT_OPEN"));
  }

  @Test
  void aPropertyTurnsItOff() {
    mvc.withPropertyValues("spillover.web.problem-details.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(SpillRejectedProblemAdvice.class));
    new org.springframework.boot.test.context.runner.ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverWebAutoConfiguration.class)).run(context ->
            assertThat(context).as("not a web application")
                .doesNotHaveBean(SpillRejectedProblemAdvice.class));
  }

  @Test
  void theBeanIsThereByDefault() {
    mvc.run(context -> assertThat(context).hasSingleBean(SpillRejectedProblemAdvice.class));
  }
}
