package dev.boreal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version the jar was built as. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }

  /** The line {@code boreal --version} prints. */
  static String line() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return "boreal " + (v == null ? "(development build)" : v);
  }
}
