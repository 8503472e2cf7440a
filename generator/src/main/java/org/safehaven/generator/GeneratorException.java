package org.safehaven.generator;

/** Parameters the generator cannot work with; the message says which and why, for the user. */
public class GeneratorException extends RuntimeException {
  public GeneratorException(String message) {
    super(message);
  }
}
