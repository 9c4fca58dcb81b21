package dev.boreal.engine.tree;

import java.util.Arrays;

/**
 * The best split found so far for one leaf: a mutable scratch record the split finder fills and the
 * learner reads. {@link #valid()} is false until a split that passes every limit is recorded.
 */
final class SplitCandidate {
  int feature = -1;
  /** Numeric: rows with bin ≤ thresholdBin go left (the missing bin goes by {@link #defaultLeft}). */
  int thresholdBin = -1;
  boolean defaultLeft;
  /** Categorical: bitset over bins going left; {@code null} for a numeric split. */
  long[] leftBins;
  /** Loss reduction over the parent: children's gain minus the parent's. */
  double gain = Double.NEGATIVE_INFINITY;
  double leftGradient;
  double leftHessian;
  /** Rows on each side as split finding estimates them from hessians; the partition gives the true counts. */
  long leftCount;
  double rightGradient;
  double rightHessian;
  long rightCount;
  double leftOutput;
  double rightOutput;

  boolean valid() {
    return feature >= 0;
  }

  boolean isCategorical() {
    return leftBins != null;
  }

  void reset() {
    feature = -1;
    thresholdBin = -1;
    defaultLeft = false;
    leftBins = null;
    gain = Double.NEGATIVE_INFINITY;
  }

  /** Whether {@code other} should replace this one: higher gain, ties to the lower feature index. */
  boolean worseThan(SplitCandidate other) {
    if (!other.valid()) {
      return false;
    }
    if (!valid()) {
      return true;
    }
    return other.gain > gain || (other.gain == gain && other.feature < feature);
  }

  void copyFrom(SplitCandidate o) {
    feature = o.feature;
    thresholdBin = o.thresholdBin;
    defaultLeft = o.defaultLeft;
    leftBins = o.leftBins == null ? null : Arrays.copyOf(o.leftBins, o.leftBins.length);
    gain = o.gain;
    leftGradient = o.leftGradient;
    leftHessian = o.leftHessian;
    leftCount = o.leftCount;
    rightGradient = o.rightGradient;
    rightHessian = o.rightHessian;
    rightCount = o.rightCount;
    leftOutput = o.leftOutput;
    rightOutput = o.rightOutput;
  }
}
