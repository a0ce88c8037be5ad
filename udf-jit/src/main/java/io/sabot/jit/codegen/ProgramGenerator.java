package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.bind.ExactOp;
import io.sabot.jit.exec.ExactMath;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Program;
import io.sabot.jit.exec.Utf8Writer;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Layouts;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Emits the class file of one program shape: {@code final class Program$N extends GeneratedProgram}.
 *
 * <pre>
 *   fields        lit&lt;slot&gt; (LiteralSlots), udf&lt;k&gt;_&lt;j&gt; (UdfSlots): final, set by the constructor
 *   &lt;init&gt;(Object[] values)     literal values, then UDF hosted values
 *   filterBlock(f, sel, base, mask, s) -&gt; long      predicate of a 64-row block, straight bytecode per row
 *   projectBlock(f, sel, base, mask, s, outRow, vectorDone)   calls proj&lt;g&gt; for each group of projections
 *   proj&lt;g&gt;(f, sel, base, mask, s, outRow)           a group of projections, values and validity words
 *   sub&lt;k&gt;(f, sel, base, mask, s)                    a split subtree of a block into scratch slot k
 *   vec* (VectorBlockEmitter)                        Vector API block methods, when the trees are supported
 *   toString()                                       the shape key, loaded from the hidden class's class data
 * </pre>
 *
 * Per row each node is evaluated into primitive locals (value, and an int null flag; UTF8 as segment, start,
 * length): no boxing, allocation or exception. Integer / and % guard the divisor (null on zero). {@code if} and
 * {@code coalesce} evaluate lazily. Nodes whose estimated bytecode would push a method past the split threshold are
 * moved into {@code sub<k>} methods evaluated once per block into a {@link BlockScratch}.
 *
 * <p>Thread-safety: stateless; {@link #generate} may run on many threads at once.
 */
public final class ProgramGenerator
{
    /** HotSpot does not JIT-compile methods of 8000 or more bytes of bytecode. */
    public static final int HUGE_METHOD_LIMIT = 8000;
    /** Default estimated size above which subtrees are split into methods. */
    public static final int DEFAULT_SPLIT_THRESHOLD = 3000;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    static final ClassDesc CD_PROGRAM = desc(GeneratedProgram.class);
    static final ClassDesc CD_FRAME = desc(Frame.class);
    static final ClassDesc CD_SEGMENT = desc(MemorySegment.class);
    static final ClassDesc CD_SCRATCH = desc(BlockScratch.class);
    static final ClassDesc CD_RUNTIME = desc(JitRuntime.class);
    static final ClassDesc CD_LAYOUTS = desc(Layouts.class);
    static final ClassDesc CD_BITMAPS = desc(Bitmaps.class);
    static final ClassDesc CD_WRITER = desc(Utf8Writer.class);
    static final ClassDesc CD_MODE = desc(Program.Mode.class);
    static final ClassDesc CD_MATH = desc(Math.class);
    static final ClassDesc CD_LONG_BOX = ConstantDescs.CD_Long;
    static final ClassDesc CD_EXACT = desc(ExactMath.class);
    private static final MethodTypeDesc EXACT = MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_int, CD_FRAME,
        CD_int);

    private static final MethodTypeDesc BLOCK_FILTER = MethodTypeDesc.of(CD_long, CD_FRAME, CD_SEGMENT, CD_int,
        CD_long, CD_SCRATCH);
    private static final MethodTypeDesc BLOCK_FILTER_VOID = MethodTypeDesc.of(CD_void, CD_FRAME, CD_SEGMENT,
        CD_int, CD_long, CD_SCRATCH);
    private static final MethodTypeDesc BLOCK_SUB = MethodTypeDesc.of(CD_void, CD_FRAME, CD_SEGMENT, CD_int,
        CD_long, CD_SCRATCH);
    private static final MethodTypeDesc BLOCK_PROJ = MethodTypeDesc.of(CD_void, CD_FRAME, CD_SEGMENT, CD_int,
        CD_long, CD_SCRATCH, CD_int);
    private static final MethodTypeDesc BLOCK_PROJECT = MethodTypeDesc.of(CD_void, CD_FRAME, CD_SEGMENT, CD_int,
        CD_long, CD_SCRATCH, CD_int, CD_boolean);
    private static final MethodTypeDesc INIT_CHUNK = MethodTypeDesc.of(CD_void, CD_Object.arrayType());
    /** Literal slots stored by the constructor as final fields; more go through initLiterals methods (size). */
    private static final int FINAL_LITERALS = 256;
    private static final MethodTypeDesc WORD = MethodTypeDesc.of(CD_long, CD_SEGMENT, CD_SEGMENT, CD_int, CD_long);
    private static final MethodTypeDesc SEG_BINOP = MethodTypeDesc.of(CD_int, CD_SEGMENT, CD_long, CD_int,
        CD_SEGMENT, CD_long, CD_int);

    // Locals of every block method.
    private static final int L_FRAME = 1;
    private static final int L_SEL = 2;
    private static final int L_BASE = 3;
    private static final int L_MASK = 4;
    private static final int L_SCRATCH = 6;
    private static final int L_OUTROW = 7;

    private ProgramGenerator()
    {
    }

    private static ClassDesc desc(final Class<?> c)
    {
        return ClassDesc.of(c.getName());
    }

    /**
     * What to generate.
     *
     * @param mode           filter, project, or both.
     * @param predicate      the BOOLEAN predicate (FILTER, FILTER_PROJECT) or {@code null}.
     * @param projections    the projections (PROJECT, FILTER_PROJECT), else empty.
     * @param literals       literal slots of {@code [predicate] + projections}.
     * @param udfs           UDF slots of the same roots.
     * @param splitThreshold estimated bytes above which subtrees go to their own method.
     * @param vector         whether to use {@link VectorSupport} for supported trees.
     */
    public record Spec(Program.Mode mode, Bound predicate, List<Bound> projections, LiteralSlots literals,
        UdfSlots udfs, int splitThreshold, boolean vector, io.sabot.jit.exec.AccumulatorLayout accumulators)
    {
        /** A spec of any mode but ACCUMULATE. */
        public Spec(final Program.Mode mode, final Bound predicate, final List<Bound> projections,
            final LiteralSlots literals, final UdfSlots udfs, final int splitThreshold, final boolean vector)
        {
            this(mode, predicate, projections, literals, udfs, splitThreshold, vector, null);
        }
    }

    /**
     * The generated class file and what was measured of it.
     *
     * @param bytes          the class file.
     * @param internalName   its binary name (before hidden-class suffixing).
     * @param scratchSlots   number of split subtrees.
     * @param largestMethod  code length of the largest method, bytes.
     * @param largestName    that method's name.
     */
    public record Generated(byte[] bytes, String internalName, int scratchSlots, int largestMethod,
        String largestName)
    {
    }

    /**
     * @param spec what to generate.
     * @return the class file.
     * @throws UnsupportedOperationException when a construct cannot be generated.
     */
    public static Generated generate(final Spec spec)
    {
        final String name = ProgramGenerator.class.getPackageName() + ".Program$" + SEQUENCE.incrementAndGet();
        final ClassDesc owner = ClassDesc.of(name);
        final Plan plan = Plan.of(spec);
        final byte[] bytes = ClassFile.of().build(owner, cb -> emitClass(cb, owner, spec, plan));
        int largest = 0;
        String largestName = "";
        final ClassModel model = ClassFile.of().parse(bytes);
        for (final MethodModel m : model.methods())
        {
            final int length = m.code().map(c -> c instanceof CodeAttribute a ? a.codeLength() : 0).orElse(0);
            if (length > largest)
            {
                largest = length;
                largestName = m.methodName().stringValue();
            }
        }
        return new Generated(bytes, name, plan.splits.size(), largest, largestName);
    }

    // ---- planning: splitting and grouping ------------------------------------------------------------------------

    /** Which subtrees get their own method, and how projections are grouped. */
    static final class Plan
    {
        final IdentityHashMap<Bound, Integer> splits = new IdentityHashMap<>();
        final List<Bound> splitRoots = new ArrayList<>();
        final IdentityHashMap<Bound, Integer> sizes = new IdentityHashMap<>();
        final List<List<Integer>> scalarGroups = new ArrayList<>();
        final List<List<Integer>> vectorGroups = new ArrayList<>();
        boolean vectorFilter;
        boolean vectorProject;
        int[] vectorOutputs = new int[0];
        /** The exact decimal nodes in site order (see {@link BoundTrees#exactSites}). */
        List<Bound.Exact> sites = List.of();
        final int threshold;

        private Plan(final int threshold)
        {
            this.threshold = threshold;
        }

        static Plan of(final Spec spec)
        {
            final Plan plan = new Plan(Math.max(spec.splitThreshold(), 200));
            plan.sites = BoundTrees.exactSites(spec.predicate(), spec.projections());
            if (spec.predicate() != null)
            {
                plan.size(spec.predicate());
                plan.vectorFilter = spec.vector() && VectorSupport.supports(spec.predicate());
            }
            final List<Integer> vectorized = new ArrayList<>();
            final List<Integer> scalar = new ArrayList<>();
            for (int p = 0; p < spec.projections().size(); p++)
            {
                plan.size(spec.projections().get(p));
                final boolean v = spec.mode() == Program.Mode.PROJECT && spec.vector() &&
                    VectorSupport.supports(spec.projections().get(p));
                (v ? vectorized : scalar).add(p);
            }
            plan.vectorProject = !vectorized.isEmpty();
            plan.vectorOutputs = vectorized.stream().mapToInt(Integer::intValue).toArray();
            plan.group(scalar, spec.projections(), plan.scalarGroups);
            plan.group(vectorized, spec.projections(), plan.vectorGroups);
            return plan;
        }

        private void group(final List<Integer> indexes, final List<Bound> projections, final List<List<Integer>> out)
        {
            List<Integer> current = new ArrayList<>();
            int size = 0;
            for (final int p : indexes)
            {
                final int s = sizes.get(projections.get(p)) + 60;
                if (!current.isEmpty() && size + s > threshold)
                {
                    out.add(current);
                    current = new ArrayList<>();
                    size = 0;
                }
                current.add(p);
                size += s;
            }
            if (!current.isEmpty())
            {
                out.add(current);
            }
        }

        /** Post-order (iterative) size estimate, splitting the largest children of any node over the threshold. */
        private void size(final Bound root)
        {
            final java.util.ArrayDeque<Bound> stack = new java.util.ArrayDeque<>();
            final java.util.ArrayDeque<Boolean> expanded = new java.util.ArrayDeque<>();
            stack.push(root);
            expanded.push(false);
            while (!stack.isEmpty())
            {
                final Bound n = stack.pop();
                final boolean done = expanded.pop();
                if (sizes.containsKey(n))
                {
                    continue;
                }
                final List<Bound> children = BoundTrees.children(n);
                if (!done)
                {
                    stack.push(n);
                    expanded.push(true);
                    for (final Bound c : children)
                    {
                        stack.push(c);
                        expanded.push(false);
                    }
                    continue;
                }
                int total = ownSize(n);
                for (final Bound c : children)
                {
                    total += contribution(c);
                }
                while (total > threshold)
                {
                    Bound largest = null;
                    for (final Bound c : children)
                    {
                        if (!splits.containsKey(c) && c.type() != DataType.UTF8 &&
                            contribution(c) > SPLIT_READ_SIZE && (largest == null ||
                            contribution(c) > contribution(largest)))
                        {
                            largest = c;
                        }
                    }
                    if (largest == null)
                    {
                        break;
                    }
                    total -= contribution(largest);
                    splits.put(largest, splitRoots.size());
                    splitRoots.add(largest);
                    total += SPLIT_READ_SIZE;
                }
                sizes.put(n, total);
            }
        }

        private int contribution(final Bound c)
        {
            return splits.containsKey(c) ? SPLIT_READ_SIZE : sizes.get(c);
        }
    }

    private static final int SPLIT_READ_SIZE = 30;

    /** Rough bytes of bytecode a node emits itself (children excluded). */
    static int ownSize(final Bound n)
    {
        return switch (n)
        {
            case Bound.Column c -> c.type() == DataType.UTF8 ? 50 : 30;
            case Bound.Literal l -> l.type() == DataType.UTF8 ? 20 : 10;
            case Bound.Arith a -> a.type().isInteger() && (a.op() == ArithOp.DIV || a.op() == ArithOp.MOD) ? 40 : 14;
            case Bound.Negate ignored -> 8;
            case Bound.Compare c -> c.left().type() == DataType.UTF8 ? 40 : 22;
            case Bound.And ignored -> 30;
            case Bound.Or ignored -> 30;
            case Bound.Not ignored -> 10;
            case Bound.IsNull ignored -> 6;
            case Bound.If ignored -> 40;
            case Bound.Cast ignored -> 16;
            case Bound.Coalesce c -> 20 * c.args().size();
            case Bound.MathCall m -> 10 + 8 * m.args().size();
            case Bound.StringPredicate ignored -> 40;
            case Bound.Length ignored -> 30;
            case Bound.UdfCall u -> 40 + 14 * u.args().size();
            case Bound.Exact ignored -> 24;
        };
    }

    // ---- class ---------------------------------------------------------------------------------------------------

    private static void emitClass(final ClassBuilder cb, final ClassDesc owner, final Spec spec, final Plan plan)
    {
        cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC);
        cb.withSuperclass(CD_PROGRAM);
        final int literalCount = spec.literals().count();
        spec.literals().emitFields(cb, FINAL_LITERALS);
        spec.udfs().emitMembers(cb);
        cb.withMethodBody(ConstantDescs.INIT_NAME, MethodTypeDesc.of(CD_void, CD_Object.arrayType()),
            ClassFile.ACC_PUBLIC, code ->
            {
                code.aload(0);
                code.getstatic(CD_MODE, spec.mode().name(), CD_MODE);
                code.loadConstant(plan.splits.size());
                code.loadConstant(plan.vectorFilter ? 1 : 0);
                code.loadConstant(plan.vectorProject ? 1 : 0);
                code.loadConstant(plan.scalarGroups.isEmpty() ? 0 : 1);
                code.loadConstant(spec.predicate() != null ? 1 : 0);
                code.invokespecial(CD_PROGRAM, ConstantDescs.INIT_NAME,
                    MethodTypeDesc.of(CD_void, CD_MODE, CD_int, CD_boolean, CD_boolean, CD_boolean, CD_boolean));
                spec.literals().emitInit(code, owner, 1, 0, Math.min(FINAL_LITERALS, literalCount));
                for (int from = FINAL_LITERALS; from < literalCount; from += FINAL_LITERALS)
                {
                    code.aload(0);
                    code.aload(1);
                    code.invokevirtual(owner, "initLiterals" + from, INIT_CHUNK);
                }
                spec.udfs().emitInit(code, owner, 1, literalCount);
                code.return_();
            });
        for (int from = FINAL_LITERALS; from < literalCount; from += FINAL_LITERALS)
        {
            final int start = from;
            cb.withMethodBody("initLiterals" + from, INIT_CHUNK, ClassFile.ACC_PRIVATE, code ->
            {
                spec.literals().emitInit(code, owner, 1, start, Math.min(start + FINAL_LITERALS, literalCount));
                code.return_();
            });
        }
        // The shape key is a template constant: it comes from the hidden class's class data (condy).
        cb.withMethodBody("toString", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, code ->
        {
            code.ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME,
                CD_String));
            code.areturn();
        });
        if (spec.predicate() != null)
        {
            cb.withMethodBody("filterBlock", BLOCK_FILTER, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL,
                code -> new MethodGen(code, owner, spec, plan).filter(spec.predicate()));
        }
        if (spec.mode() == Program.Mode.ACCUMULATE)
        {
            cb.withMethodBody("accumulateBlock", BLOCK_FILTER_VOID, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL,
                code -> new MethodGen(code, owner, spec, plan).accumulate(spec.projections(), spec.accumulators()));
        }
        else if (!spec.projections().isEmpty())
        {
            final List<List<Integer>> groups = new ArrayList<>(plan.scalarGroups);
            groups.addAll(plan.vectorGroups);
            for (int g = 0; g < groups.size(); g++)
            {
                final List<Integer> group = groups.get(g);
                cb.withMethodBody("proj" + g, BLOCK_PROJ, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL,
                    code -> new MethodGen(code, owner, spec, plan).project(group));
            }
            cb.withMethodBody("projectBlock", BLOCK_PROJECT, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL, code ->
            {
                final Label done = code.newLabel();
                for (int g = 0; g < groups.size(); g++)
                {
                    if (g == plan.scalarGroups.size())
                    {
                        // the Vector API method already wrote the remaining groups for these rows
                        code.iload(L_OUTROW + 1);
                        code.ifne(done);
                    }
                    code.aload(0);
                    code.aload(L_FRAME);
                    code.aload(L_SEL);
                    code.iload(L_BASE);
                    code.lload(L_MASK);
                    code.aload(L_SCRATCH);
                    code.iload(L_OUTROW);
                    code.invokevirtual(owner, "proj" + g, BLOCK_PROJ);
                }
                code.labelBinding(done);
                code.return_();
            });
        }
        for (int k = 0; k < plan.splitRoots.size(); k++)
        {
            final Bound root = plan.splitRoots.get(k);
            final int slot = k;
            cb.withMethodBody("sub" + k, BLOCK_SUB, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL,
                code -> new MethodGen(code, owner, spec, plan).sub(root, slot));
        }
        VectorSupport.emit(cb, owner, spec, plan);
    }

    // ---- one block method ------------------------------------------------------------------------------------------

    /** Locals holding one evaluated node: value (UTF8: segment), UTF8 start and length, null flag (int 0/1). */
    private record Val(DataType type, int value, int start, int length, int isNull)
    {
    }

    /** Emits one block method: prologue (hoisted columns, split children), the per-row loop, epilogue. */
    private static final class MethodGen
    {
        private final CodeBuilder code;
        private final ClassDesc owner;
        private final Spec spec;
        private final Plan plan;
        private final Map<Integer, int[]> columns = new LinkedHashMap<>();
        private int longsLocal = -1;
        private int doublesLocal = -1;
        private int nullsLocal = -1;
        private int rowLocal;
        private int bitLocal;
        private int outLocal;
        private Bound self;

        MethodGen(final CodeBuilder code, final ClassDesc owner, final Spec spec, final Plan plan)
        {
            this.code = code;
            this.owner = owner;
            this.spec = spec;
            this.plan = plan;
        }

        /** filterBlock: bit i of the result = row i of the mask is TRUE. */
        void filter(final Bound predicate)
        {
            prologue(List.of(predicate), null);
            final int bits = code.allocateLocal(TypeKind.LONG);
            code.lconst_0();
            code.lstore(bits);
            loop(() ->
            {
                final Val v = eval(predicate);
                code.lload(bits);
                code.iload(v.value());
                code.iload(v.isNull());
                code.iconst_1();
                code.ixor();
                code.iand();
                code.i2l();
                code.iload(bitLocal);
                code.lshl();
                code.lor();
                code.lstore(bits);
            });
            code.lload(bits);
            code.lreturn();
        }

        /**
         * accumulateBlock: per row of the mask, g = codes[row - codeBase], count(*) += 1, then per input that is not null: its count += 1, a 128-bit sum (carry
         * from the unsigned low-word overflow), min / max (taken when the count was 0), or a double sum.
         */
        void accumulate(final List<Bound> roots, final io.sabot.jit.exec.AccumulatorLayout layout)
        {
            prologue(roots, null);
            final int codes = code.allocateLocal(TypeKind.REFERENCE);
            final int codeBase = code.allocateLocal(TypeKind.INT);
            final int longs = code.allocateLocal(TypeKind.REFERENCE);
            final int doubles = code.allocateLocal(TypeKind.REFERENCE);
            final int lb = code.allocateLocal(TypeKind.INT);
            final int db = code.allocateLocal(TypeKind.INT);
            final int wide = code.allocateLocal(TypeKind.LONG);
            final int lo = code.allocateLocal(TypeKind.LONG);
            final int sum = code.allocateLocal(TypeKind.LONG);
            code.aload(L_FRAME).getfield(CD_FRAME, "codes", CD_int.arrayType()).astore(codes);
            code.aload(L_FRAME).getfield(CD_FRAME, "codeBase", CD_int).istore(codeBase);
            code.aload(L_FRAME).getfield(CD_FRAME, "accLongs", CD_long.arrayType()).astore(longs);
            code.aload(L_FRAME).getfield(CD_FRAME, "accDoubles", CD_double.arrayType()).astore(doubles);
            loop(() ->
            {
                // g = codes[row - codeBase]; lb = g * longStride; db = g * doubleStride
                code.aload(codes).iload(rowLocal).iload(codeBase).isub().iaload();
                code.dup().loadConstant(layout.longStride()).imul().istore(lb);
                code.loadConstant(layout.doubleStride()).imul().istore(db);
                addToLong(longs, lb, io.sabot.jit.exec.AccumulatorLayout.COUNT_ALL, () -> code.lconst_1());
                for (int j = 0; j < roots.size(); j++)
                {
                    final Val v = eval(roots.get(j));
                    final Label skip = code.newLabel();
                    code.iload(v.isNull()).ifne(skip);
                    addToLong(longs, lb, layout.count(j), () -> code.lconst_1());
                    if (layout.doubleSum(j) >= 0)
                    {
                        // doubles[db + off] += v
                        code.aload(doubles).iload(db).loadConstant(layout.doubleSum(j)).iadd();
                        code.dup2().daload();
                        load(v);
                        code.dadd().dastore();
                    }
                    if (layout.sum(j) >= 0 || layout.min(j) >= 0 || layout.max(j) >= 0)
                    {
                        load(v);
                        if (v.type() == DataType.INT32)
                        {
                            code.i2l();
                        }
                        code.lstore(wide);
                    }
                    if (layout.sum(j) >= 0)
                    {
                        // lo = longs[i]; sum = lo + v; longs[i] = sum;
                        // longs[i + 1] += (v >> 63) + (((lo & v) | ((lo | v) & ~sum)) >>> 63)
                        final int at = layout.sum(j);
                        longAt(longs, lb, at);
                        code.laload().lstore(lo);
                        code.lload(lo).lload(wide).ladd().lstore(sum);
                        longAt(longs, lb, at);
                        code.lload(sum).lastore();
                        addToLong(longs, lb, at + 1, () ->
                        {
                            code.lload(wide).bipush(63).lshr();
                            code.lload(lo).lload(wide).land();
                            code.lload(lo).lload(wide).lor();
                            code.lload(sum).loadConstant(-1L).lxor().land();
                            code.lor().bipush(63).lushr();
                            code.ladd();
                        });
                    }
                    if (layout.min(j) >= 0)
                    {
                        extreme(longs, lb, layout.count(j), layout.min(j), wide, Opcode.IFGE);
                    }
                    if (layout.max(j) >= 0)
                    {
                        extreme(longs, lb, layout.count(j), layout.max(j), wide, Opcode.IFLE);
                    }
                    code.labelBinding(skip);
                }
            });
            code.return_();
        }

        /** Pushes longs, lb + offset. */
        private void longAt(final int longs, final int lb, final int offset)
        {
            code.aload(longs).iload(lb);
            if (offset != 0)
            {
                code.loadConstant(offset).iadd();
            }
        }

        /** longs[lb + offset] += (value pushed by {@code delta}). */
        private void addToLong(final int longs, final int lb, final int offset, final Runnable delta)
        {
            longAt(longs, lb, offset);
            code.dup2().laload();
            delta.run();
            code.ladd().lastore();
        }

        /**
         * if (longs[lb + count] == 1 || !(v keepOp current)) longs[lb + at] = v, where {@code keep} is the opcode
         * that jumps past the store when the current value stays (IFGE for a min: v - current compared with 0 ... ).
         */
        private void extreme(final int longs, final int lb, final int countAt, final int at, final int wide,
            final Opcode keep)
        {
            final Label store = code.newLabel();
            final Label done = code.newLabel();
            longAt(longs, lb, countAt);
            code.laload().lconst_1().lcmp().ifeq(store);
            code.lload(wide);
            longAt(longs, lb, at);
            code.laload().lcmp();
            code.branch(keep, done);
            code.labelBinding(store);
            longAt(longs, lb, at);
            code.lload(wide).lastore();
            code.labelBinding(done);
        }

        /** sub&lt;slot&gt;: values to the scratch arrays, null bits to nulls[slot]. */
        void sub(final Bound root, final int slot)
        {
            prologue(List.of(root), root);
            final int nullWord = code.allocateLocal(TypeKind.LONG);
            code.lconst_0();
            code.lstore(nullWord);
            final boolean floating = root.type().isFloating();
            final int array = floating ? doublesLocal : longsLocal;
            loop(() ->
            {
                final Val v = eval(root);
                code.aload(array);
                code.loadConstant(slot << 6);
                code.iload(bitLocal);
                code.iadd();
                load(v);
                switch (root.type())
                {
                    case BOOLEAN, INT32 -> code.i2l();
                    case FLOAT32 -> code.f2d();
                    default ->
                    {
                    }
                }
                if (floating)
                {
                    code.dastore();
                }
                else
                {
                    code.lastore();
                }
                orBit(nullWord, v.isNull(), bitLocal);
            });
            code.aload(nullsLocal);
            code.loadConstant(slot);
            code.lload(nullWord);
            code.lastore();
            code.return_();
        }

        /** proj&lt;g&gt;: a group of projections for the rows of the mask, densely from outRow. */
        void project(final List<Integer> group)
        {
            final List<Bound> roots = new ArrayList<>();
            for (final int p : group)
            {
                roots.add(spec.projections().get(p));
            }
            prologue(roots, null);
            final int n = group.size();
            final int[] outValues = new int[n];
            final int[] outValidity = new int[n];
            final int[] validWords = new int[n];
            final int[] boolWords = new int[n];
            for (int q = 0; q < n; q++)
            {
                final int p = group.get(q);
                final DataType type = roots.get(q).type();
                outValues[q] = code.allocateLocal(TypeKind.REFERENCE);
                code.aload(L_FRAME);
                if (type == DataType.UTF8)
                {
                    code.getfield(CD_FRAME, "outUtf8", CD_WRITER.arrayType());
                }
                else
                {
                    code.getfield(CD_FRAME, "outValues", CD_SEGMENT.arrayType());
                }
                code.loadConstant(p);
                code.aaload();
                code.astore(outValues[q]);
                outValidity[q] = code.allocateLocal(TypeKind.REFERENCE);
                code.aload(L_FRAME);
                code.getfield(CD_FRAME, "outValidity", CD_SEGMENT.arrayType());
                code.loadConstant(p);
                code.aaload();
                code.astore(outValidity[q]);
                validWords[q] = code.allocateLocal(TypeKind.LONG);
                code.lconst_0();
                code.lstore(validWords[q]);
                if (type == DataType.BOOLEAN)
                {
                    boolWords[q] = code.allocateLocal(TypeKind.LONG);
                    code.lconst_0();
                    code.lstore(boolWords[q]);
                }
            }
            loop(() ->
            {
                for (int q = 0; q < n; q++)
                {
                    final Bound root = roots.get(q);
                    final Val v = eval(root);
                    writeOutput(v, outValues[q], boolWords[q]);
                    code.lload(validWords[q]);
                    code.iload(v.isNull());
                    code.iconst_1();
                    code.ixor();
                    code.i2l();
                    code.iload(outLocal);
                    code.lshl();
                    code.lor();
                    code.lstore(validWords[q]);
                }
            });
            for (int q = 0; q < n; q++)
            {
                storeBits(outValidity[q], validWords[q]);
                if (roots.get(q).type() == DataType.BOOLEAN)
                {
                    storeBits(outValues[q], boolWords[q]);
                }
            }
            code.return_();
        }

        private void storeBits(final int segment, final int word)
        {
            code.aload(segment);
            code.iload(L_OUTROW);
            code.i2l();
            code.lload(word);
            code.iload(outLocal);
            code.invokestatic(CD_BITMAPS, "storeBits", MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_long,
                CD_int));
        }

        private void writeOutput(final Val v, final int out, final int boolWord)
        {
            switch (v.type())
            {
                case BOOLEAN -> orBit(boolWord, v.value(), outLocal);
                case UTF8 ->
                {
                    final Label empty = code.newLabel();
                    final Label end = code.newLabel();
                    code.iload(v.isNull());
                    code.ifne(empty);
                    code.aload(out);
                    outRow();
                    code.aload(v.value());
                    code.lload(v.start());
                    code.iload(v.length());
                    code.invokeinterface(CD_WRITER, "append", MethodTypeDesc.of(CD_void, CD_int, CD_SEGMENT,
                        CD_long, CD_int));
                    code.goto_(end);
                    code.labelBinding(empty);
                    code.aload(out);
                    outRow();
                    code.invokeinterface(CD_WRITER, "appendEmpty", MethodTypeDesc.of(CD_void, CD_int));
                    code.labelBinding(end);
                }
                default ->
                {
                    code.aload(out);
                    layout(v.type());
                    outRow();
                    code.i2l();
                    code.loadConstant(shift(v.type()));
                    code.lshl();
                    load(v);
                    code.invokeinterface(CD_SEGMENT, "set", MethodTypeDesc.of(CD_void, layoutDesc(v.type()),
                        CD_long, primitive(v.type())));
                }
            }
        }

        private void outRow()
        {
            code.iload(L_OUTROW);
            code.iload(outLocal);
            code.iadd();
        }

        /** word |= (long) flag &lt;&lt; bit. */
        private void orBit(final int word, final int flag, final int bit)
        {
            code.lload(word);
            code.iload(flag);
            code.i2l();
            code.iload(bit);
            code.lshl();
            code.lor();
            code.lstore(word);
        }

        /** Hoists the columns the roots read (not through split children) and evaluates split children. */
        private void prologue(final List<Bound> roots, final Bound self)
        {
            this.self = self;
            final List<Bound> children = new ArrayList<>();
            final IdentityHashMap<Bound, Boolean> seen = new IdentityHashMap<>();
            for (final Bound root : roots)
            {
                final java.util.ArrayDeque<Bound> stack = new java.util.ArrayDeque<>();
                stack.push(root);
                while (!stack.isEmpty())
                {
                    final Bound n = stack.pop();
                    if (n != self && plan.splits.containsKey(n))
                    {
                        // identity, not equals: records compare structurally, and equal split subtrees have
                        // distinct slots
                        if (seen.put(n, Boolean.TRUE) == null)
                        {
                            children.add(n);
                        }
                        continue;
                    }
                    if (n instanceof Bound.Column c && !columns.containsKey(c.index()))
                    {
                        columns.put(c.index(), hoist(c));
                    }
                    for (final Bound child : BoundTrees.children(n))
                    {
                        stack.push(child);
                    }
                }
            }
            for (final Bound child : children)
            {
                code.aload(0);
                code.aload(L_FRAME);
                code.aload(L_SEL);
                code.iload(L_BASE);
                code.lload(L_MASK);
                code.aload(L_SCRATCH);
                code.invokevirtual(owner, "sub" + plan.splits.get(child), BLOCK_SUB);
            }
            if (!children.isEmpty() || self != null)
            {
                longsLocal = scratchArray("longs", CD_long);
                doublesLocal = scratchArray("doubles", CD_double);
                nullsLocal = scratchArray("nulls", CD_long);
            }
            rowLocal = code.allocateLocal(TypeKind.INT);
            bitLocal = code.allocateLocal(TypeKind.INT);
            outLocal = code.allocateLocal(TypeKind.INT);
        }

        private int scratchArray(final String field, final ClassDesc element)
        {
            final int local = code.allocateLocal(TypeKind.REFERENCE);
            code.aload(L_SCRATCH);
            code.getfield(CD_SCRATCH, field, element.arrayType());
            code.astore(local);
            return local;
        }

        /**
         * Locals of a column read by this method: values, validity, offsets (UTF8), the block's null word and, for
         * BOOLEAN, the block's value word. The words are gathered once per block so that a row reads one bit of a
         * register instead of a byte of memory.
         */
        private int[] hoist(final Bound.Column c)
        {
            final int values = code.allocateLocal(TypeKind.REFERENCE);
            final int validity = code.allocateLocal(TypeKind.REFERENCE);
            frameArray("values", c.index(), values);
            frameArray("validity", c.index(), validity);
            int offsets = -1;
            if (c.type() == DataType.UTF8)
            {
                offsets = code.allocateLocal(TypeKind.REFERENCE);
                frameArray("offsets", c.index(), offsets);
            }
            final int nullWord = code.allocateLocal(TypeKind.LONG);
            code.aload(validity);
            blockArgs();
            code.invokestatic(CD_RUNTIME, "nullWord", WORD);
            code.lstore(nullWord);
            int valueWord = -1;
            if (c.type() == DataType.BOOLEAN)
            {
                valueWord = code.allocateLocal(TypeKind.LONG);
                code.aload(values);
                blockArgs();
                code.invokestatic(CD_RUNTIME, "gatherBits", WORD);
                code.lstore(valueWord);
            }
            return new int[] {values, validity, offsets, nullWord, valueWord};
        }

        private void blockArgs()
        {
            code.aload(L_SEL);
            code.iload(L_BASE);
            code.lload(L_MASK);
        }

        /** (int) ((word &gt;&gt;&gt; bit) &amp; 1). */
        private void bitOf(final int word)
        {
            code.lload(word);
            code.iload(bitLocal);
            code.lushr();
            code.l2i();
            code.iconst_1();
            code.iand();
        }

        private void frameArray(final String field, final int index, final int local)
        {
            code.aload(L_FRAME);
            code.getfield(CD_FRAME, field, CD_SEGMENT.arrayType());
            code.loadConstant(index);
            code.aaload();
            code.astore(local);
        }

        /**
         * The per-row loop over the rows of the mask: a counted loop over bits {@code [0, 64 - nlz(mask))} that skips
         * clear bits (a counted loop lets HotSpot hoist the segment bounds checks), with bit, row and output counter
         * locals.
         */
        private void loop(final Runnable body)
        {
            final Label top = code.newLabel();
            final Label end = code.newLabel();
            final Label next = code.newLabel();
            final Label selected = code.newLabel();
            final Label rowDone = code.newLabel();
            final int limit = code.allocateLocal(TypeKind.INT);
            code.bipush(64);
            code.lload(L_MASK);
            code.invokestatic(CD_LONG_BOX, "numberOfLeadingZeros", MethodTypeDesc.of(CD_int, CD_long));
            code.isub();
            code.istore(limit);
            code.iconst_0();
            code.istore(outLocal);
            code.iconst_0();
            code.istore(bitLocal);
            code.labelBinding(top);
            code.iload(bitLocal);
            code.iload(limit);
            code.if_icmpge(end);
            code.lload(L_MASK);
            code.iload(bitLocal);
            code.lushr();
            code.l2i();
            code.iconst_1();
            code.iand();
            code.ifeq(next);
            code.aload(L_SEL);
            code.ifnonnull(selected);
            code.iload(L_BASE);
            code.iload(bitLocal);
            code.iadd();
            code.istore(rowLocal);
            code.goto_(rowDone);
            code.labelBinding(selected);
            code.aload(L_SEL);
            code.iload(L_BASE);
            code.iload(bitLocal);
            code.iadd();
            code.invokestatic(CD_RUNTIME, "position", MethodTypeDesc.of(CD_int, CD_SEGMENT, CD_int));
            code.istore(rowLocal);
            code.labelBinding(rowDone);
            body.run();
            code.iinc(outLocal, 1);
            code.labelBinding(next);
            code.iinc(bitLocal, 1);
            code.goto_(top);
            code.labelBinding(end);
        }

        // ---- nodes -----------------------------------------------------------------------------------------------

        private Val newVal(final DataType type)
        {
            if (type == DataType.UTF8)
            {
                return new Val(type, code.allocateLocal(TypeKind.REFERENCE), code.allocateLocal(TypeKind.LONG),
                    code.allocateLocal(TypeKind.INT), code.allocateLocal(TypeKind.INT));
            }
            return new Val(type, code.allocateLocal(kind(type)), -1, -1, code.allocateLocal(TypeKind.INT));
        }

        private Val eval(final Bound node)
        {
            final Integer split = plan.splits.get(node);
            if (split != null && node != self)
            {
                return splitRead(node, split);
            }
            return switch (node)
            {
                case Bound.Column c -> column(c);
                case Bound.Literal l -> literal(l);
                case Bound.Arith a -> arith(a);
                case Bound.Negate n -> negate(n);
                case Bound.Compare c -> compare(c);
                case Bound.And a -> kleene(a.left(), a.right(), true);
                case Bound.Or o -> kleene(o.left(), o.right(), false);
                case Bound.Not n -> not(n);
                case Bound.IsNull n -> isNull(n);
                case Bound.If i -> ifThenElse(i);
                case Bound.Cast c -> cast(c);
                case Bound.Coalesce c -> coalesce(c);
                case Bound.MathCall m -> math(m);
                case Bound.StringPredicate s -> stringPredicate(s);
                case Bound.Length l -> length(l);
                case Bound.UdfCall u -> udf(u);
                case Bound.Exact e -> exact(e);
            };
        }

        private Val splitRead(final Bound node, final int slot)
        {
            final Val r = newVal(node.type());
            final boolean floating = node.type().isFloating();
            code.aload(floating ? doublesLocal : longsLocal);
            code.loadConstant(slot << 6);
            code.iload(bitLocal);
            code.iadd();
            if (floating)
            {
                code.daload();
                if (node.type() == DataType.FLOAT32)
                {
                    code.d2f();
                }
            }
            else
            {
                code.laload();
                if (node.type() != DataType.INT64)
                {
                    code.l2i();
                }
            }
            store(r.type(), r.value());
            code.aload(nullsLocal);
            code.loadConstant(slot);
            code.laload();
            code.iload(bitLocal);
            code.lushr();
            code.l2i();
            code.iconst_1();
            code.iand();
            code.istore(r.isNull());
            return r;
        }

        private Val column(final Bound.Column c)
        {
            final int[] locals = columns.get(c.index());
            final DataType type = c.type();
            final Val r;
            if (type == DataType.UTF8)
            {
                r = new Val(type, locals[0], code.allocateLocal(TypeKind.LONG), code.allocateLocal(TypeKind.INT),
                    code.allocateLocal(TypeKind.INT));
                final int startInt = code.allocateLocal(TypeKind.INT);
                offsetAt(locals[2], 0);
                code.istore(startInt);
                offsetAt(locals[2], 1);
                code.iload(startInt);
                code.isub();
                code.istore(r.length());
                code.iload(startInt);
                code.i2l();
                code.lstore(r.start());
            }
            else
            {
                r = new Val(type, code.allocateLocal(kind(type)), -1, -1, code.allocateLocal(TypeKind.INT));
                if (type == DataType.BOOLEAN)
                {
                    bitOf(locals[4]);
                }
                else
                {
                    code.aload(locals[0]);
                    layout(type);
                    code.iload(rowLocal);
                    code.i2l();
                    // a decimal's unscaled value is the low half of its 16-byte slot
                    code.loadConstant(c.isDecimal() ? 4 : shift(type));
                    code.lshl();
                    code.invokeinterface(CD_SEGMENT, "get", MethodTypeDesc.of(primitive(type), layoutDesc(type),
                        CD_long));
                }
                store(type, r.value());
            }
            bitOf(locals[3]);
            code.istore(r.isNull());
            return r;
        }

        private void offsetAt(final int offsets, final int plus)
        {
            code.aload(offsets);
            code.getstatic(CD_LAYOUTS, "INT_UNALIGNED", layoutDesc(DataType.INT32));
            code.iload(rowLocal);
            if (plus != 0)
            {
                code.loadConstant(plus);
                code.iadd();
            }
            code.i2l();
            code.loadConstant(2);
            code.lshl();
            code.invokeinterface(CD_SEGMENT, "get", MethodTypeDesc.of(CD_int, layoutDesc(DataType.INT32),
                CD_long));
        }

        private Val literal(final Bound.Literal l)
        {
            final Val r = newVal(l.type());
            if (l.value() == null)
            {
                if (l.type() == DataType.UTF8)
                {
                    code.getstatic(CD_SEGMENT, "NULL", CD_SEGMENT);
                    code.astore(r.value());
                    code.lconst_0();
                    code.lstore(r.start());
                    code.iconst_0();
                    code.istore(r.length());
                }
                else
                {
                    zero(l.type());
                    store(l.type(), r.value());
                }
                code.iconst_1();
                code.istore(r.isNull());
                return r;
            }
            code.aload(0);
            code.getfield(owner, spec.literals().fieldName(l), LiteralSlots.fieldType(l.type()));
            if (l.type() == DataType.UTF8)
            {
                code.astore(r.value());
                code.lconst_0();
                code.lstore(r.start());
                code.aload(r.value());
                code.invokeinterface(CD_SEGMENT, "byteSize", MethodTypeDesc.of(CD_long));
                code.l2i();
                code.istore(r.length());
            }
            else
            {
                store(l.type(), r.value());
            }
            code.iconst_0();
            code.istore(r.isNull());
            return r;
        }

        private Val arith(final Bound.Arith a)
        {
            final Val l = eval(a.left());
            final Val rr = eval(a.right());
            final DataType t = a.type();
            final Val r = newVal(t);
            orNulls(r.isNull(), l, rr);
            if (t.isInteger() && (a.op() == ArithOp.DIV || a.op() == ArithOp.MOD))
            {
                final Label zero = code.newLabel();
                final Label end = code.newLabel();
                load(rr);
                if (t == DataType.INT64)
                {
                    code.lconst_0();
                    code.lcmp();
                }
                code.ifeq(zero);
                load(l);
                load(rr);
                arithOp(a.op(), t);
                store(t, r.value());
                code.goto_(end);
                code.labelBinding(zero);
                zero(t);
                store(t, r.value());
                code.iconst_1();
                code.istore(r.isNull());
                code.labelBinding(end);
                return r;
            }
            load(l);
            load(rr);
            arithOp(a.op(), t);
            store(t, r.value());
            return r;
        }

        private void arithOp(final ArithOp op, final DataType t)
        {
            final TypeKind k = kind(t);
            final Opcode opcode = switch (op)
            {
                case ADD -> pick(k, Opcode.IADD, Opcode.LADD, Opcode.FADD, Opcode.DADD);
                case SUB -> pick(k, Opcode.ISUB, Opcode.LSUB, Opcode.FSUB, Opcode.DSUB);
                case MUL -> pick(k, Opcode.IMUL, Opcode.LMUL, Opcode.FMUL, Opcode.DMUL);
                case DIV -> pick(k, Opcode.IDIV, Opcode.LDIV, Opcode.FDIV, Opcode.DDIV);
                case MOD -> pick(k, Opcode.IREM, Opcode.LREM, Opcode.FREM, Opcode.DREM);
            };
            code.with(java.lang.classfile.instruction.OperatorInstruction.of(opcode));
        }

        private static Opcode pick(final TypeKind k, final Opcode i, final Opcode l, final Opcode f, final Opcode d)
        {
            return switch (k)
            {
                case INT -> i;
                case LONG -> l;
                case FLOAT -> f;
                case DOUBLE -> d;
                default -> throw new IllegalArgumentException(k.toString());
            };
        }

        private Val negate(final Bound.Negate n)
        {
            final Val a = eval(n.arg());
            final Val r = newVal(n.type());
            load(a);
            code.with(java.lang.classfile.instruction.OperatorInstruction.of(
                pick(kind(n.type()), Opcode.INEG, Opcode.LNEG, Opcode.FNEG, Opcode.DNEG)));
            store(n.type(), r.value());
            code.iload(a.isNull());
            code.istore(r.isNull());
            return r;
        }

        private Val compare(final Bound.Compare c)
        {
            final Val l = eval(c.left());
            final Val rr = eval(c.right());
            final Val r = newVal(DataType.BOOLEAN);
            orNulls(r.isNull(), l, rr);
            final Label yes = code.newLabel();
            final Label end = code.newLabel();
            final DataType t = c.left().type();
            final CompareOp op = c.op();
            if (t == DataType.UTF8)
            {
                final Label skip = code.newLabel();
                code.iload(r.isNull());
                code.ifne(skip);
                utf8Args(l, rr);
                code.invokestatic(CD_RUNTIME, "compare", SEG_BINOP);
                code.branch(zeroCompare(op), yes);
                code.labelBinding(skip);
                code.iconst_0();
                code.goto_(end);
            }
            else
            {
                load(l);
                load(rr);
                switch (kind(t))
                {
                    case INT -> code.branch(switch (op)
                    {
                        case EQ -> Opcode.IF_ICMPEQ;
                        case NE -> Opcode.IF_ICMPNE;
                        case LT -> Opcode.IF_ICMPLT;
                        case LE -> Opcode.IF_ICMPLE;
                        case GT -> Opcode.IF_ICMPGT;
                        case GE -> Opcode.IF_ICMPGE;
                    }, yes);
                    case LONG ->
                    {
                        code.lcmp();
                        code.branch(zeroCompare(op), yes);
                    }
                    case FLOAT ->
                    {
                        // NaN must make LT/LE false (fcmpg gives 1) and GT/GE/EQ false (fcmpl gives -1).
                        if (op == CompareOp.LT || op == CompareOp.LE)
                        {
                            code.fcmpg();
                        }
                        else
                        {
                            code.fcmpl();
                        }
                        code.branch(zeroCompare(op), yes);
                    }
                    case DOUBLE ->
                    {
                        if (op == CompareOp.LT || op == CompareOp.LE)
                        {
                            code.dcmpg();
                        }
                        else
                        {
                            code.dcmpl();
                        }
                        code.branch(zeroCompare(op), yes);
                    }
                    default -> throw new UnsupportedOperationException("compare of " + t);
                }
                code.iconst_0();
                code.goto_(end);
            }
            code.labelBinding(yes);
            code.iconst_1();
            code.labelBinding(end);
            code.istore(r.value());
            return r;
        }

        private static Opcode zeroCompare(final CompareOp op)
        {
            return switch (op)
            {
                case EQ -> Opcode.IFEQ;
                case NE -> Opcode.IFNE;
                case LT -> Opcode.IFLT;
                case LE -> Opcode.IFLE;
                case GT -> Opcode.IFGT;
                case GE -> Opcode.IFGE;
            };
        }

        /** Kleene and/or, branch-free: and is false if either side is a valid false, null if unknown. */
        private Val kleene(final Bound left, final Bound right, final boolean and)
        {
            final Val l = eval(left);
            final Val rr = eval(right);
            final Val r = newVal(DataType.BOOLEAN);
            // decided = (ln == 0 && lv == dominant) | (rn == 0 && rv == dominant); dominant is 0 for and, 1 for or.
            decisive(l, and);
            decisive(rr, and);
            code.ior();
            final int decided = code.allocateLocal(TypeKind.INT);
            code.istore(decided);
            code.iload(l.isNull());
            code.iload(rr.isNull());
            code.ior();
            code.iload(decided);
            code.iconst_1();
            code.ixor();
            code.iand();
            code.istore(r.isNull());
            code.iload(decided);
            if (and)
            {
                code.iconst_1();
                code.ixor();
            }
            code.istore(r.value());
            return r;
        }

        private void decisive(final Val v, final boolean and)
        {
            code.iload(v.isNull());
            code.iconst_1();
            code.ixor();
            code.iload(v.value());
            if (and)
            {
                code.iconst_1();
                code.ixor();
            }
            code.iand();
        }

        private Val not(final Bound.Not n)
        {
            final Val a = eval(n.arg());
            final Val r = newVal(DataType.BOOLEAN);
            code.iload(a.value());
            code.iconst_1();
            code.ixor();
            code.istore(r.value());
            code.iload(a.isNull());
            code.istore(r.isNull());
            return r;
        }

        private Val isNull(final Bound.IsNull n)
        {
            final Val a = eval(n.arg());
            final Val r = newVal(DataType.BOOLEAN);
            code.iload(a.isNull());
            code.istore(r.value());
            code.iconst_0();
            code.istore(r.isNull());
            return r;
        }

        private Val ifThenElse(final Bound.If i)
        {
            final Val c = eval(i.condition());
            final Val r = newVal(i.type());
            final Label otherwise = code.newLabel();
            final Label end = code.newLabel();
            code.iload(c.isNull());
            code.ifne(otherwise);
            code.iload(c.value());
            code.ifeq(otherwise);
            copy(eval(i.then()), r);
            code.goto_(end);
            code.labelBinding(otherwise);
            copy(eval(i.otherwise()), r);
            code.labelBinding(end);
            return r;
        }

        private Val coalesce(final Bound.Coalesce c)
        {
            final Val r = newVal(c.type());
            final Label end = code.newLabel();
            final List<Bound> args = c.args();
            for (int k = 0; k < args.size(); k++)
            {
                final Val a = eval(args.get(k));
                if (k < args.size() - 1)
                {
                    final Label next = code.newLabel();
                    code.iload(a.isNull());
                    code.ifne(next);
                    copy(a, r);
                    code.goto_(end);
                    code.labelBinding(next);
                }
                else
                {
                    copy(a, r);
                }
            }
            code.labelBinding(end);
            return r;
        }

        private Val cast(final Bound.Cast c)
        {
            final Val a = eval(c.arg());
            final DataType from = c.arg().type();
            final DataType to = c.type();
            final Val r = newVal(to);
            load(a);
            if (to == DataType.BOOLEAN)
            {
                final Label yes = code.newLabel();
                final Label end = code.newLabel();
                switch (from)
                {
                    case INT32 ->
                    {
                    }
                    case INT64 ->
                    {
                        code.lconst_0();
                        code.lcmp();
                    }
                    case FLOAT32 ->
                    {
                        code.fconst_0();
                        code.fcmpl();
                    }
                    case FLOAT64 ->
                    {
                        code.dconst_0();
                        code.dcmpl();
                    }
                    default -> throw new UnsupportedOperationException("cast " + from + " to boolean");
                }
                code.ifne(yes);
                code.iconst_0();
                code.goto_(end);
                code.labelBinding(yes);
                code.iconst_1();
                code.labelBinding(end);
            }
            else
            {
                if (from == DataType.UTF8 || to == DataType.UTF8)
                {
                    throw new UnsupportedOperationException("cast " + from + " to " + to);
                }
                final TypeKind fk = kind(from);
                final TypeKind tk = kind(to);
                if (fk != tk)
                {
                    code.conversion(fk, tk);
                }
            }
            store(to, r.value());
            code.iload(a.isNull());
            code.istore(r.isNull());
            return r;
        }

        private Val math(final Bound.MathCall m)
        {
            final List<Val> args = new ArrayList<>();
            for (final Bound a : m.args())
            {
                args.add(eval(a));
            }
            final Val r = newVal(m.type());
            orNulls(r.isNull(), args.toArray(new Val[0]));
            for (final Val a : args)
            {
                load(a);
            }
            final ClassDesc argType = primitive(m.args().get(0).type());
            final MethodTypeDesc type = m.args().size() == 1 ? MethodTypeDesc.of(argType, argType) :
                MethodTypeDesc.of(argType, argType, argType);
            code.invokestatic(CD_MATH, m.fn().functionName(), type);
            store(m.type(), r.value());
            return r;
        }

        private Val stringPredicate(final Bound.StringPredicate s)
        {
            final Val l = eval(s.left());
            final Val rr = eval(s.right());
            final Val r = newVal(DataType.BOOLEAN);
            orNulls(r.isNull(), l, rr);
            final String method = switch (s.op())
            {
                case EQUALS -> "equals";
                case STARTS_WITH -> "startsWith";
                case ENDS_WITH -> "endsWith";
                case CONTAINS -> "contains";
            };
            guarded(r, () ->
            {
                utf8Args(l, rr);
                code.invokestatic(CD_RUNTIME, method, SEG_BINOP);
            });
            return r;
        }

        private Val length(final Bound.Length n)
        {
            final Val a = eval(n.arg());
            final Val r = newVal(DataType.INT32);
            code.iload(a.isNull());
            code.istore(r.isNull());
            guarded(r, () ->
            {
                code.aload(a.value());
                code.lload(a.start());
                code.iload(a.length());
                code.invokestatic(CD_RUNTIME, "length", MethodTypeDesc.of(CD_int, CD_SEGMENT, CD_long, CD_int));
            });
            return r;
        }

        /** Exact decimal arithmetic through {@link ExactMath}, which flags overflow in the frame. */
        private Val exact(final Bound.Exact e)
        {
            final Val l = eval(e.left());
            final Val rr = eval(e.right());
            final Val r = newVal(DataType.INT64);
            orNulls(r.isNull(), l, rr);
            load(l);
            load(rr);
            if (e.op() == ExactOp.ROUND_DIV)
            {
                code.invokestatic(CD_EXACT, "roundDiv", MethodTypeDesc.of(CD_long, CD_long, CD_long));
            }
            else
            {
                code.iload(r.isNull());
                code.aload(L_FRAME);
                code.loadConstant(BoundTrees.siteOf(plan.sites, e));
                code.invokestatic(CD_EXACT, switch (e.op())
                {
                    case ADD -> "add";
                    case SUB -> "sub";
                    case MUL -> "mul";
                    default -> "fit";
                }, EXACT);
            }
            store(DataType.INT64, r.value());
            return r;
        }

        private Val udf(final Bound.UdfCall u)
        {
            final List<Val> args = new ArrayList<>();
            for (final Bound a : u.args())
            {
                args.add(eval(a));
            }
            final Val r = newVal(u.type());
            orNulls(r.isNull(), args.toArray(new Val[0]));
            final int k = spec.udfs().index(u);
            guarded(r, () ->
            {
                spec.udfs().emitPushHosted(code, owner, k);
                for (final Val a : args)
                {
                    load(a);
                }
                u.udf().emitInvoke(code, owner, UdfSlots.hostMethod(k));
            });
            return r;
        }

        /** r.value = (r.isNull != 0) ? 0 : (value pushed by body); the body never runs for a null row. */
        private void guarded(final Val r, final Runnable body)
        {
            final Label skip = code.newLabel();
            final Label end = code.newLabel();
            code.iload(r.isNull());
            code.ifne(skip);
            body.run();
            store(r.type(), r.value());
            code.goto_(end);
            code.labelBinding(skip);
            zero(r.type());
            store(r.type(), r.value());
            code.labelBinding(end);
        }

        private void utf8Args(final Val l, final Val r)
        {
            code.aload(l.value());
            code.lload(l.start());
            code.iload(l.length());
            code.aload(r.value());
            code.lload(r.start());
            code.iload(r.length());
        }

        private void orNulls(final int target, final Val... vals)
        {
            code.iload(vals[0].isNull());
            for (int i = 1; i < vals.length; i++)
            {
                code.iload(vals[i].isNull());
                code.ior();
            }
            code.istore(target);
        }

        private void copy(final Val from, final Val to)
        {
            if (from.type() == DataType.UTF8)
            {
                code.aload(from.value());
                code.astore(to.value());
                code.lload(from.start());
                code.lstore(to.start());
                code.iload(from.length());
                code.istore(to.length());
            }
            else
            {
                load(from);
                store(to.type(), to.value());
            }
            code.iload(from.isNull());
            code.istore(to.isNull());
        }

        private void load(final Val v)
        {
            code.loadLocal(kind(v.type()), v.value());
        }

        private void store(final DataType type, final int local)
        {
            code.storeLocal(kind(type), local);
        }

        private void zero(final DataType type)
        {
            switch (kind(type))
            {
                case INT -> code.iconst_0();
                case LONG -> code.lconst_0();
                case FLOAT -> code.fconst_0();
                case DOUBLE -> code.dconst_0();
                default -> code.aconst_null();
            }
        }

        private void layout(final DataType type)
        {
            code.getstatic(CD_LAYOUTS, switch (type)
            {
                case INT32 -> "INT_UNALIGNED";
                case INT64 -> "LONG_UNALIGNED";
                case FLOAT32 -> "FLOAT_UNALIGNED";
                case FLOAT64 -> "DOUBLE_UNALIGNED";
                default -> throw new IllegalArgumentException(type.toString());
            }, layoutDesc(type));
        }
    }

    static TypeKind kind(final DataType type)
    {
        return switch (type)
        {
            case BOOLEAN, INT32 -> TypeKind.INT;
            case INT64 -> TypeKind.LONG;
            case FLOAT32 -> TypeKind.FLOAT;
            case FLOAT64 -> TypeKind.DOUBLE;
            case UTF8 -> TypeKind.REFERENCE;
            case DATE, DECIMAL -> throw new IllegalArgumentException(type + " is lowered by the binder");
        };
    }

    static ClassDesc primitive(final DataType type)
    {
        return switch (type)
        {
            case BOOLEAN, INT32 -> CD_int;
            case INT64 -> CD_long;
            case FLOAT32 -> CD_float;
            case FLOAT64 -> CD_double;
            case UTF8 -> CD_SEGMENT;
            case DATE, DECIMAL -> throw new IllegalArgumentException(type + " is lowered by the binder");
        };
    }

    static int shift(final DataType type)
    {
        return type.byteWidth() == 8 ? 3 : 2;
    }

    static ClassDesc layoutDesc(final DataType type)
    {
        final String base = "java.lang.foreign.ValueLayout$";
        return ClassDesc.of(base + switch (type)
        {
            case INT32 -> "OfInt";
            case INT64 -> "OfLong";
            case FLOAT32 -> "OfFloat";
            case FLOAT64 -> "OfDouble";
            default -> throw new IllegalArgumentException(type.toString());
        });
    }
}
