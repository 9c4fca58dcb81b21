/**
 * Reading and writing Boreal's files: data tables (CSV, TSV, LibSVM, Arrow IPC, and Parquet through the
 * optional {@link dev.boreal.io.DatasetFormats} provider) read into a {@link dev.boreal.io.Table} by
 * {@link dev.boreal.io.DataReaders}, or built from memory by {@link dev.boreal.io.MemoryTables}; the native
 * model file ({@link dev.boreal.io.ModelFile}) and the importers of XGBoost and LightGBM models
 * ({@link dev.boreal.io.ModelFormats}); result tables ({@link dev.boreal.io.TableWriter}); and the synthetic
 * data of the demo ({@link dev.boreal.io.SyntheticData}).
 *
 * <p>Every file Boreal writes goes through {@link dev.boreal.io.OutputFile}: checked before the work, written
 * under an exclusive temporary name beside the target and moved into place, so it appears whole or not at
 * all; {@link dev.boreal.io.UnfinishedOutputs} removes the temporary files of a JVM stopped mid-write.
 */
package dev.boreal.io;
