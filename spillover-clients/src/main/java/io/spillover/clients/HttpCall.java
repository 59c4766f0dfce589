package io.spillover.clients;

import java.util.List;
import java.util.Map;

/**
 * One HTTP call of a wrapped client, as it travels to the destination or, spilled, to its twin.
 *
 * @param method the HTTP method, upper case
 * @param path the raw path, starting with {@code /}
 * @param rawQuery the raw query without {@code ?}, or empty
 * @param headers end-to-end headers (names as sent; hop-by-hop and Host are dropped before a spill)
 * @param body the body, empty when there is none
 */
public record HttpCall(String method, String path, String rawQuery,
    Map<String, List<String>> headers, byte[] body) {}
