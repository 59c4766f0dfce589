package io.spillover.samples.social.twin;

import io.spillover.function.FunctionApp;
import io.spillover.samples.social.Operation;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceCaller;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.spill.ServiceCall;
import io.spillover.samples.social.spill.ServiceReply;
import io.spillover.samples.social.spill.ServiceTimes;
import io.spillover.samples.social.storage.http.HttpStorage;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The function twin of the logic services: one deployment serving every service, the same
 * service classes without Spring, reaching the VM's storage tier over HTTP. Calls between
 * services inside the twin run in place and spend the same service times as on the VM.
 */
public final class SocialTwin {
  /** The environment variable that tells a twin where the VM's storage server listens. */
  public static final String STORAGE_URL_ENV = "SOCIAL_STORAGE_URL";

  private SocialTwin() {}

  /** The twin's app over the storage server at {@code storageUri}. */
  public static FunctionApp app(URI storageUri) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    SocialNetwork network = SocialNetwork.builder()
        .storage(HttpStorage.connect(storageUri, http))
        .caller(timed())
        .machineId(64 + ThreadLocalRandom.current().nextInt(2048 - 64))
        .build();
    Map<String, Map<String, Operation<?, ?>>> byService = new LinkedHashMap<>();
    for (Operation<?, ?> op : Operations.ALL) {
      byService.computeIfAbsent(op.service(), s -> new LinkedHashMap<>()).put(op.method(), op);
    }
    FunctionApp.Builder app = FunctionApp.builder();
    byService.forEach((service, methods) -> app.handle(service, ServiceCall.class,
        ServiceReply.class, call -> serve(network, service, methods, call)));
    return app.build();
  }

  /** The app over the storage named by {@link #STORAGE_URL_ENV} (what a deployed twin uses). */
  public static FunctionApp fromEnvironment() {
    String url = System.getenv(STORAGE_URL_ENV);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(STORAGE_URL_ENV + " is not set");
    }
    return app(URI.create(url));
  }

  private static ServiceReply serve(SocialNetwork network, String service,
      Map<String, Operation<?, ?>> methods, ServiceCall call) {
    Operation<?, ?> op = methods.get(call.method());
    if (op == null) {
      throw new IllegalArgumentException("service " + service + " has no method " + call.method());
    }
    ServiceTimes.spend(service);
    return new ServiceReply(run(network, op, call));
  }

  private static <Q, R> R run(SocialNetwork network, Operation<Q, R> op, ServiceCall call) {
    return network.handler(op).apply(call.request(op.requestType()));
  }

  /** Runs nested calls in place, after spending the callee's service time. */
  static ServiceCaller timed() {
    return new ServiceCaller() {
      @Override
      public <Q, R> R call(Operation<Q, R> operation, Q request,
          Function<? super Q, ? extends R> local) {
        ServiceTimes.spend(operation.service());
        return local.apply(request);
      }
    };
  }
}
