package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.io.dataset.DatasetParquetFormat;
import org.junit.jupiter.api.Test;

/** With boreal-io-dataset on the classpath, io finds its Parquet provider without being told. */
class ParquetProviderTest {
  @Test
  void serviceLoaderFindsTheDatasetProvider() {
    assertEquals(DatasetParquetFormat.class, ParquetFormat.installed().getClass());
  }
}
