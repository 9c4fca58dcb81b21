package dev.boreal.engine.model;

import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.D2I;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DCMPG;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.RETURN;

import java.util.Queue;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes one method of a compiled walk ({@link CompiledWalks}): a tree's internal nodes as nested compares and
 * branches. Two kinds of method differ only in what happens at a leaf and where a row's values are:
 * {@link Block}, the walk's entry, loops over a block of rows and stores each row's leaf; {@link Subtree}
 * returns the leaf of the one row it is given.
 */
abstract class TreeCode {
  private final CompiledWalks.Shape shape;
  private final String owner;
  private final Queue<Integer> subtrees;
  /** The method being written. */
  protected MethodVisitor mv;
  /** Internal nodes the method being written may still hold. */
  private int budget;
  /** The longest method written so far, in bytes of bytecode. */
  private int longest;

  TreeCode(CompiledWalks.Shape shape, String owner, Queue<Integer> subtrees) {
    this.shape = shape;
    this.owner = owner;
    this.subtrees = subtrees;
  }

  /** Local variable holding the values, a {@code double[]}. */
  abstract int valuesLocal();

  /** Local variable holding where the row's values start in them. */
  abstract int rowLocal();

  /** Local variable holding the categorical bitsets, a {@code long[]}. */
  abstract int bitsLocal();

  /** A free int local for a categorical value's bin. */
  abstract int binLocal();

  /** Ends a path at the leaf whose values start at {@code leafValue[value]}. */
  abstract void leaf(int value);

  /** Ends a path with the leaf that a subtree method, just called with the row, left on the operand stack. */
  abstract void subtreeLeaf();

  /** The longest method this writer has written, in bytes of bytecode (the JIT compiles up to 8,000). */
  final int longestMethod() {
    return longest;
  }

  /**
   * Writes the code of internal node {@code node} and, below it, its children: through {@link #child}, which
   * may give a large one a method of its own, when {@code budgeted}; else inline, already counted.
   */
  private void node(int node, boolean budgeted) {
    int o = node * NodeRecords.RECORD;
    int meta = shape.nodes[o];
    Label right = new Label();
    mv.visitVarInsn(ALOAD, valuesLocal());
    mv.visitVarInsn(ILOAD, rowLocal());
    mv.visitLdcInsn(meta & NodeRecords.FEATURE);
    mv.visitInsn(IADD);
    mv.visitInsn(DALOAD);
    if (meta >= 0) {
      // value <= threshold goes left: the compare gives 1 above it, and for NaN 1 (dcmpg, missing goes right)
      // or -1 (dcmpl, missing goes left).
      mv.visitLdcInsn(shape.exactThreshold[node]);
      mv.visitInsn((meta & NodeRecords.DEFAULT_LEFT) != 0 ? DCMPL : DCMPG);
      mv.visitJumpInsn(IFGT, right);
    } else {
      // Routing.inSet(bits, offset, (int) value)
      mv.visitInsn(D2I);
      mv.visitVarInsn(ISTORE, binLocal());
      mv.visitVarInsn(ALOAD, bitsLocal());
      mv.visitLdcInsn(shape.nodes[o + 1]);
      mv.visitVarInsn(ILOAD, binLocal());
      mv.visitLdcInsn(6);
      mv.visitInsn(IUSHR);
      mv.visitInsn(IADD);
      mv.visitInsn(LALOAD);
      mv.visitInsn(LCONST_1);
      mv.visitVarInsn(ILOAD, binLocal());
      mv.visitInsn(LSHL);
      mv.visitInsn(LAND);
      mv.visitInsn(LCONST_0);
      mv.visitInsn(LCMP);
      mv.visitJumpInsn(IFEQ, right);
    }
    if (budgeted) {
      child(shape.nodes[o + 2]);
      mv.visitLabel(right);
      child(shape.nodes[o + 3]);
    } else {
      inline(shape.nodes[o + 2]);
      mv.visitLabel(right);
      inline(shape.nodes[o + 3]);
    }
  }

  /**
   * Writes a child within the method's budget of {@link CompiledWalks#MAX_METHOD_NODES} internal nodes: a leaf; a
   * subtree that fits, inline; else, while the budget lasts, the child's own compare with its children budgeted
   * in turn (so a long chain of splits fills each method before the next begins); else a call to a method of the
   * child's subtree.
   */
  final void child(int child) {
    if (child < 0) {
      leaf(~child);
    } else if (shape.size(child) <= budget) {
      budget -= shape.size(child);
      node(child, false);
    } else if (budget > 0) {
      budget--;
      node(child, true);
    } else {
      call(child);
    }
  }

  /** Ends a path with a call to the method of the subtree under internal node {@code node}, queued to be written. */
  final void call(int node) {
    subtrees.add(node);
    mv.visitVarInsn(ALOAD, valuesLocal());
    mv.visitVarInsn(ILOAD, rowLocal());
    mv.visitVarInsn(ALOAD, bitsLocal());
    mv.visitMethodInsn(INVOKESTATIC, owner, subtreeName(node), Subtree.DESCRIPTOR, false);
    subtreeLeaf();
  }

