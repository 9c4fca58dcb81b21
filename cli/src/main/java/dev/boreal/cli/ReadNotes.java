package dev.boreal.cli;

import dev.boreal.io.ReadNote;
import java.io.PrintWriter;
import java.util.List;

/** Says out loud what reading a file decided that its user may not expect, one line per note on stderr. */
final class ReadNotes {
  private ReadNotes() {}

  /** Prints each note as {@code note: <sentence>}. */
  static void print(List<ReadNote> notes, PrintWriter err) {
    printMessages(notes.stream().map(ReadNote::message).toList(), err);
  }

  /** Prints each sentence as {@code note: <sentence>}. */
  static void printMessages(List<String> messages, PrintWriter err) {
    for (String message : messages) {
      err.println("note: " + message);
    }
    err.flush();
  }
}
