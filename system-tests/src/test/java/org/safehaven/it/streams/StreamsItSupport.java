package org.safehaven.it.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;

/** What the Streams ITs share: the run's stack, a registry client, and the configuration of an application. */
final class StreamsItSupport {

  private static StreamsItSupport instance;

  final StackInfo stack;
  final SchemaRegistryClient registry;
  final Path dir;

  private StreamsItSupport(StackInfo stack, SchemaRegistryClient registry, Path dir) {
    this.stack = stack;
    this.registry = registry;
    this.dir = dir;
  }

  static synchronized StreamsItSupport get() {
    if (instance == null) {
      try {
        StackInfo stack = SharedStack.get();
        Path dir = Files.createTempDirectory("safehaven-streams-it");
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
        instance = new StreamsItSupport(stack, registry, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** The configuration of one application instance with its own id and state, and the published policy. */
  SafeHavenConfig appConfig(String applicationId) throws IOException {
    Path policy = dir.resolve("it-policy.yml");
    Files.writeString(policy, "version: it-streams\n");
    return new ConfigLoader(Map.of()).load(null, List.of(
        "dataDir=" + dir,
        "streams.applicationId=" + applicationId,
        "streams.stateDir=" + dir.resolve("state-" + applicationId),
        "streams.policyFile=" + policy));
  }
}
