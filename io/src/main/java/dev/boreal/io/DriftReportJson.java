package dev.boreal.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.monitor.drift.DriftReport;

/**
 * The JSON document of a {@link DriftReport}: every component of the report and of each feature's test by its
 * name, indented. {@code boreal drift --json} prints it and {@code boreal serve}'s {@code GET /drift} answers
 * it, so a client reads both the same way.
 */
public final class DriftReportJson {
  private static final ObjectWriter WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writer();

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
