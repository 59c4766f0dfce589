/** The driver of {@code ./spillover demo --scenario http}; not part of the applications. */
@NullMarked
package io.spillover.samples.http.demo;

import org.jspecify.annotations.NullMarked;
