package io.spillover.samples.social;

import io.spillover.samples.social.frontend.SocialFrontend;
import io.spillover.samples.social.storage.InMemoryStorage;
import io.spillover.samples.social.storage.Storage;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Wiring shared by the tests: in-memory storage, a hand-moved clock, seeded randomness. */
public final class TestNetworks {
  /** 2024-01-01T00:00:00Z. */
  public static final long T0 = 1_704_067_200_000L;

  public final MutableClock clock = new MutableClock(T0);
  public final RecordingCaller caller = new RecordingCaller();
  public final Storage storage;
  public final SocialNetwork network;
  public final SocialFrontend frontend;

  public TestNetworks() {
    this(InMemoryStorage.create());
  }

  public TestNetworks(Storage storage) {
    this.storage = storage;
    this.network = SocialNetwork.builder().storage(storage).caller(caller).clock(clock).machineId(7)
        .random(new Random(42)).build();
    AtomicLong reqIds = new AtomicLong(1000);
    this.frontend = new SocialFrontend(network, storage.media(), reqIds::incrementAndGet);
  }

  /** Registers users 0..n-1 as username_i. */
  public TestNetworks users(int n) {
    for (int i = 0; i < n; i++) {
      frontend.registerUser("first_" + i, "last_" + i, "username_" + i, "password_" + i, i);
    }
    return this;
  }
}
