/** The API Gateway HTTP API payload format 2.0, the Lambda transport of wrapped client calls. */
@NullMarked
package io.spillover.clients.lambda;

import org.jspecify.annotations.NullMarked;
