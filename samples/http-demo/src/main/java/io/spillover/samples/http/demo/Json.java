package io.spillover.samples.http.demo;

import java.util.Map;

/** summary.json in the spike lab's schema: {@code setups.<name>.<figure>}. */
final class Json {
  private Json() {}

  static String summary(Map<String, Map<String, Object>> setups) {
    StringBuilder b = new StringBuilder("{\n  \"scenario\": \"http\",\n  \"setups\": {");
    String sep = "\n";
    for (Map.Entry<String, Map<String, Object>> s : setups.entrySet()) {
      b.append(sep).append("    \"").append(s.getKey()).append("\": {");
      String inner = "";
      for (Map.Entry<String, Object> f : s.getValue().entrySet()) {
        Object v = f.getValue();
        b.append(inner).append('"').append(f.getKey()).append("\": ")
            .append(v instanceof Double d ? HttpScenario.format(d) : v.toString());
        inner = ", ";
      }
      b.append('}');
      sep = ",\n";
    }
    return b.append("\n  }\n}\n").toString();
  }
}
