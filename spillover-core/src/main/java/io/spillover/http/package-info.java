/**
 * Function twins reached over plain HTTP: {@link io.spillover.http.HttpFunctionProvider} on the
 * caller side and {@link io.spillover.http.FunctionAppHttpHandler} on the function side. The
 * OkHttp plumbing the Lambda and OpenWhisk providers share is the SPI in
 * {@link io.spillover.http.spi}.
 */
package io.spillover.http;
