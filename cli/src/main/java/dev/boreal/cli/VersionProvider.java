package dev.boreal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version the jar was built as. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = BorealCommand.class.getPackage().getImplementationVersion();
    return new String[] {"boreal " + (v == null ? "(development build)" : v)};
  }
}
