package io.spillover.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which calls of a destination may spill. By default the idempotent methods (GET, HEAD, OPTIONS,
 * PUT, DELETE) spill; {@code spill} rules add routes (they stay non-idempotent: run at most once);
 * {@code never} and {@code confidential} rules keep routes local. Confidential routes do not spill
 * because the raw-HTTP path has no sealed channel. Rules are {@code "METHOD /path"}, where
 * {@code *} matches one path segment and {@code **} the rest; the method may be {@code *}.
 */
public final class RouteRules {
  /** What a call may do. */
  public enum Verdict { SPILL_IDEMPOTENT, SPILL_ONCE, NEVER, CONFIDENTIAL }

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
  private final List<Rule> spill = new ArrayList<>();
  private final List<Rule> never = new ArrayList<>();
  private final List<Rule> confidential = new ArrayList<>();

  private RouteRules() {}

  /** The default rules: idempotent methods spill, nothing else. */
  public static RouteRules defaults() {
    return new RouteRules();
  }

  /** A copy of these rules with {@code rule} allowed to spill. */
  public RouteRules spill(String rule) {
    RouteRules r = copy();
    r.spill.add(Rule.parse(rule));
    return r;
  }

  /** A copy of these rules with {@code rule} never spilled. */
  public RouteRules never(String rule) {
    RouteRules r = copy();
    r.never.add(Rule.parse(rule));
    return r;
  }

  /** A copy of these rules with {@code rule} confidential (kept local). */
  public RouteRules confidential(String rule) {
    RouteRules r = copy();
    r.confidential.add(Rule.parse(rule));
    return r;
  }

  /** The verdict for one call. */
  public Verdict verdict(String method, String path) {
    if (matches(never, method, path)) {
      return Verdict.NEVER;
    }
    if (matches(confidential, method, path)) {
      return Verdict.CONFIDENTIAL;
    }
    if (IDEMPOTENT.contains(method)) {
      return Verdict.SPILL_IDEMPOTENT;
    }
    return matches(spill, method, path) ? Verdict.SPILL_ONCE : Verdict.NEVER;
  }

  private static boolean matches(List<Rule> rules, String method, String path) {
    for (Rule r : rules) {
      if ((r.method.equals("*") || r.method.equals(method)) && r.path.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private RouteRules copy() {
    RouteRules r = new RouteRules();
    r.spill.addAll(spill);
    r.never.addAll(never);
    r.confidential.addAll(confidential);
    return r;
  }

  private record Rule(String method, Pattern path) {
    static Rule parse(String rule) {
      String[] parts = rule.trim().split("\\s+");
      if (parts.length != 2 || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException("a route rule is \"METHOD /path\", was: " + rule);
      }
      StringBuilder re = new StringBuilder();
      for (String seg : parts[1].split("(?<=/)", -1)) {
        String s = seg.endsWith("/") ? seg.substring(0, seg.length() - 1) : seg;
        String tail = seg.endsWith("/") ? "/" : "";
        if (s.equals("**")) {
          re.append(".*");
        } else if (s.equals("*")) {
          re.append("[^/]+").append(Pattern.quote(tail));
        } else if (!seg.isEmpty()) {
          re.append(Pattern.quote(seg));
        }
      }
      return new Rule(parts[0].toUpperCase(java.util.Locale.ROOT), Pattern.compile(re.toString()));
    }
  }
}
