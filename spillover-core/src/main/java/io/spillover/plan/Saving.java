package io.spillover.plan;

/**
 * What the cost-optimal VM+FaaS setup saves against VM-only provisioning at one level.
 *
 * @param level the VM-only provisioning compared against
 * @param factor the function resource factor
 * @param hybrid the cost-optimal VM+FaaS point at that factor (serves every request)
 * @param savingPercent {@code 100 x (level cost - hybrid cost) / level cost}; negative when
 *     VM+FaaS costs more; NaN when the VM-only fleet is empty (costs nothing)
 */
public record Saving(Provisioning level, double factor, CostPoint hybrid, double savingPercent) {}
