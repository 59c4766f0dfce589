package io.spillover.clients;

import java.util.List;
import java.util.Map;

/**
 * The reply to an {@link HttpCall}, from the destination or from its twin.
 *
 * @param status the HTTP status
 * @param headers the reply's headers
 * @param body the body, empty when there is none
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {}
