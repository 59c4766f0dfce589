/**
 * Function twins reached over plain HTTP: {@link io.spillover.http.HttpFunctionProvider} on the
 * caller side and {@link io.spillover.http.FunctionAppHttpHandler} on the function side. The
 * OkHttp plumbing in {@code io.spillover.http.internal} is shared by the Lambda and OpenWhisk
 * providers; it is not public API.
 */
package io.spillover.http;
