/** Wrapped service clients: calls to a destination that spill, as the same HTTP request, to its twin. */
@NullMarked
package io.spillover.clients.internal;

import org.jspecify.annotations.NullMarked;