  /** Writes a child whose subtree the budget already counts. */
  private void inline(int child) {
    if (child < 0) {
      leaf(~child);
    } else {
      node(child, false);
    }
  }

  /** Starts a method's code with a full budget. */
  final void begin(ClassWriter cw, int access, String name, String descriptor) {
    mv = cw.visitMethod(access, name, descriptor, null, null);
    mv.visitCode();
    budget = CompiledWalks.MAX_METHOD_NODES;
  }

  /** Ends a method's code and records its length in bytes. */
  final void end() {
    Label end = new Label();
    mv.visitLabel(end);
    longest = Math.max(longest, end.getOffset());
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static String subtreeName(int node) {
    return "subtree" + node;
  }

  /**
   * {@code static void walk(double[] x, int at, int rows, int stride, long[] bits, int[] leaves)}: row r's values
   * at {@code x[at + r * stride]}, its leaf to {@code leaves[r]}, from the root's subtree method.
   */
  static final class Block extends TreeCode {
    static final String DESCRIPTOR = "([DIII[J[I)V";
    private static final int X = 0;
    private static final int AT = 1;
    private static final int ROWS = 2;
    private static final int STRIDE = 3;
    private static final int BITS = 4;
    private static final int LEAVES = 5;
    private static final int R = 6;
    private static final int ROW = 7;
    private static final int BIN = 8;
    private Label next;

    Block(CompiledWalks.Shape shape, String owner, Queue<Integer> subtrees) {
      super(shape, owner, subtrees);
    }

    /** Writes the method for the walk whose root is {@code root} (an encoded leaf when the tree has no split). */
    void write(ClassWriter cw, String name, int root) {
      begin(cw, ACC_STATIC, name, DESCRIPTOR);
      Label loop = new Label();
      Label end = new Label();
      next = new Label();
      mv.visitLdcInsn(0);
      mv.visitVarInsn(ISTORE, R);
      mv.visitVarInsn(ILOAD, AT);
      mv.visitVarInsn(ISTORE, ROW);
      mv.visitLabel(loop);
      mv.visitVarInsn(ILOAD, R);
      mv.visitVarInsn(ILOAD, ROWS);
      mv.visitJumpInsn(IF_ICMPGE, end);
      // The tree is a method of its own, called once a row: measured about 1.5 times as fast as the same code
      // inlined into this loop (447k against 290k rows/s on one thread, 100 trees of 255 leaves).
      if (root < 0) {
        leaf(~root);
      } else {
        call(root);
      }
      mv.visitLabel(next);
      mv.visitIincInsn(R, 1);
      mv.visitVarInsn(ILOAD, ROW);
      mv.visitVarInsn(ILOAD, STRIDE);
      mv.visitInsn(IADD);
      mv.visitVarInsn(ISTORE, ROW);
      mv.visitJumpInsn(GOTO, loop);
      mv.visitLabel(end);
      mv.visitInsn(RETURN);
      end();
    }

    @Override
    int valuesLocal() {
      return X;
    }

    @Override
    int rowLocal() {
      return ROW;
    }

    @Override
    int bitsLocal() {
      return BITS;
    }

    @Override
    int binLocal() {
      return BIN;
    }

    @Override
    void leaf(int value) {
      mv.visitVarInsn(ALOAD, LEAVES);
      mv.visitVarInsn(ILOAD, R);
      mv.visitLdcInsn(value);
      mv.visitInsn(IASTORE);
      mv.visitJumpInsn(GOTO, next);
    }

    @Override
    void subtreeLeaf() {
      // The store needs the array and index below the leaf: keep the leaf in a local while they are pushed.
      int leafLocal = BIN;
      mv.visitVarInsn(ISTORE, leafLocal);
      mv.visitVarInsn(ALOAD, LEAVES);
      mv.visitVarInsn(ILOAD, R);
      mv.visitVarInsn(ILOAD, leafLocal);
      mv.visitInsn(IASTORE);
      mv.visitJumpInsn(GOTO, next);
    }
  }

  /** {@code private static int subtreeN(double[] x, int row, long[] bits)}: the leaf of the row at {@code x[row]}. */
  static final class Subtree extends TreeCode {
    static final String DESCRIPTOR = "([DI[J)I";

    Subtree(CompiledWalks.Shape shape, String owner, Queue<Integer> subtrees) {
      super(shape, owner, subtrees);
    }

    /** Writes the method of the subtree under internal node {@code node}. */
    void write(ClassWriter cw, int node) {
      begin(cw, ACC_PRIVATE | ACC_STATIC, subtreeName(node), DESCRIPTOR);
      child(node);
      end();
    }

    @Override
    int valuesLocal() {
      return 0;
    }

    @Override
    int rowLocal() {
      return 1;
    }

    @Override
    int bitsLocal() {
      return 2;
    }

    @Override
    int binLocal() {
      return 3;
    }

    @Override
    void leaf(int value) {
      mv.visitLdcInsn(value);
      mv.visitInsn(IRETURN);
    }

    @Override
    void subtreeLeaf() {
      mv.visitInsn(IRETURN);
    }
  }
}
