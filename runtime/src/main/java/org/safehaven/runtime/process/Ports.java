package org.safehaven.runtime.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.safehaven.runtime.StackException;

/** Loopback ports for the embedded services: a configured one, checked to be free, or a free one. */
public final class Ports {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Ports() {}

  /**
   * @param configured the configured port, 0 for any free one
   * @param key        the configuration key, named in the error when the port is taken
   */
  public static int resolve(int configured, String key) {
    if (configured == 0) {
      return free();
    }
    if (!isFree(configured)) {
      throw new StackException(key + " " + configured + " is already in use on 127.0.0.1; "
          + "set " + key + "=0 to pick a free port");
    }
    return configured;
  }

  /** A port nothing listens on right now (the OS picks it). */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new StackException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(LOOPBACK, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections on host:port within the timeout. */
  public static boolean accepts(String host, int port, int timeoutMillis) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
