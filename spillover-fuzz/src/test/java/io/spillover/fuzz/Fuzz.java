package io.spillover.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fuzz target of this module. In verify (no {@code JAZZER_FUZZ}) it replays its committed inputs
 * once; with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}, the one place to change how
 * long the long mode runs per target (Jazzer 0.24 reads no system property for it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@FuzzTest(maxDuration = "60s")
public @interface Fuzz {}
