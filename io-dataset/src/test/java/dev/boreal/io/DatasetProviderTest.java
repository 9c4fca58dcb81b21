package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.io.dataset.ArrowDatasetFormats;
import org.junit.jupiter.api.Test;

/** With boreal-io-dataset on the classpath, io finds its Arrow Dataset provider without being told. */
class DatasetProviderTest {
  @Test
  void serviceLoaderFindsTheArrowDatasetProvider() {
    assertEquals(ArrowDatasetFormats.class, DatasetFormats.require("Parquet files").getClass());
  }
}
