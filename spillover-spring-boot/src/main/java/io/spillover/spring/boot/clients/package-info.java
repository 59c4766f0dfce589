/**
 * Wrapped Spring HTTP clients: {@code spillover.clients.<name>.*} properties, the
 * {@code RestClient}/{@code RestTemplate} interceptor, the {@code WebClient} exchange filter, and
 * what installs them without application code (Boot's {@code RestTemplateCustomizer} and
 * {@code WebClientCustomizer}, and a post-processor for the builders the application declares).
 */
@NullMarked
package io.spillover.spring.boot.clients;

import org.jspecify.annotations.NullMarked;
