/**
 * The soak of issue 18: {@link io.spillover.soak.SoakRun} drives a spillway at twice its local
 * capacity against {@link io.spillover.soak.FaultyTwin}, a twin in real worker JVMs of the local
 * platform that injects faults, and reports the invariants in a {@link io.spillover.soak.SoakReport}.
 * Run by {@code ./spillover soak}; never deployed.
 */
package io.spillover.soak;
