package dev.boreal.engine;

/**
 * Seeded randomness that does not depend on thread scheduling: every random choice is derived from a
 * seed and the identity of what it decides (iteration, leaf, feature), never from a shared generator's
 * position, so results are the same for any thread count.
 */
public final class Rng {
  private long state;

  /** A generator for the stream named by {@code seed} and {@code stream}. */
  public Rng(long seed, long stream) {
    this.state = mix(seed, stream);
  }

  /** A well-mixed 64-bit value from two inputs (SplitMix64's finaliser over a combination). */
  public static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E5L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in {@code [0, 1)}. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in {@code [0, bound)}; bound must be positive. */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }
}
