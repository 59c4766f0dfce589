/**
 * The core's implementation, split by role: {@code engine} is the caller's side (the spillway,
 * its overflow decisions, the spill to the twin and the control loop), {@code function} the
 * function's side (dispatch, replay protection, replies). This package holds only what both sides
 * share: the service name check ({@link io.spillover.internal.ServiceNames}). Not API: public types
 * here are public only so the API packages of this module can use them, and may change without
 * notice; no other module may use them.
 */
package io.spillover.internal;
