package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.FeatureDrift;
import java.io.IOException;

/**
 * The JSON document of a {@link DriftReport}: every component of the report and of each feature's test by its
 * name, indented. {@code boreal drift --json} prints it and {@code boreal serve}'s {@code GET /drift} answers
 * it, so a client reads both the same way.
 */
public final class DriftReportJson {
  private static final ObjectWriter WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(double[].class, new CountsSerializer())
          .setMixInAnnotation(DriftReport.class, ReferenceRowsMixIn.class)
          .setMixInAnnotation(FeatureDrift.class, ReferenceRowsMixIn.class)).writer();

  /**
   * Writes the cell counts (the report's only arrays of doubles) with whole counts as JSON integers, as they
   * were before weighted references made them doubles; a weighted reference's fractional counts as decimals.
   */
  private static final class CountsSerializer extends StdSerializer<double[]> {
    private static final long serialVersionUID = 1L;

    CountsSerializer() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] counts, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeStartArray(counts, counts.length);
      for (double c : counts) {
        writeCount(c, g);
      }
      g.writeEndArray();
    }
  }

  /** The reference's row count, a whole number unless the reference is weighted, as the cell counts. */
  private static final class CountSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    CountSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double count, JsonGenerator g, SerializerProvider provider) throws IOException {
      writeCount(count, g);
    }
  }

  /** Gives the reports' {@code referenceRows} the {@link CountSerializer}. */
  private abstract static class ReferenceRowsMixIn {
    @JsonSerialize(using = CountSerializer.class)
    abstract double referenceRows();
  }

  private static void writeCount(double c, JsonGenerator g) throws IOException {
    if (c == Math.rint(c) && Math.abs(c) < 0x1p53) {
      g.writeNumber((long) c);
    } else {
      g.writeNumber(c);
    }
  }

  private DriftReportJson() {}

  /** The report as JSON. */
  public static String of(DriftReport report) {
    try {
      return WRITER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a drift report holds only numbers, strings and lists", e);
    }
  }
}
