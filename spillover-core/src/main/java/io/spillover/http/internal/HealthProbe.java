package io.spillover.http.internal;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionException;
import io.spillover.function.TargetCheck;
import io.spillover.http.spi.HttpExchange;
import io.spillover.http.spi.HttpReply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The startup check of an HTTP function target: a GET on its health URL. 2xx is up; 404 and 410
 * say nothing is deployed there; anything else, or no answer, is unreachable. It cannot tell
 * whether the function serves a given service.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static TargetCheck check(OkHttpClient client, HttpUrl health, String target,
      SpilloverClock clock, Duration timeout) {
    Request get = new Request.Builder().url(health).header("Accept", "application/json").get()
        .build();
    AtomicReference<HttpReply> answer = new AtomicReference<>();
    try {
      HttpExchange.exchangeBlocking(client, get, clock.epochMillis() + timeout.toMillis(), clock,
          target, reply -> {
            answer.set(reply);
            return new byte[0];
          });
    } catch (FunctionException e) {
      return TargetCheck.unreachable("health probe GET " + health + ": " + e.getMessage());
    }
    HttpReply reply = answer.get();
    String detail = "health probe GET " + health + " answered " + reply.status();
    if (reply.successful()) {
      return TargetCheck.ok(detail);
    }
    String body = reply.snippet();
    detail = body.isEmpty() ? detail : detail + ": " + body;
    return reply.status() == 404 || reply.status() == 410 ? TargetCheck.notDeployed(detail)
        : TargetCheck.unreachable(detail);
  }
}
