package dev.boreal.spark;

/**
 * Hands a uid to a Spark ML stage before its superclass constructor runs. Spark's param traits build their params
 * inside that constructor and ask {@code uid()} then, before any field of a Java subclass is assigned; so the
 * stage's constructor parks its uid here ({@link #park}) and {@code uid()} takes it on first call ({@link #take}).
 */
final class Uids {
  private static final ThreadLocal<String> PARKED = new ThreadLocal<>();

  /** What a constructor passes on so that {@link #park} runs before the superclass constructor. */
  static final class Parked {
    private Parked() {
    }
  }

  private Uids() {
  }

  static Parked park(String uid) {
    PARKED.set(uid);
    return new Parked();
  }

  static String take() {
    String uid = PARKED.get();
    PARKED.remove();
    if (uid == null) {
      throw new IllegalStateException("no uid was parked for the stage being constructed");
    }
    return uid;
  }
}
