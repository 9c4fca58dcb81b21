package dev.boreal.io;

import dev.boreal.histogram.WorkerTeam;
import dev.boreal.io.CsvBlockParser.Block;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Copies parsed blocks, in file order, into Arrow columns: a {@code Float8Vector} per numeric column and
 * a dictionary-encoded {@code IntVector} plus its {@code VarCharVector} dictionary per text column.
 * Columns are independent, so they are built in parallel; block arrays are dropped as soon as they are
 * copied, to keep the peak heap near one copy of the data.
 */
final class CsvAssembler {
  private static final ArrowType CODE_TYPE = new ArrowType.Int(32, true);

  private CsvAssembler() {}

  /** One finished column, its dictionary when it is categorical, and a note when stray values made it so. */
  private record Column(FieldVector vector, Dictionary dictionary, ReadNote note) {}

  /**
   * Builds the table, one column per task on the run's team; every block must hold values (numeric) or
   * codes (text) for every column, as {@code text} says. A text column that {@code forced} does not name
   * gets a note when a few stray values made it text ({@link StrayTokens}). On failure everything
   * allocated is released and the failure of the lowest column is thrown.
   *
   * @param notes notes the reader made so far; the table's notes are these, then the columns' in order
   */
  static RawTable assemble(String file, List<String> names, boolean[] text, boolean[] forced, List<Block> blocks,
      int rows, List<ReadNote> notes, BufferAllocator allocator, WorkerTeam team) {
    Column[] columns = new Column[names.size()];
    try {
      team.run(columns.length, c -> columns[c] = text[c]
          ? textColumn(c, names.get(c), blocks, rows, forced[c] ? null : file, allocator)
          : new Column(numericColumn(c, names.get(c), blocks, rows, allocator), null, null));
    } catch (RuntimeException | Error e) {
      for (Column column : columns) {
        if (column != null) {
          column.vector().close();
          if (column.dictionary() != null) {
            column.dictionary().getVector().close();
          }
        }
      }
      throw e;
    }
    MapDictionaryProvider dictionaries = new MapDictionaryProvider();
    List<FieldVector> vectors = new ArrayList<>(names.size());
    List<ReadNote> allNotes = new ArrayList<>(notes);
    for (Column column : columns) {
      vectors.add(column.vector());
      if (column.dictionary() != null) {
        dictionaries.put(column.dictionary());
      }
      if (column.note() != null) {
        allNotes.add(column.note());
      }
    }
    VectorSchemaRoot root = new VectorSchemaRoot(vectors);
    root.setRowCount(rows);
    return new RawTable(root, dictionaries, null, allNotes);
  }

  private static Float8Vector numericColumn(int c, String name, List<Block> blocks, int rows,
      BufferAllocator allocator) {
    Field field = new Field(name, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        null);
    Float8Vector vector = new Float8Vector(field, allocator);
    try {
      vector.allocateNew(rows);
      ArrowBuf data = vector.getDataBuffer();
      setAllValid(vector.getValidityBuffer(), rows);
      int row = 0;
      for (Block block : blocks) {
        double[] values = block.values[c];
        int n = block.rows;
        data.nioBuffer((long) row * Double.BYTES, n * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .asDoubleBuffer().put(values, 0, n);
        for (int i = 0; i < n; i++) {
          if (values[i] != values[i]) {
            BitVectorHelper.unsetBit(vector.getValidityBuffer(), row + i);
          }
        }
        row += n;
        block.values[c] = null;
      }
      vector.setValueCount(rows);
      return vector;
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  /** @param file the file's name, to check the column for stray values, or {@code null} not to */
  private static Column textColumn(int c, String name, List<Block> blocks, int rows, String file,
      BufferAllocator allocator) {
    DictionaryEncoding encoding = new DictionaryEncoding(c, false, (ArrowType.Int) CODE_TYPE);
    IntVector vector = new IntVector(new Field(name, new FieldType(true, CODE_TYPE, encoding), null), allocator);
    try {
      vector.allocateNew(rows);
      ArrowBuf data = vector.getDataBuffer();
      setAllValid(vector.getValidityBuffer(), rows);
      TextDictionary merged = new TextDictionary();
      int row = 0;
      for (Block block : blocks) {
        TextDictionary local = block.dictionaries[c];
        int[] remap = new int[local.size()];
        for (int k = 0; k < remap.length; k++) {
          remap[k] = merged.add(local.bytes(), local.start(k), local.end(k));
        }
        int[] codes = block.codes[c];
        int n = block.rows;
        for (int i = 0; i < n; i++) {
          if (codes[i] >= 0) {
            codes[i] = remap[codes[i]];
          } else {
            BitVectorHelper.unsetBit(vector.getValidityBuffer(), row + i);
          }
        }
        data.nioBuffer((long) row * Integer.BYTES, n * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer().put(codes, 0, n);
        row += n;
        block.codes[c] = null;
        block.dictionaries[c] = null;
      }
      vector.setValueCount(rows);
      ReadNote note = file == null ? null : StrayTokens.check(file, name, vector, merged);
      return new Column(vector, new Dictionary(merged.toVector(name + ".dictionary", allocator), encoding), note);
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  /** Marks rows {@code [0, rows)} valid; null rows are cleared afterwards, which is cheaper as they are rare. */
  private static void setAllValid(ArrowBuf validity, int rows) {
    validity.setOne(0L, rows / 8);
    for (int r = rows / 8 * 8; r < rows; r++) {
      BitVectorHelper.setBit(validity, r);
    }
  }

}
