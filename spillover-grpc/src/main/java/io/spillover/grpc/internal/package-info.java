/** The gRPC adapter's call, wire records and twin invoker; not an API. */
@NullMarked
package io.spillover.grpc.internal;

import org.jspecify.annotations.NullMarked;
