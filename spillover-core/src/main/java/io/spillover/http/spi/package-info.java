/**
 * The service-provider interface of HTTP-based function providers (the Lambda and OpenWhisk
 * modules use it; a new provider for another platform would too): one deadline-bounded exchange
 * that fails only with the typed {@code FunctionException}s
 * ({@link io.spillover.http.spi.HttpExchange}), the reply it reads
 * ({@link io.spillover.http.spi.HttpReply}),
 * the status mappings every platform shares ({@link io.spillover.http.spi.Replies}), the OkHttp
 * client defaults ({@link io.spillover.http.spi.OkHttpClients}), the deadline tag interceptors
 * read ({@link io.spillover.http.spi.Deadline}) and the failure of an interceptor before sending
 * ({@link io.spillover.http.spi.NotSentException}). {@link
 * io.spillover.http.spi.AbstractHttpProvider} holds the provider skeleton: name, clock, client
 * ownership. Applications do not need this package.
 */
@NullMarked
package io.spillover.http.spi;

import org.jspecify.annotations.NullMarked;
