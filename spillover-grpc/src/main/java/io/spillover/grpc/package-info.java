/**
 * A grpc-java client adapter: unary calls to a destination that spill, as the same gRPC call, to
 * the destination's twin reached through a second channel.
 */
@NullMarked
package io.spillover.grpc;

import org.jspecify.annotations.NullMarked;
