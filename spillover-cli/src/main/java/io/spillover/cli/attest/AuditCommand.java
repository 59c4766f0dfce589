package io.spillover.cli.attest;

import io.spillover.cli.common.ParentCommand;
import picocli.CommandLine.Command;

/** {@code spillover audit}: groups the audit log tools. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Key service audit log tools.", subcommands = AuditVerifyCommand.class)
public final class AuditCommand extends ParentCommand {}
