package io.spillover.grpc;

import io.grpc.MethodDescriptor;
import java.util.HashSet;
import java.util.Set;

/**
 * Which unary methods of a destination may spill. By default the methods whose descriptor says
 * they are idempotent or safe ({@link MethodDescriptor#isIdempotent()},
 * {@link MethodDescriptor#isSafe()}); {@link #spill} lists more (they stay non-idempotent: they
 * run at most once, never on the twin and then on the destination); {@link #never} keeps methods
 * on the destination (evaluated first). Streaming methods never spill: a stream is not one
 * request a twin can take. A rule is a full method name {@code "pkg.Service/Method"} or a whole
 * service {@code "pkg.Service/*"}.
 */
public final class GrpcMethodRules {
  /** What a call may do. */
  public enum Verdict {
    /** May spill and be retried: the method is idempotent or safe. */
    SPILL_IDEMPOTENT,
    /** May spill, runs at most once. */
    SPILL_ONCE,
    /** Goes to the destination only, outside the spillway. */
    DESTINATION_ONLY
  }

  private final Set<String> spillMethods = new HashSet<>();
  private final Set<String> spillServices = new HashSet<>();
  private final Set<String> neverMethods = new HashSet<>();
  private final Set<String> neverServices = new HashSet<>();

  private GrpcMethodRules() {}

  /** The default rules: idempotent and safe unary methods spill, nothing else. */
  public static GrpcMethodRules defaults() {
    return new GrpcMethodRules();
  }

  /** A copy of these rules with {@code rule} allowed to spill (at most once). */
  public GrpcMethodRules spill(String rule) {
    GrpcMethodRules r = copy();
    r.add(rule, r.spillMethods, r.spillServices);
    return r;
  }

  /** A copy of these rules with {@code rule} kept on the destination. */
  public GrpcMethodRules never(String rule) {
    GrpcMethodRules r = copy();
    r.add(rule, r.neverMethods, r.neverServices);
    return r;
  }

  /** The verdict for one method; allocates nothing (it runs on every call). */
  public Verdict verdict(MethodDescriptor<?, ?> method) {
    if (method.getType() != MethodDescriptor.MethodType.UNARY
        || matches(method, neverMethods, neverServices)) {
      return Verdict.DESTINATION_ONLY;
    }
    if (method.isIdempotent() || method.isSafe()) {
      return Verdict.SPILL_IDEMPOTENT;
    }
    return matches(method, spillMethods, spillServices) ? Verdict.SPILL_ONCE
        : Verdict.DESTINATION_ONLY;
  }

  private static boolean matches(MethodDescriptor<?, ?> m, Set<String> methods,
      Set<String> services) {
    String service = m.getServiceName();
    return methods.contains(m.getFullMethodName())
        || (service != null && services.contains(service));
  }

  private static void add(String rule, Set<String> methods, Set<String> services) {
    String r = rule.trim();
    int slash = r.indexOf('/');
    if (slash <= 0 || slash == r.length() - 1 || r.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "a method rule is \"pkg.Service/Method\" or \"pkg.Service/*\", was: " + rule);
    }
    if (r.endsWith("/*")) {
      services.add(r.substring(0, slash));
    } else {
      methods.add(r);
    }
  }

  private GrpcMethodRules copy() {
    GrpcMethodRules r = new GrpcMethodRules();
    r.spillMethods.addAll(spillMethods);
    r.spillServices.addAll(spillServices);
    r.neverMethods.addAll(neverMethods);
    r.neverServices.addAll(neverServices);
    return r;
  }
}
