/**
 * Parquet and Arrow IPC files through Arrow Dataset (native code over JNI): the
 * {@link dev.boreal.io.DatasetFormats} provider that the io module finds through {@link java.util.ServiceLoader}. Having the
 * {@code boreal-io-dataset} artifact on the classpath is all it takes; nothing calls this package directly.
 */
package dev.boreal.io.dataset;
