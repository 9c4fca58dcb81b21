package dev.boreal.io;

import dev.boreal.collect.DoubleIntMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.Types;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One output column of {@link ArrowFileReader}: appends the matching column of each record batch,
 * converted to a {@code Float8Vector} or to dictionary codes, and finally hands over the vector and
 * its dictionary. Closing it releases whatever it still owns.
 */
final class ArrowFileColumn implements AutoCloseable {
  private static final ArrowType.Int INT32 = new ArrowType.Int(32, true);

  private final ArrowFileReader.Kind kind;
  private final BufferAllocator allocator;
  private final Float8Vector numbers;
  private final IntVector codes;
  private final DictionaryEncoding encoding;
  private final TextDictionary categories;
  /** For numbers read as categories: the code of each distinct number, so each is formatted once. */
  private final DoubleIntMap numberCodes;
  private final byte[][] bytes = {new byte[64]};
  private int[] remap = new int[0];
  private double[] dictionaryValues = new double[0];
  private boolean handedOver;

  ArrowFileColumn(String name, int position, ArrowFileReader.Kind kind, BufferAllocator allocator) {
    this.kind = kind;
    this.allocator = allocator;
    if (kind == ArrowFileReader.Kind.NUMERIC) {
      numbers = new Float8Vector(name, allocator);
      codes = null;
      encoding = null;
      categories = null;
      numberCodes = null;
    } else {
      numbers = null;
      // The column position is unique within the table, which is all a dictionary id must be.
      encoding = new DictionaryEncoding(position, false, INT32);
      codes = new IntVector(new Field(name, new FieldType(true, INT32, encoding), null), allocator);
      categories = new TextDictionary();
      numberCodes = new DoubleIntMap(-1);
    }
  }

  /**
   * Appends rows {@code [0, n)} of {@code src} at output rows {@code [offset, offset+n)}.
   *
   * @param dictionaries where a dictionary-encoded {@code src} finds its dictionary
   * @param scratch room for at least {@code n} doubles
   */
  void append(FieldVector src, DictionaryProvider dictionaries, int offset, int n, double[] scratch) {
    switch (kind) {
      case NUMERIC:
        ArrowFileReader.readDoubles(src, n, scratch);
        for (int r = 0; r < n; r++) {
          if (Double.isNaN(scratch[r])) {
            numbers.setNull(offset + r);
          } else {
            numbers.setSafe(offset + r, scratch[r]);
          }
        }
        break;
      case NUMBER_CATEGORIES:
        ArrowFileReader.readDoubles(src, n, scratch);
        for (int r = 0; r < n; r++) {
          setCode(offset + r, numberCode(scratch[r]));
        }
        break;
      default:
        DictionaryEncoding srcEncoding = src.getField().getDictionary();
        if (srcEncoding == null) {
          for (int r = 0; r < n; r++) {
            int len = ArrowFileReader.textBytes(src, r, bytes);
            setCode(offset + r, len < 0 ? -1 : categories.add(bytes[0], 0, len));
          }
        } else {
          appendDictionaryEncoded(src, dictionaries.lookup(srcEncoding.getId()), offset, n);
        }
    }
  }

  /** Maps each dictionary entry to a code once, then each row through that map. */
  private void appendDictionaryEncoded(FieldVector src, Dictionary dictionary, int offset, int n) {
    FieldVector values = dictionary.getVector();
    int size = values.getValueCount();
    if (remap.length < size) {
      remap = new int[size];
    }
    boolean text = values instanceof VarCharVector
        || values.getMinorType() == Types.MinorType.LARGEVARCHAR;
    if (text) {
      for (int i = 0; i < size; i++) {
        int len = ArrowFileReader.textBytes(values, i, bytes);
        remap[i] = len < 0 ? -1 : categories.add(bytes[0], 0, len);
      }
    } else {
      if (dictionaryValues.length < size) {
        dictionaryValues = new double[size];
      }
      ArrowFileReader.readDoubles(values, size, dictionaryValues);
      for (int i = 0; i < size; i++) {
        remap[i] = numberCode(dictionaryValues[i]);
      }
    }
    BaseIntVector indices = (BaseIntVector) src;
    for (int r = 0; r < n; r++) {
      setCode(offset + r, src.isNull(r) ? -1 : remap[(int) indices.getValueAsLong(r)]);
    }
  }

  private int numberCode(double v) {
    if (Double.isNaN(v)) {
      return -1;
    }
    double key = v == 0.0 ? 0.0 : v; // -0.0 and 0.0 are one category, "0"
    int code = numberCodes.get(key);
    if (code < 0) {
      code = categories.add(TextDictionary.numberText(key));
      numberCodes.put(key, code);
    }
    return code;
  }

  private void setCode(int row, int code) {
    if (code < 0) {
      codes.setNull(row);
    } else {
      codes.setSafe(row, code);
    }
  }

  /**
   * Hands over the finished vector of {@code rows} rows, putting its dictionary (if any) in
   * {@code dictionaries}; from then on the caller owns both.
   */
  FieldVector finish(int rows, DictionaryProvider.MapDictionaryProvider dictionaries) {
    if (numbers != null) {
      numbers.setValueCount(rows);
      handedOver = true;
      return numbers;
    }
    codes.setValueCount(rows);
    VarCharVector words = categories.toVector(codes.getName() + ".dictionary", allocator);
    dictionaries.put(new Dictionary(words, encoding));
    handedOver = true;
    return codes;
  }

  @Override
  public void close() {
    if (!handedOver) {
      if (numbers != null) {
        numbers.close();
      } else {
        codes.close();
      }
    }
  }
}
