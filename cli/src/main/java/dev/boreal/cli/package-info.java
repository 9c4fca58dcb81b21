/**
 * The {@code boreal} command line: {@link dev.boreal.cli.Main} parses the arguments, runs one command of
 * {@link dev.boreal.cli.BorealCommand} (demo, describe, train, predict, eval, explain, importance, convert, serve,
 * compare, cv) and turns every error into one line and an exit code.
 *
 * <p>Only this module prints. Every file a command writes is checked before the work and written through
 * {@link dev.boreal.io.OutputFile}; {@code Interruption} says in one line what a run stopped by SIGTERM or Ctrl-C
 * left behind.
 */
package dev.boreal.cli;
