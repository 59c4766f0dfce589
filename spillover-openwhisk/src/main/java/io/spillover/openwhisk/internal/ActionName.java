package io.spillover.openwhisk.internal;

import java.util.regex.Pattern;

/**
 * An action as a {@code FunctionRef} target names it: {@code action}, {@code package/action}, or
 * fully qualified {@code /namespace/action} and {@code /namespace/package/action}. A target
 * without a namespace uses the provider's.
 */
public record ActionName(String namespace, String packageName, String action) {
  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_@.\\- ]{0,255}");

  /** @throws IllegalArgumentException when {@code target} names no action */
  public static ActionName parse(String target, String defaultNamespace) {
    String namespace = defaultNamespace;
    String rest = target;
    if (target.startsWith("/")) {
      int slash = target.indexOf('/', 1);
      if (slash < 0) {
        throw new IllegalArgumentException("a fully qualified action is /namespace/[package/]action: "
            + target);
      }
      namespace = target.substring(1, slash);
      rest = target.substring(slash + 1);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("an action is [package/]action: " + target);
    }
    ActionName name = parts.length == 1 ? new ActionName(namespace, null, parts[0])
        : new ActionName(namespace, parts[0], parts[1]);
    requireEntity(name.namespace, "namespace", target);
    if (name.packageName != null) {
      requireEntity(name.packageName, "package", target);
    }
    requireEntity(name.action, "action", target);
    return name;
  }

  /** Namespace names: an entity name, or {@code _} for the key's own namespace. */
  public static String requireNamespace(String namespace) {
    requireEntity(namespace, "namespace", namespace);
    return namespace;
  }

  private static void requireEntity(String value, String what, String target) {
    if (!ENTITY.matcher(value).matches() || value.endsWith(" ")) {
      throw new IllegalArgumentException("not a valid OpenWhisk " + what + " name: '" + value
          + "' in " + target);
    }
  }
}
