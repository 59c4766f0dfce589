package io.spillover.cli.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's service: a digest of the request (real work) that occupies a core for a fixed
 * service time. The service time is modelled by parking, because the "VM" and the "function
 * replicas" of the demo are other machines: their cores are not this machine's.
 */
public final class DemoService {
  private final long serviceNanos;

  public DemoService(long serviceMillis) {
    this.serviceNanos = TimeUnit.MILLISECONDS.toNanos(serviceMillis);
  }

  public Digest handle(Job job) {
    long start = System.nanoTime();
    byte[] input = job.payload.getBytes(StandardCharsets.UTF_8);
    byte[] out;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      out = sha.digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long left = serviceNanos - (System.nanoTime() - start);
    if (left > 0) {
      LockSupport.parkNanos(left);
    }
    return new Digest(job.id, HexFormat.of().formatHex(out));
  }

  /** A request of the demo service. */
  public static final class Job {
    public long id;
    public String payload;

    public Job() {}

    public Job(long id, String payload) {
      this.id = id;
      this.payload = payload;
    }
  }

  /** The reply of the demo service. */
  public static final class Digest {
    public long id;
    public String sha256;

    public Digest() {}

    public Digest(long id, String sha256) {
      this.id = id;
      this.sha256 = sha256;
    }
  }
}
