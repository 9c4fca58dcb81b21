package dev.boreal.spark;

import dev.boreal.histogram.BinMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BinMapper} in a form Spark can ship to executors: the arguments of its public factories. The driver
 * learns the mappers once; every partition rebuilds the same ones from these.
 */
final class MapperSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] upperBounds;
  private final String[] categories;
  private final boolean zeroIsMissing;
  private final boolean nanIsZero;
  private final boolean unknownBin;
  private final boolean constant;

  private MapperSpec(BinMapper m) {
    this.categories = m.isCategorical() ? m.categories() : null;
    this.upperBounds = m.isCategorical() ? null : m.upperBounds();
    this.zeroIsMissing = !m.isCategorical() && m.zeroIsMissing();
    this.nanIsZero = !m.isCategorical() && m.nanIsZero();
    this.unknownBin = m.isCategorical() && m.hasUnknownBin();
    this.constant = m.isConstant();
  }

  static ArrayList<MapperSpec> of(List<BinMapper> mappers) {
    ArrayList<MapperSpec> specs = new ArrayList<>(mappers.size());
    for (BinMapper m : mappers) {
      specs.add(new MapperSpec(m));
    }
    return specs;
  }

  static List<BinMapper> toMappers(List<MapperSpec> specs) {
    List<BinMapper> mappers = new ArrayList<>(specs.size());
    for (MapperSpec s : specs) {
      mappers.add(s.categories != null ? BinMapper.ofCategorical(s.categories, s.unknownBin, s.constant)
          : BinMapper.ofNumeric(s.upperBounds, s.zeroIsMissing, s.nanIsZero, s.constant));
    }
    return mappers;
  }
}
