/** Parsers and check steps behind the evidence verifiers. Not API: may change without notice. */
package io.spillover.attest.evidence.internal;
