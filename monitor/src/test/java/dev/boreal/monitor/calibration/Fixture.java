package dev.boreal.monitor.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A parity fixture written by {@code make_fixtures.py}: lines of a name and its numbers. */
final class Fixture {
  private final Map<String, double[]> values = new HashMap<>();

  Fixture(String name) throws IOException {
    try (InputStream in = Fixture.class.getResourceAsStream("/calibration/" + name + ".txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        double[] numbers = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          numbers[i - 1] = Double.parseDouble(parts[i]);
        }
        values.put(parts[0], numbers);
      }
    }
  }

  double[] get(String name) {
    return values.get(name);
  }

  double scalar(String name) {
    return values.get(name)[0];
  }

  int[] labels() {
    double[] y = values.get("labels");
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (int) y[i];
    }
    return out;
  }

  boolean[] positive() {
    int[] y = labels();
    boolean[] out = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] == 1;
    }
    return out;
  }
}
