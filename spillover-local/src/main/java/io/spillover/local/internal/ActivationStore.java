package io.spillover.local.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finished OpenWhisk activation records for {@code GET .../activations/{id}}: the newest 10,000;
 * an older id answers 404, as an expired record would.
 */
final class ActivationStore {
  static final int CAPACITY = 10_000;
  private final Map<String, byte[]> records = new LinkedHashMap<>(256, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized void put(String activationId, byte[] record) {
    records.put(activationId, record);
  }

  synchronized byte[] get(String activationId) {
    return records.get(activationId);
  }
}
