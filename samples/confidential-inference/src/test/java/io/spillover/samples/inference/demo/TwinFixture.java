package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.inference.InferenceRequest;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.Vitals;
import io.spillover.samples.inference.vm.VmInference;
import io.spillover.samples.inference.vm.WireTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario's deployment for a test: the key service, the image, the local platform with the
 * twin in worker JVMs, and a VM side whose tenants each have one local permit. {@link #hold()}
 * keeps every tenant's permit busy, so each further call spills sealed to the twin.
 */
final class TwinFixture implements AutoCloseable {
  private static final String HOLD = WireTap.PREFIX + "hold-";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final ScenarioDeployment deployment;
  final WireTap tap = new WireTap();
  final VmInference vm;
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService holders = Executors.newCachedThreadPool();
  private final AtomicInteger ids = new AtomicInteger();

  TwinFixture(Path dir, String platform, int actionConcurrency, int maxInstances,
      long twinModelMillis, long modelMemoryBytes) throws Exception {
    this(dir, platform, actionConcurrency, maxInstances, twinModelMillis, modelMemoryBytes,
        "debug", ScenarioDeployment.TWIN);
  }

  /** The VM side spilling to the twin whose evidence shows {@code badEvidence}. */
  static TwinFixture unattested(Path dir, String badEvidence) throws Exception {
    return new TwinFixture(dir, "openwhisk", 4, 1, 0, 1 << 20, badEvidence,
        ScenarioDeployment.BAD_TWIN);
  }

  private TwinFixture(Path dir, String platform, int actionConcurrency, int maxInstances,
      long twinModelMillis, long modelMemoryBytes, String badEvidence, String twin)
      throws Exception {
    ScenarioOptions o = new ScenarioOptions(platform, 2, 1, 1, 1, 1, twinModelMillis,
        actionConcurrency, maxInstances, 0, modelMemoryBytes, badEvidence, false,
        dir.resolve("out"), dir.resolve("work"));
    this.deployment = new ScenarioDeployment(o);
    this.vm = deployment.vm(twin, tap, b -> b.localLimit(1).maxConcurrentSpills(100)
        .timeout(Duration.ofSeconds(30)).localWork(r -> {
          if (r.patient().startsWith(HOLD)) {
            await(release);
          }
        }));
  }

  /** Takes every tenant's one local permit until close: their calls now spill. */
  TwinFixture hold() {
    for (String tenant : Tenants.NAMES) {
      holders.submit(() -> vm.infer(tenant, request(HOLD + tenant,
          Tenants.granted(tenant).get(0))));
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Tenants.NAMES.stream()
        .allMatch(t -> vm.metrics().get(t).inflightLocal() == 1));
    return this;
  }

  /** Frees the permits {@link #hold()} took. */
  void release() {
    release.countDown();
  }

  /** One call of {@code tenant} for {@code model}. */
  Prediction call(String tenant, String model) {
    return vm.infer(tenant, request(WireTap.PREFIX + "t-" + ids.incrementAndGet(), model));
  }

  private static InferenceRequest request(String patient, String model) {
    return new InferenceRequest(patient, model, new Vitals(118, 92, 38.7, 90));
  }

  /** The audit records of {@code kind} so far, as JSON. */
  List<JsonNode> audit(String kind) throws Exception {
    return Files.readAllLines(deployment.auditFile).stream().map(JSON::readTree)
        .filter(r -> r.path("kind").asString().equals(kind)).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).as("released").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release.countDown();
    holders.shutdown();
    vm.close();
    deployment.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }
}
