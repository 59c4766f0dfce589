/**
 * Budgets shared by the VMs of a fleet: the {@link io.spillover.fleet.FleetStore} SPI. See
 * docs/fleet.md.
 */
package io.spillover.fleet;
