package io.spillover.sim.internal;

/**
 * The body of a simulated call, sent to the twin through the real codec and envelope: how long
 * the call's subtree of services runs, unloaded, in microseconds.
 */
public record SimCall(long micros) {}
