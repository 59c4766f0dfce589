/** The functions the local platform runs in {@code LocalPlatformRequestFuzzTest}. */
package io.spillover.fuzz.platform;
