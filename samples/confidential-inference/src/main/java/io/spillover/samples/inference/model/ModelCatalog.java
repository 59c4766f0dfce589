package io.spillover.samples.inference.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The models one deployment packs, SeSeMI-style: three of different sizes, each shipped sealed
 * under its own data key ({@link #dataKey}), so the key service can grant each to its own callers.
 */
public final class ModelCatalog {
  private record Entry(Supplier<Model> reference, Function<byte[], Model> reader) {}

  private static final Map<String, Entry> MODELS = Map.of(
      "triage", new Entry(TriageModel::reference, TriageModel::fromBytes),
      "sepsis", new Entry(SepsisModel::reference, SepsisModel::fromBytes),
      "readmission", new Entry(ReadmissionModel::reference, ReadmissionModel::fromBytes));

  /** The models' names, smallest first. */
  public static final List<String> NAMES = List.of("triage", "sepsis", "readmission");

  private ModelCatalog() {}

  /** Whether {@code model} is one of this catalog's. */
  public static boolean contains(String model) {
    return model != null && MODELS.containsKey(model);
  }

  /** The name of the key service's data key that seals {@code model}. */
  public static String dataKey(String model) {
    return "model-" + model;
  }

  /** The model with the sample's reference weights. */
  public static Model reference(String model) {
    return entry(model).reference().get();
  }

  /**
   * The model read from its weights ({@link Model#toBytes()}).
   *
   * @throws IllegalArgumentException when they are not this model's weights
   */
  public static Model read(String model, byte[] weights) {
    try {
      return entry(model).reader().apply(weights);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not the weights of model '" + model + "'", e);
    }
  }

  private static Entry entry(String model) {
    Entry e = model == null ? null : MODELS.get(model);
    if (e == null) {
      throw new IllegalArgumentException("no model '" + model + "' in the catalog " + NAMES);
    }
    return e;
  }
}
