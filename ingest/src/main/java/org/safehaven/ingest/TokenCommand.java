package org.safehaven.ingest;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./safehaven token create --role ROLE [--label TEXT]}, {@code token list},
 * {@code token revoke ID}: bearer tokens in {@code DIR/secrets/tokens.json}. {@code create} prints the
 * token once; only its hash is kept. A running service accepts a new token at once.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke access tokens.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {

  @Option(names = "--data-dir", defaultValue = ".safehaven", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The stack's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  TokenStore store() {
    return TokenStore.open(TokenStore.defaultFile(dataDir));
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Spec
    CommandSpec spec;

    @Option(names = "--role", required = true, description = "OVERSIGHT, RESEARCHER or FORCE:<slug>.")
    String role;

    @Option(names = "--label", description = "Who the token is for (kept with the hash).")
    String label;

    @Override
    public Integer call() {
      AccessRole r;
      try {
        r = AccessRole.parse(role);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("token: " + e.getMessage());
        return 2;
      }
      TokenStore.CreatedToken t = parent.store().create(r, label);
      spec.commandLine().getOut().println(t.token());
      spec.commandLine().getErr().println("token " + t.info().id() + " for " + r
          + " created; it is shown only now, store it safely");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (ids and roles, never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      TokenStore.describe(parent.store().list()).forEach(spec.commandLine().getOut()::println);
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      boolean removed = parent.store().revoke(id);
      spec.commandLine().getErr().println(removed ? "revoked " + id : "no token with id " + id);
      return removed ? 0 : 1;
    }
  }
}
