package dev.boreal.engine.nn;

/**
 * The ReGLU gate of the FT-Transformer's feed-forward block (Shazeer 2020): a row of 2h values
 * {@code [a, b]} becomes the h values {@code a · max(0, b)}.
 */
final class ReGlu {
  private ReGlu() {}

  /**
   * @param u input, {@code rows * 2h}, each row its h values a then its h gates b (read)
   * @param z output, {@code rows * h} (written)
   */
  static void forward(double[] u, int rows, int h, double[] z) {
    for (int r = 0; r < rows; r++) {
      int in = r * 2 * h;
      int out = r * h;
      for (int i = 0; i < h; i++) {
        double gate = u[in + h + i];
        z[out + i] = gate > 0 ? u[in + i] * gate : 0.0;
      }
    }
  }

  /**
   * @param dz gradient with respect to the output (read)
   * @param du gradient with respect to the input, {@code rows * 2h} (written)
   */
  static void backward(double[] u, double[] dz, int rows, int h, double[] du) {
    for (int r = 0; r < rows; r++) {
      int in = r * 2 * h;
      int out = r * h;
      for (int i = 0; i < h; i++) {
        double gate = u[in + h + i];
        boolean open = gate > 0;
        du[in + i] = open ? dz[out + i] * gate : 0.0;
        du[in + h + i] = open ? dz[out + i] * u[in + i] : 0.0;
      }
    }
  }
}
