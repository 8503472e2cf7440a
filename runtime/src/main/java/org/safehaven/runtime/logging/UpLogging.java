package org.safehaven.runtime.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.nio.file.Path;
import org.safehaven.runtime.StackException;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The logging of {@code ./safehaven up}'s JVM, installed as soon as the data directory is known (it comes from
 * the same configuration as everything else: {@code --data-dir}, {@code --set dataDir=}, {@code SAFEHAVEN_DATA_DIR}
 * or a configuration file). It replaces logback.xml's terminal logging with {@code up-logback.xml}:
 * <ul>
 *   <li>every event from INFO up goes to {@link #file()}, {@code DATA/logs/safehaven.log}, rotated at 20 MB with
 *       five older files ({@code safehaven.1.log} newest), so the logs never take more than about 120 MB;</li>
 *   <li>the terminal (stderr) gets ERROR events only, at most three per logger a minute, without stack traces;</li>
 *   <li>WARN and ERROR events are counted per logger ({@link #counts()}) for the status line.</li>
 * </ul>
 * The command's own lines (start-up steps, the ready line, the status line) are printed by the command, not
 * logged; {@link #progress} also puts them in the file, for context.
 */
public final class UpLogging {

  public static final String FILE_NAME = "safehaven.log";
  static final String CONFIGURATION = "up-logback.xml";

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.safehaven.runtime.up");

  private final Path file;
  private final LogCounter counter;

  private UpLogging(Path file, LogCounter counter) {
    this.file = file;
    this.counter = counter;
  }

  /** Reconfigures logback for {@code up}; the logs go to {@code dataDir/logs}. */
  public static UpLogging install(Path dataDir) {
    Path logs = dataDir.toAbsolutePath().normalize().resolve("logs");
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new StackException("logging is not logback (" + factory.getClass().getName() + "); cannot log to " + logs);
    }
    URL xml = UpLogging.class.getResource(CONFIGURATION);
    if (xml == null) {
      throw new StackException("the logging configuration " + CONFIGURATION + " is missing from the build");
    }
    context.reset();
    context.putProperty("safehaven.log.dir", logs.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    long since = System.currentTimeMillis();
    try {
      configurator.doConfigure(xml);
    } catch (JoranException e) {
      throw new StackException("cannot set up logging to " + logs + ": " + e.getMessage(), e);
    }
    // Joran reports a bad appender (an unwritable directory, say) as an ERROR status, not as an exception.
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() >= Status.ERROR && status.getTimestamp() >= since) {
        throw new StackException("cannot set up logging to " + logs + ": " + status.getMessage()
            + (status.getThrowable() == null ? "" : " (" + status.getThrowable().getMessage() + ")"));
      }
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender("COUNT") instanceof LogCounter counter)) {
      throw new StackException("the logging configuration " + CONFIGURATION + " has no COUNT appender");
    }
    return new UpLogging(logs.resolve(FILE_NAME), counter);
  }

  /** The log file, {@code DATA/logs/safehaven.log}. */
  public Path file() {
    return file;
  }

  /** How many warnings and errors each logger has logged since {@link #install}. */
  public LogCounts counts() {
    return counter.counts();
  }

  /** Puts one of the command's own terminal lines in the log file too. */
  public void progress(String line) {
    LOG.info(line);
  }
}
