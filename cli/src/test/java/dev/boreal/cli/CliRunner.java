package dev.boreal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code boreal} program in-process and keeps what it printed. */
final class CliRunner {
  final int exitCode;
  final String out;
  final String err;

  private CliRunner(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRunner(code, out.toString(), err.toString());
  }

  /** The error output is one line: the sentence, with no stack trace. */
  boolean errIsOneLine() {
    return !err.isEmpty() && err.strip().lines().count() == 1 && !err.contains("\tat ");
  }
}
