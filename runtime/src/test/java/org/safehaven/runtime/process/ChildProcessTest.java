package org.safehaven.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

  @TempDir
  Path dir;

  @Test
  void serverKeepsThePidTheRuntimeReports() {
    ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "300"), Map.of(), dir, dir.resolve("log"),
        Duration.ofSeconds(1));
    try {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(ProcessHandle.of(child.pid()).flatMap(p -> p.info().command()))
              .hasValueSatisfying(cmd -> assertThat(cmd).endsWith("sleep")));
    } finally {
      child.stop();
    }
    assertThat(ProcessHandle.of(child.pid())).isEmpty();
  }

  @Test
  void stopEndsTheServerAndEveryProcessItStarted() throws Exception {
    Path pids = dir.resolve("pids");
    ChildProcess child = ChildProcess.start("forker",
        List.of("bash", "-c", "trap '' TERM; sleep 300 & echo $! > " + pids + "; sleep 300 & wait"),
        Map.of(), dir, dir.resolve("log"), Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
    long grandchild = Long.parseLong(Files.readString(pids).trim());

    child.stop();

    assertThat(child.isAlive()).isFalse();
    assertThat(ProcessHandle.of(grandchild).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void monitorKillsWhatTheServerLeftBehindWhenItEndsOnItsOwn() throws Exception {
    Path pids = dir.resolve("pids");
    ChildProcess child = ChildProcess.start("quitter",
        List.of("bash", "-c", "sleep 300 & echo $! > " + pids + "; exit 3"),
        Map.of(), dir, dir.resolve("log"), Duration.ofSeconds(1));
    assertThat(child.onExit().get(5, TimeUnit.SECONDS).exitValue()).isEqualTo(3);
    long orphan = Long.parseLong(Files.readString(pids).trim());

    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(orphan).filter(ProcessHandle::isAlive).isEmpty());
  }

  @Test
  void serverDiesWithItsParentJvmEvenWhenThatJvmIsKilledWithoutShutdownHooks() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ParentJvm.class.getName(), dir.toString()).redirectErrorStream(true).start();
    long serverPid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the parent JVM prints the server's pid").startsWith("pid ");
      serverPid = Long.parseLong(line.substring(4).trim());
      assertThat(ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive)).isPresent();

      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
      parent.waitFor(5, TimeUnit.SECONDS);
    }

    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive).isEmpty());
  }

  /** A JVM that starts one child and then waits to be killed. */
  public static final class ParentJvm {
    public static void main(String[] args) throws InterruptedException {
      Path dir = Path.of(args[0]);
      ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "300"), Map.of(), dir,
          dir.resolve("parent-jvm.log"), Duration.ofSeconds(1));
      System.out.println("pid " + child.pid());
      System.out.flush();
      Thread.sleep(300_000);
    }
  }
}
