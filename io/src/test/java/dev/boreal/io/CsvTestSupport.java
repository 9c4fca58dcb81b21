package dev.boreal.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/** Helpers shared by the CSV reader tests: writing files and reading columns back as plain values. */
final class CsvTestSupport {
  private CsvTestSupport() {}

  static Path write(Path dir, String name, String text) throws IOException {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  /** Every column as strings: numbers as {@link Double#toString}, text as itself, nulls as {@code null}. */
  static List<List<String>> columns(RawTable raw) {
    return columns(raw.root(), raw.dictionaries());
  }

  static List<List<String>> columns(Table table) {
    return columns(table.root(), table.dictionaries());
  }

  private static List<List<String>> columns(VectorSchemaRoot root, DictionaryProvider dictionaries) {
    List<List<String>> out = new ArrayList<>();
    for (FieldVector v : root.getFieldVectors()) {
      out.add(values(v, dictionaries));
    }
    return out;
  }

  static List<String> values(FieldVector v, DictionaryProvider dictionaries) {
    List<String> out = new ArrayList<>();
    DictionaryEncoding encoding = v.getField().getDictionary();
    for (int r = 0; r < v.getValueCount(); r++) {
      if (v.isNull(r)) {
        out.add(null);
      } else if (encoding == null) {
        out.add(Double.toString(((Float8Vector) v).get(r)));
      } else {
        VarCharVector words = (VarCharVector) dictionaries.lookup(encoding.getId()).getVector();
        out.add(new String(words.get(((IntVector) v).get(r)), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The dictionary of a categorical column, in code order. */
  static List<String> dictionary(Table table, String column) {
    DictionaryEncoding encoding = table.root().getVector(column).getField().getDictionary();
    VarCharVector words = (VarCharVector) table.dictionaries().lookup(encoding.getId()).getVector();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.getValueCount(); i++) {
      out.add(new String(words.get(i), StandardCharsets.UTF_8));
    }
    return out;
  }
}
