package org.safehaven.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import picocli.CommandLine.Option;

/**
 * The configuration options every {@code ./safehaven} command shares; add it to a command with
 * {@code @Mixin ConfigOptions config;} and call {@link #load()}. The layers are those of
 * {@link ConfigLoader}: defaults, {@code --config} (or {@code $SAFEHAVEN_CONFIG}), {@code SAFEHAVEN_*}
 * environment variables, then {@code --set} flags; {@code --data-dir} is a shorthand for
 * {@code --set dataDir=DIR} and wins over all of them.
 */
public final class ConfigOptions {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the stack keeps all its data, logs and stack.json (default: dataDir, .safehaven).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A YAML configuration file (default: $SAFEHAVEN_CONFIG, if set).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set kafka.heapMb=768 (repeatable).")
  List<String> settings = new ArrayList<>();

  public SafeHavenConfig load() {
    List<String> flags = new ArrayList<>(settings);
    if (dataDir != null) {
      flags.add("dataDir=" + dataDir);
    }
    return ConfigLoader.fromSystemEnvironment().load(configFile, flags);
  }

  /** The data directory the options name, without loading the rest (for commands that only read stack.json). */
  public Path dataDir() {
    return load().dataDir().toAbsolutePath().normalize();
  }
}
