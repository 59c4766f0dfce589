package io.spillover.samples.inference;

/**
 * The model's answer.
 *
 * @param risk the nearest class: {@code low}, {@code medium} or {@code high}
 * @param distance distance to that class's centroid in standardised units
 * @param servedBy {@code vm} or {@code function}: where the model ran
 */
public record Assessment(String risk, double distance, String servedBy) {}
