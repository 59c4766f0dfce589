package io.spillover.samples.inference.twin;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import io.spillover.SpilloverClock;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.function.FunctionApp;
import io.spillover.samples.inference.InferenceRequest;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.TwinInstance;
import io.spillover.samples.inference.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The function side: one deployment serving every model of the catalog to many callers, as
 * SeSeMI's enclave runtime does. It is sealed-only; nothing secret exists until the first sealed
 * call makes {@link AttestedFunction} attest. Each call is opened first (so every answer, a
 * refusal included, is sealed to its caller), then the {@link ModelCache} decides, with the key
 * service's grants, whether the caller the session proved may use the model it names. One
 * instance serves many calls at once (OpenWhisk action concurrency): they share the instance's
 * keys, its verified sessions (one per caller) and its open models.
 */
public final class InferenceTwin {
  /** The service name on both sides. */
  public static final String SERVICE = "infer";
  private static final long REFUSAL_TTL_MILLIS = 60_000;
  private static final int MAX_REFUSALS = 1024;

  private final AttestedFunction attested;
  private final ModelCache models;
  private final long modelMillis;
  private final AtomicInteger inFlight = new AtomicInteger();

  private InferenceTwin(AttestedFunction attested, ModelCache models, long modelMillis) {
    this.attested = attested;
    this.models = models;
    this.modelMillis = modelMillis;
  }

  /** The app of one instance, from its function's environment variables. */
  public static FunctionApp fromEnvironment() {
    return create(System::getenv);
  }

  static FunctionApp create(UnaryOperator<String> env) {
    try {
      SignatureConfig.register();
      KeysetHandle verify = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(Files.readString(
          Path.of(TwinEnvironment.required(env, TwinEnvironment.KEY_SERVICE_VERIFY_KEYSET)),
          StandardCharsets.UTF_8));
      KeyServiceClient client = KeyServiceClient.builder()
          .baseUrl(TwinEnvironment.required(env, TwinEnvironment.KEY_SERVICE_URL))
          .keyServiceVerifyKeyset(verify).build();
      AttestedFunction attested = AttestedFunction.builder()
          .function(TwinEnvironment.optional(env, TwinEnvironment.FUNCTION,
              TwinEnvironment.DEFAULT_FUNCTION))
          .keyService(client).evidenceSource(TwinTee.fromEnvironment(env)).build();
      Path dir = Path.of(TwinEnvironment.required(env, TwinEnvironment.MODEL_DIR));
      ModelCache models = new ModelCache(attested::grantedDataKey, model -> read(dir, model),
          Long.parseLong(TwinEnvironment.optional(env, TwinEnvironment.MODEL_MEMORY_BYTES,
              Long.toString(TwinEnvironment.DEFAULT_MODEL_MEMORY_BYTES))),
          SpilloverClock.system(), REFUSAL_TTL_MILLIS, MAX_REFUSALS);
      return app(attested, models, Long.parseLong(
          TwinEnvironment.optional(env, TwinEnvironment.MODEL_MILLIS, "0")));
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot configure the inference twin", e);
    }
  }

  /** The app over {@code attested} and {@code models}; each inference takes {@code modelMillis}. */
  public static FunctionApp app(AttestedFunction attested, ModelCache models, long modelMillis) {
    InferenceTwin twin = new InferenceTwin(attested, models, modelMillis);
    return FunctionApp.builder().sealedCallOpener(attested)
        .handleWithCaller(SERVICE, InferenceRequest.class, Prediction.class,
            (request, caller) -> twin.infer(request, caller.orElseThrow()))
        .sealedOnly(SERVICE).build();
  }

  private Prediction infer(InferenceRequest request, String caller) throws InterruptedException {
    int concurrent = inFlight.incrementAndGet();
    try {
      ModelCache.Access access = models.open(request.model(), caller);
      if (access.outcome() != Outcome.SERVED) {
        return Prediction.notServed(request, access.outcome(), "twin", self(concurrent));
      }
      if (modelMillis > 0) {
        Thread.sleep(modelMillis); // the compute a real model would spend in the enclave
      }
      Model.Result r = access.model().predict(request.vitals());
      return new Prediction(request.patient(), request.model(), Outcome.SERVED, r.label(),
          r.score(), "twin", self(concurrent));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private TwinInstance self(int concurrent) {
    ModelCache.Stats s = models.stats();
    return new TwinInstance(ProcessHandle.current().pid(), concurrent,
        attested.sessionsVerified(), s.keyFetches(), s.evictions(), s.refusals());
  }

  private static byte[] read(Path dir, String model) {
    try {
      return Files.readAllBytes(dir.resolve(model + ".sealed"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sealed artifact of '" + model + "'", e);
    }
  }
}
