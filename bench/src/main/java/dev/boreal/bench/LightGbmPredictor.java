package dev.boreal.bench;

import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterPredictForMat;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_FastConfigFree;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_GetLastError;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_getitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.double_to_voidp_ptr;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.voidpp_value;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.lang.reflect.Field;

/**
 * LightGBM prediction through its C API as lightgbm4j exposes it, for what lightgbm4j's own methods get
 * wrong or make slow: {@code predictForMat} sizes its output for two values a row and overruns it for
 * multiclass models (a crash), and copies its input into native memory one JNI call per value. Here the
 * test matrix is copied into native memory once, outside the timings, outputs are sized by
 * {@code rows * outputs}, and single rows use LightGBM's fast single-row path (the one SynapseML uses).
 */
final class LightGbmPredictor implements AutoCloseable {
  private final SWIGTYPE_p_void booster;
  private final int columns;
  private final int outputs;
  private final String config;
  private SWIGTYPE_p_double input;
  private int rows;
  private SWIGTYPE_p_p_void fastConfig;
  private final SWIGTYPE_p_long_long outLength = new_int64_tp();
  private final SWIGTYPE_p_double rowOut;

  LightGbmPredictor(LGBMBooster booster, int columns, int outputs, String config) throws ReflectiveOperationException {
    // lightgbm4j keeps the booster handle private; the C API needs it.
    Field handle = LGBMBooster.class.getDeclaredField("handle");
    handle.setAccessible(true);
    this.booster = voidpp_value((SWIGTYPE_p_p_void) handle.get(booster));
    this.columns = columns;
    this.outputs = outputs;
    this.config = config;
    this.rowOut = new_doubleArray(outputs);
  }

  /** Copies the test matrix into native memory and sets up the single-row path. */
  void prepare(DenseData test) throws LGBMException {
    release();
    rows = test.rows();
    double[] v = test.values();
    input = new_doubleArray(v.length);
    for (int i = 0; i < v.length; i++) {
      doubleArray_setitem(input, i, v[i]);
    }
    fastConfig = new_voidpp();
    check(LGBM_BoosterPredictForMatSingleRowFastInit(booster, PredictionType.C_API_PREDICT_RAW_SCORE.getType(), 0,
        -1, lightgbmlibConstants.C_API_DTYPE_FLOAT64, columns, config, fastConfig));
  }

  /** Raw scores of the first {@code n} prepared rows, row-major, into {@code out}. */
  void predict(int n, PredictionType type, double[] out) throws LGBMException {
    long size = (long) n * (type == PredictionType.C_API_PREDICT_CONTRIB ? (columns + 1) * outputs : outputs);
    SWIGTYPE_p_double result = new_doubleArray(size);
    try {
      check(LGBM_BoosterPredictForMat(booster, double_to_voidp_ptr(input), lightgbmlibConstants.C_API_DTYPE_FLOAT64,
          n, columns, 1, type.getType(), 0, -1, config, outLength, result));
      int copy = (int) Math.min(size, out.length);
      for (int i = 0; i < copy; i++) {
        out[i] = doubleArray_getitem(result, i);
      }
    } finally {
      delete_doubleArray(result);
    }
  }

  /** Raw scores of one row. */
  void predictRow(double[] row, double[] out) throws LGBMException {
    check(LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row, voidpp_value(fastConfig), outLength, rowOut));
    for (int k = 0; k < outputs; k++) {
      out[k] = doubleArray_getitem(rowOut, k);
    }
  }

  /** Prepared rows. */
  int rows() {
    return rows;
  }

  private static void check(int status) throws LGBMException {
    if (status != 0) {
      throw new LGBMException(LGBM_GetLastError());
    }
  }

  private void release() {
    if (input != null) {
      delete_doubleArray(input);
      input = null;
    }
    if (fastConfig != null) {
      LGBM_FastConfigFree(voidpp_value(fastConfig));
      delete_voidpp(fastConfig);
      fastConfig = null;
    }
  }

  @Override
  public void close() {
    release();
    delete_doubleArray(rowOut);
    delete_int64_tp(outLength);
  }
}
