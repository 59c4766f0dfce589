package io.spillover.bench.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The request and response body of the envelope and spill benchmarks: a social-network post whose
 * JSON form is about 1 KB, the size of a typical spilled call.
 */
public final class Post {
  public long id;
  public long author;
  public String text;
  public List<String> mentions = new ArrayList<>();
  public long timestamp;

  /** A post whose JSON encoding is close to {@code bytes} long. */
  public static Post ofSize(int bytes) {
    Post p = new Post();
    p.id = 4_611_686_018_427_387_903L;
    p.author = 1_234_567L;
    p.timestamp = 1_767_225_600_000L;
    p.mentions.add("@alice");
    p.mentions.add("@bob");
    p.mentions.add("@carol");
    int overhead = 130; // field names, numbers and mentions around the text
    StringBuilder sb = new StringBuilder(bytes);
    String words = "spillover keeps steady load on the vms and sends only the excess to functions ";
    while (sb.length() < bytes - overhead) {
      sb.append(words);
    }
    sb.setLength(Math.max(0, bytes - overhead));
    p.text = sb.toString();
    return p;
  }
}
