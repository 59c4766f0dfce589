package io.spillover.attest.seal.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verified sessions by their exact header string, least recently used first. When full, the least
 * recently used session is dropped: its next call verifies the header again (one HPKE
 * decapsulation and one signature check), so a full cache costs time, never safety.
 */
public final class SessionCache {
  private final Map<String, OpenedSession> sessions;

  public SessionCache(int capacity) {
    this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, OpenedSession> eldest) {
        return size() > capacity;
      }
    };
  }

  public synchronized OpenedSession get(String header) {
    return sessions.get(header);
  }

  public synchronized void put(String header, OpenedSession session) {
    sessions.put(header, session);
  }

  public synchronized void remove(String header) {
    sessions.remove(header);
  }

  public synchronized int size() {
    return sessions.size();
  }
}
