package io.spillover.samples.inference;

import io.spillover.attest.seal.AttestedFunction;
import io.spillover.function.FunctionApp;

/**
 * The function side: the triage model as a sealed-only service. Nothing secret exists until the
 * first sealed call makes {@link AttestedFunction} attest; only then is the model key released and
 * the shipped artifact decrypted (in memory). This factory is the seam to a real platform: a
 * Lambda handler or a local-platform worker builds the same app from its own settings (key
 * service URL, pinned {@code keyservice-verify.json}, its TEE's evidence source, the artifact
 * baked into the image).
 */
public final class InferenceTwin {
  /** The service name on both sides. */
  public static final String SERVICE = "triage";

  private InferenceTwin() {}

  public static FunctionApp create(AttestedFunction attested, byte[] sealedModel) {
    byte[] artifact = sealedModel.clone();
    Lazy model = new Lazy(() -> SealedModel.open(artifact, attested.dataKey("model")));
    return FunctionApp.builder().sealedCallOpener(attested)
        .handle(SERVICE, Vitals.class, Assessment.class, v -> model.get().classify(v, "function"))
        .sealedOnly(SERVICE).build();
  }

  /** Opens the model once, on the first call that needs it. */
  private static final class Lazy {
    private final java.util.function.Supplier<TriageModel> open;
    private volatile TriageModel model;

    Lazy(java.util.function.Supplier<TriageModel> open) {
      this.open = open;
    }

    TriageModel get() {
      TriageModel m = model;
      if (m == null) {
        synchronized (this) {
          if (model == null) {
            model = open.get();
          }
          m = model;
        }
      }
      return m;
    }
  }
}
