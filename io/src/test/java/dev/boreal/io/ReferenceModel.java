package dev.boreal.io;

import java.util.List;

/**
 * A model file read by the fuzz test itself, independently of the readers under test: the file's own
 * numbers walked node by node with the format's rules, so that a mutated file the reader accepts can be
 * checked to score as the file says. A reference reading throws any exception when it cannot make sense
 * of a file; it never decides whether a file should be refused, only what an accepted one means.
 */
abstract class ReferenceModel {
  /** Feature names in the file's order; set by the reading constructor. */
  protected List<String> names;
  /** Per feature, whether the file makes it categorical; set by the reading constructor. */
  protected boolean[] categorical;
  /** Raw scores per row; set by the reading constructor. */
  protected int outputs;

  /** Feature names in the file's order. */
  List<String> names() {
    return names;
  }

  /** Per feature, whether the file makes it categorical. */
  boolean[] categorical() {
    return categorical.clone();
  }

  /** Raw scores per row. */
  int outputs() {
    return outputs;
  }

  /** The raw scores of the rows, row-major ({@code rows * outputs()}). */
  abstract double[] score(FuzzRows rows);

  /**
   * A bounded walk: the number of steps a tree of {@code nodes} nodes can take before a path must have
   * ended, after which the reference gives up rather than loop on a cycle the reader missed.
   */
  static void checkSteps(int steps, int nodes) {
    if (steps > nodes + 1) {
      throw new IllegalStateException("a walk went on past " + nodes + " nodes: the tree has a cycle");
    }
  }
}
