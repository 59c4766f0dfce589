package io.spillover.cli.attest;

import io.spillover.cli.common.ParentCommand;
import picocli.CommandLine.Command;

/** {@code spillover attest}: groups the attestation tools. */
@Command(name = "attest", mixinStandardHelpOptions = true,
    description = "Attestation evidence tools.", subcommands = AttestVerifyCommand.class)
public final class AttestCommand extends ParentCommand {}
