/**
 * Small primitive collections for the hot paths: growable {@code int} and {@code double} arrays, an
 * {@code int} heap and a stable indirect sort driven by an {@link dev.boreal.collect.IntComparator}, and an
 * open-addressing map from {@code long} (or {@code double}) keys to {@code int} values. None of them boxes,
 * so the library needs no collections dependency (it used fastutil, whose jar alone is 24 MB).
 */
package dev.boreal.collect;
