package dev.boreal.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded, Higgs-like synthetic binary classification set: 21 "low-level" kinematic features, 7
 * "high-level" invariant masses computed from them, a categorical decay channel, and a label drawn from
 * a nonlinear function of all of these. Rows without a fourth jet have its four features missing, and
 * a few missing-energy angles are missing at random, so every learner meets structured missingness.
 *
 * <p>The same {@code rows} and {@code seed} always give the same bytes; {@code boreal demo} and the
 * benchmarks use it so that figures are comparable.
 */
public final class SyntheticData {
  /** The label column's name. */
  public static final String LABEL = "label";
  /** The categorical column's name. */
  public static final String CHANNEL = "channel";

  private static final String[] CHANNELS = {"ee", "mumu", "emu", "etau", "mutau"};
  private static final double[] CHANNEL_EFFECT = {0.35, 0.25, 0.0, -0.3, -0.45};
  private static final String[] NUMERIC = {
    "lepton_pt", "lepton_eta", "lepton_phi", "missing_energy", "missing_energy_phi",
    "jet1_pt", "jet1_eta", "jet1_phi", "jet1_btag", "jet2_pt", "jet2_eta", "jet2_phi", "jet2_btag",
    "jet3_pt", "jet3_eta", "jet3_phi", "jet3_btag", "jet4_pt", "jet4_eta", "jet4_phi", "jet4_btag",
    "m_jj", "m_jjj", "m_lv", "m_jlv", "m_bb", "m_wbb", "m_wwbb"
  };
  private static final int JET4 = 17;
  private static final int MISSING_ENERGY_PHI = 4;

  private SyntheticData() {}

  /** The 28 numeric feature names, in column order after the label. */
  public static String[] numericFeatureNames() {
    return NUMERIC.clone();
  }

  /**
   * Writes {@code rows} rows as CSV with a header: {@code label}, 28 numeric features, {@code channel}.
   * Missing values are written as empty fields. The file appears whole or not at all ({@link OutputFile}).
   *
   * @throws dev.boreal.InputException naming the file when it cannot be written
   */
  public static void writeCsv(Path file, int rows, long seed) {
    OutputFile.write(file, "the synthetic data", sink -> {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(sink.stream(), StandardCharsets.UTF_8), 1 << 16)) {
        writeRows(w, rows, seed);
      }
    });
  }

  private static void writeRows(Writer w, int rows, long seed) throws IOException {
    StringBuilder line = new StringBuilder(512);
    line.append(LABEL);
    for (String n : NUMERIC) {
      line.append(',').append(n);
    }
    w.append(line.append(',').append(CHANNEL).append('\n'));
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[NUMERIC.length];
    for (int r = 0; r < rows; r++) {
      int channel = random.nextInt(CHANNELS.length);
      int label = drawRow(random, channel, x);
      line.setLength(0);
      line.append(label);
      for (double v : x) {
        line.append(',');
        if (!Double.isNaN(v)) {
          appendFixed(line, v);
        }
      }
      w.append(line.append(',').append(CHANNELS[channel]).append('\n'));
    }
  }

  /** Fills {@code x} with one row's features and returns its label. */
  static int drawRow(SplittableRandom random, int channel, double[] x) {
    boolean hasJet4 = random.nextDouble() >= 0.08;
    for (int j = 0; j < 5; j++) {
      int base = j == 0 ? 0 : 1 + 4 * j;
      if (j == 0) {
        x[0] = logNormal(random, 0.0, 0.45);
        x[1] = 1.1 * gaussian(random);
        x[2] = angle(random);
        x[3] = logNormal(random, -0.1, 0.55);
        x[4] = random.nextDouble() < 0.02 ? Double.NaN : angle(random);
      } else {
        x[base] = logNormal(random, 0.1 - 0.15 * j, 0.5);
        x[base + 1] = 1.2 * gaussian(random);
        x[base + 2] = angle(random);
        x[base + 3] = btag(random);
      }
    }
    if (!hasJet4) {
      for (int k = JET4; k < JET4 + 4; k++) {
        x[k] = Double.NaN;
      }
    }
    double mjj = pairMass(x[5], x[6], x[7], x[9], x[10], x[11]);
    double mjjj = Math.sqrt(mjj * mjj + pairMass(x[9], x[10], x[11], x[13], x[14], x[15]) * 0.5 + 0.1);
    double mlv = pairMass(x[0], x[1], x[2], x[3], 0.0, x[MISSING_ENERGY_PHI] == x[MISSING_ENERGY_PHI]
        ? x[MISSING_ENERGY_PHI] : 0.0);
    double mjlv = Math.sqrt(mlv * mlv + x[5] * x[0] + 0.05);
    double mbb = pairMass(x[5], x[6], x[7], x[13], x[14], x[15]);
    double mwbb = Math.sqrt(mbb * mbb + mjj * 0.7);
    double mwwbb = Math.sqrt(mwbb * mwbb + mlv * mlv * 0.6 + (hasJet4 ? x[JET4] * 0.3 : 0.0));
    x[21] = mjj;
    x[22] = mjjj;
    x[23] = mlv;
    x[24] = mjlv;
    x[25] = mbb;
    x[26] = mwbb;
    x[27] = mwwbb;
    double score = 2.2 * Math.exp(-sq((mbb - 1.0) / 0.35))
        + 1.4 * Math.exp(-sq((mwwbb - 1.9) / 0.6))
        + 0.35 * (x[8] + x[12]) * (x[16] > 1.0 ? 1.0 : 0.4)
        + 0.5 * Math.sin(x[1] * x[6])
        - 0.6 * Math.abs(x[1] - x[6]) * 0.5
        + 0.3 * Math.cos(x[7] - x[11])
        + (hasJet4 ? 0.25 * Math.tanh(x[JET4] - 0.6) : -0.2)
        + CHANNEL_EFFECT[channel]
        - 1.35;
    double p = 1.0 / (1.0 + Math.exp(-2.0 * score));
    return random.nextDouble() < p ? 1 : 0;
  }

  private static double pairMass(double pt1, double eta1, double phi1, double pt2, double eta2, double phi2) {
    double m2 = 2.0 * pt1 * pt2 * (Math.cosh(eta1 - eta2) - Math.cos(phi1 - phi2));
    return Math.sqrt(Math.max(m2, 0.0));
  }

  private static double btag(SplittableRandom random) {
    double u = random.nextDouble();
    return u < 0.55 ? 0.0 : u < 0.8 ? 1.086538 : 2.173076;
  }

  private static double angle(SplittableRandom random) {
    return (random.nextDouble() * 2.0 - 1.0) * Math.PI;
  }

  private static double logNormal(SplittableRandom random, double mu, double sigma) {
    return Math.exp(mu + sigma * gaussian(random));
  }

  /** Box–Muller; SplittableRandom has no Gaussian of its own in Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  private static double sq(double v) {
    return v * v;
  }

  /** Appends {@code v} rounded to six decimals without going through a formatter. */
  static void appendFixed(StringBuilder out, double v) {
    long scaled = Math.round(Math.abs(v) * 1_000_000.0);
    if (v < 0 && scaled != 0) {
      out.append('-');
    }
    out.append(scaled / 1_000_000);
    long fraction = scaled % 1_000_000;
    if (fraction != 0) {
      out.append('.');
      int digits = 6;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      String f = Long.toString(fraction);
      for (int pad = f.length(); pad < digits; pad++) {
        out.append('0');
      }
      out.append(f);
    }
  }
}
