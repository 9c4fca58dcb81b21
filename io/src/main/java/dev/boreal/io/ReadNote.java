package dev.boreal.io;

/**
 * Something a reader decided about a file that its user may not expect, said in one sentence: a column
 * typed by a few stray values, or a column left out. The library returns notes; the command line prints
 * them.
 *
 * @param column the column the note is about, as the table names it
 * @param message one sentence naming the file, the column and what to do about it
 */
public record ReadNote(String column, String message) {}
