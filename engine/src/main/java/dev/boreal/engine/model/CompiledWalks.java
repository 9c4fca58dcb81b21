package dev.boreal.engine.model;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import org.objectweb.asm.ClassWriter;

/**
 * The walks of {@link FlatTrees} compiled to bytecode: each walk becomes a hidden class whose static methods hold
 * the tree as nested compares and branches, every threshold a constant, so the JIT turns a tree into straight
 * machine code with no node records to load.
 *
 * <p>A walk's block method loops over a block of encoded rows, calls the tree's method for each and writes the
 * leaf the row reaches (the index of its first value in {@code leafValue}); the caller adds the values, walk by walk, exactly as the flat walks do, so scores
 * are bit for bit theirs. One walk's code runs over the whole block before the next walk's, so the tree's machine
 * code stays in the instruction cache while the rows stream past. The routing is {@link Routing}'s rule, with the
 * exact double thresholds: {@code value <= threshold} as one {@code dcmpg} (NaN goes right) or {@code dcmpl} (NaN
 * goes left, the default side), and a categorical node tests the bit of the value's bin. A method holds at most
 * {@link #MAX_METHOD_NODES} internal nodes and calls methods of its own for the subtrees beyond, so that none
 * passes the size the JIT compiles (8,000 bytes of bytecode; a larger method would stay interpreted).
 */
final class CompiledWalks {
  /**
   * Internal nodes a method holds at most: a node's compare takes at most 14 bytes, and a leaf's return or a
   * subtree's call at most 14, so 256 nodes stay below 7,200 bytes; a tree of 255 leaves fits in one.
   */
  static final int MAX_METHOD_NODES = 256;
  /**
   * A model with a walk of more internal nodes than this is not compiled. Measured on a forest of 100 fully grown
   * trees (100k rows): 1.6 s to build, and after 400,000 rows still half the ranked walk's rate, the JIT still
   * compiling the code of about a million nodes.
   */
  static final int MAX_WALK_NODES = 4_095;

  private static final MethodType BLOCK_TYPE = MethodType.methodType(void.class, double[].class, int.class,
      int.class, int.class, long[].class, int[].class);
  private static final String BLOCK_METHOD = "walk";

  private final NodeRecords records;
  private final MethodHandle[] walks;
  private final int longestMethod;
  /** Per thread: the leaf of each row of a block. */
  private final ThreadLocal<int[]> leafScratch = ThreadLocal.withInitial(() -> new int[RowEncoder.BLOCK]);

  private CompiledWalks(NodeRecords records, MethodHandle[] walks, int longestMethod) {
    this.records = records;
    this.walks = walks;
    this.longestMethod = longestMethod;
  }

  /** Compiles every walk of a flattened model, or returns null when one is too large to compile. */
  static CompiledWalks compileOrNull(NodeRecords records) {
    int[] roots = records.roots;
    Shape shape = new Shape(records.nodes, records.exactThreshold);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle[] walks = new MethodHandle[roots.length];
    for (int root : roots) {
      if (root >= 0 && shape.size(root) > MAX_WALK_NODES) {
        return null;
      }
    }
    try {
      for (int w = 0; w < roots.length; w++) {
        MethodHandles.Lookup walk = lookup.defineHiddenClass(shape.walkClass(roots[w]), true);
        walks[w] = walk.findStatic(walk.lookupClass(), BLOCK_METHOD, BLOCK_TYPE);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("a compiled tree could not be defined", e);
    }
    return new CompiledWalks(records, walks, shape.longestMethod);
  }

  /**
   * Adds every walk's leaf values to the scores of {@code rows} encoded rows ({@code x[at ..]}, row-major), a
   * block of rows at a time: walk by walk, as {@link FlatTrees} adds them, so the sums are its sums.
   *
   * @param out row r's scores at {@code outOffset + r * numOutputs}, added to
   */
  void addLeaves(double[] x, int at, int rows, double[] out, int outOffset) {
    int k = records.numOutputs;
    int stride = records.numFeatures;
    int[] leaves = leafScratch.get();
    for (int from = 0; from < rows; from += RowEncoder.BLOCK) {
      int n = Math.min(RowEncoder.BLOCK, rows - from);
      int rowAt = at + from * stride;
      int blockOut = outOffset + from * k;
      for (int w = 0; w < walks.length; w++) {
        walk(w, x, rowAt, n, stride, leaves);
        int values = records.width[w];
        for (int r = 0, outAt = blockOut + records.output[w]; r < n; r++, outAt += k) {
          records.addLeaf(out, outAt, leaves[r], values);
        }
      }
    }
  }

  /** The longest generated method, in bytes of bytecode. */
  int longestMethod() {
    return longestMethod;
  }

  /** Runs the rows down walk {@code w}, writing each row's leaf (its first value's index) to {@code leaves}. */
  private void walk(int w, double[] x, int at, int rows, int stride, int[] leaves) {
    try {
      walks[w].invokeExact(x, at, rows, stride, records.catBits, leaves);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The node records read for code generation, and each node's subtree size. */
  static final class Shape {
    final int[] nodes;
    final double[] exactThreshold;
    private final int[] sizes;
    /** The longest method written so far, in bytes of bytecode. */
    int longestMethod;

    Shape(int[] nodes, double[] exactThreshold) {
      this.nodes = nodes;
      this.exactThreshold = exactThreshold;
      this.sizes = new int[nodes.length / NodeRecords.RECORD];
    }

    /** Internal nodes in the subtree of internal node {@code node}. */
    int size(int node) {
      if (sizes[node] == 0) {
        int left = nodes[node * NodeRecords.RECORD + 2];
        int right = nodes[node * NodeRecords.RECORD + 3];
        sizes[node] = 1 + (left >= 0 ? size(left) : 0) + (right >= 0 ? size(right) : 0);
      }
      return sizes[node];
    }

    /** The class file of one walk: its block method, then a method for each subtree too large to inline. */
    byte[] walkClass(int root) {
      ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
      String name = CompiledWalks.class.getName().replace('.', '/') + "$Walk";
      cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
      ArrayDeque<Integer> subtrees = new ArrayDeque<>();
      TreeCode.Block block = new TreeCode.Block(this, name, subtrees);
      block.write(cw, BLOCK_METHOD, root);
      TreeCode.Subtree methods = new TreeCode.Subtree(this, name, subtrees);
      while (!subtrees.isEmpty()) {
        methods.write(cw, subtrees.poll());
      }
      longestMethod = Math.max(longestMethod, Math.max(block.longestMethod(), methods.longestMethod()));
      cw.visitEnd();
      return cw.toByteArray();
    }
  }
}
