/**
 * Wrapped Spring HTTP clients: {@code spillover.clients.<name>.*} properties, the
 * {@code RestClient}/{@code RestTemplate} interceptor and the builder post-processor that
 * installs it without application code.
 */
@NullMarked
package io.spillover.spring.boot.clients;

import org.jspecify.annotations.NullMarked;
