package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.bind.ExactOp;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.simd.CompareOp;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits Vector API code for numeric expression trees, 64 rows (one validity word) at a time.
 *
 * <pre>
 *   per block of 64 rows [row, row + 64):
 *     words before loop k   validity words of columns (loaded once), of strict nodes (AND of children),
 *                           Kleene (true, false) word pairs of boolean nodes computed by earlier loops
 *     chunk loop k          for j in 0, L, 2L, .. 64:  load L-lane vectors at row + j, compute, and
 *                             compare nodes:      acc |= mask.toLong() << j
 *                             numeric outputs:    store the vector
 *     after the loops       the root's words: filter word = true word; projection validity
 * </pre>
 *
 * <p>Every species of a tree has the same lane count L = 256 bits / widest element (4 with a 64-bit type, else 8),
 * read from the JDK's static final {@code SPECIES_*} constants. A boolean node is a pair of words (T: valid and
 * true, F: valid and false), which makes Kleene logic plain long operations: and = (Ta &amp; Tb, Fa | Fb), or = (Ta |
 * Tb, Fa &amp; Fb), not = (F, T). Values computed under nulls are garbage but harmless: floats never trap and integer
 * division and modulo (null on zero divisor) are not supported here. A numeric {@code if} whose condition depends on
 * comparisons needs those comparison words before its own loop, so nodes get a loop level: a tree of comparisons with
 * no such {@code if} is one loop. Chunk loops are real loops, their body unrolled 4, 2 or 1 times by tree size.
 *
 * <p>A filter appends the positions of a block's true word with {@link VectorRuntime#select} (8-lane stores of
 * per-byte position tables, no data-dependent branches; measured faster than walking set bits at 50% selectivity).
 * Trees larger than {@link #MAX_NODES} are not {@link #supports supported}, so no method nears 8000 bytes (80 nodes
 * emit about 2 KB).
 *
 * <p>Thread-safety: stateless; each call builds into the caller's {@link ClassBuilder}.
 */
public final class VectorBlockEmitter
{
    /** Largest tree (in nodes) emitted here; keeps methods far below HotSpot's 8000-byte compile limit. */
    static final int MAX_NODES = 80;

    /**
     * Chunk bodies per loop iteration by tree size (nodes): small trees 4, middling 2, large 1. Measured on the
     * filter {@code a * b + c > t} and {@code if(a > b, a * b, c)} (10M float64 rows): unrolling by 2-4 gave 3% and
     * 15-20%; the size cap keeps methods far below 8000 bytes.
     */
    static int unroll(final List<Bound> trees)
    {
        int nodes = 0;
        for (final Bound t : trees)
        {
            nodes += count(t);
        }
        return nodes <= 16 ? 4 : nodes <= 40 ? 2 : 1;
    }

    private static final String VEC = "jdk.incubator.vector.";
    private static final ClassDesc CD_VECTOR = ClassDesc.of(VEC + "Vector");
    private static final ClassDesc CD_MASK = ClassDesc.of(VEC + "VectorMask");
    private static final ClassDesc CD_SPECIES = ClassDesc.of(VEC + "VectorSpecies");
    private static final ClassDesc CD_OPERATORS = ClassDesc.of(VEC + "VectorOperators");
    private static final ClassDesc CD_COMPARISON = ClassDesc.of(VEC + "VectorOperators$Comparison");
    private static final ClassDesc CD_UNARY = ClassDesc.of(VEC + "VectorOperators$Unary");
    private static final ClassDesc CD_CONVERSION = ClassDesc.of(VEC + "VectorOperators$Conversion");
    private static final ClassDesc CD_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    private static final ClassDesc CD_BYTE_ORDER = ClassDesc.of("java.nio.ByteOrder");
    private static final ClassDesc CD_FRAME = ClassDesc.of("io.sabot.jit.exec.Frame");
    private static final ClassDesc CD_SEGMENTS = CD_SEGMENT.arrayType();
    private static final ClassDesc CD_RUNTIME = ClassDesc.of(VectorRuntime.class.getName());

    private VectorBlockEmitter()
    {
    }

    // ---------------------------------------------------------------------------------------------- support

    /**
     * @param tree a bound expression.
     * @return true when every node can be computed with vectors bit-identically to Java scalar semantics and the tree
     *     is small enough for one method.
     */
    public static boolean supports(final Bound tree)
    {
        return count(tree) <= MAX_NODES && supportsNode(tree);
    }

    private static int count(final Bound node)
    {
        int n = 1;
        for (final Bound child : BoundTrees.children(node))
        {
            n += count(child);
        }
        return n;
    }

    private static boolean isVectorType(final DataType type)
    {
        return type.isNumeric();
    }

    private static boolean supportsNode(final Bound node)
    {
        if (node instanceof Bound.IsNull n && n.arg() instanceof Bound.Column c && c.type() == DataType.UTF8)
        {
            // only the validity bitmap is read
            return true;
        }
        final boolean here = switch (node)
        {
            case Bound.Column c -> c.type() != DataType.UTF8;
            case Bound.Literal l -> l.value() != null && l.type() != DataType.UTF8;
            case Bound.Arith a -> isVectorType(a.type()) &&
                (a.op() == ArithOp.ADD || a.op() == ArithOp.SUB || a.op() == ArithOp.MUL ||
                (a.op() == ArithOp.DIV && a.type().isFloating()));
            case Bound.Negate n -> isVectorType(n.type());
            case Bound.Compare c -> c.left().type() != DataType.UTF8;
            case Bound.And ignored -> true;
            case Bound.Or ignored -> true;
            case Bound.Not ignored -> true;
            case Bound.IsNull n -> n.arg().type() != DataType.UTF8;
            case Bound.If i -> i.type() != DataType.UTF8;
            case Bound.Coalesce c -> c.type() != DataType.UTF8;
            case Bound.Cast c -> supportsCast(c.arg().type(), c.type());
            case Bound.MathCall m -> switch (m.fn())
            {
                case ABS, MIN, MAX -> isVectorType(m.type());
                case SQRT -> m.type() == DataType.FLOAT64;
                default -> false;
            };
            case Bound.StringPredicate ignored -> false;
            case Bound.Length ignored -> false;
            case Bound.UdfCall ignored -> false;
            case Bound.Exact e -> e.op() == ExactOp.ADD || e.op() == ExactOp.SUB || e.op() == ExactOp.MUL;
        };
        if (!here)
        {
            return false;
        }
        for (final Bound child : BoundTrees.children(node))
        {
            if (!supportsNode(child))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean supportsCast(final DataType from, final DataType to)
    {
        if (from == DataType.UTF8 || to == DataType.UTF8)
        {
            return false;
        }
        // BOOLEAN <-> numeric, and numeric conversions whose vector form VectorCastTest proves identical to the cast.
        return from == DataType.BOOLEAN || to == DataType.BOOLEAN || conversion(from, to) != null;
    }

    /**
     * @return the {@code VectorOperators} conversion field for a numeric cast, or {@code null}.
     */
    private static String conversion(final DataType from, final DataType to)
    {
        return switch (from)
        {
            case INT32 -> switch (to)
            {
                case INT64 -> "I2L";
                case FLOAT32 -> "I2F";
                case FLOAT64 -> "I2D";
                default -> null;
            };
            case INT64 -> switch (to)
            {
                case INT32 -> "L2I";
                case FLOAT32 -> "L2F";
                case FLOAT64 -> "L2D";
                default -> null;
            };
            case FLOAT32 -> switch (to)
            {
                case INT32 -> "F2I";
                case INT64 -> "F2L";
                case FLOAT64 -> "F2D";
                default -> null;
            };
            case FLOAT64 -> switch (to)
            {
                case INT32 -> "D2I";
                case INT64 -> "D2L";
                case FLOAT32 -> "D2F";
                default -> null;
            };
            default -> null;
        };
    }

    /**
     * @param trees expressions emitted into one method.
     * @return the lane count of every species in that method: 4 when a 64-bit type occurs, else 8.
     */
    static int lanes(final List<Bound> trees)
    {
        for (final Bound t : trees)
        {
            if (hasWide(t))
            {
                return 4;
            }
        }
        return 8;
    }

    private static boolean hasWide(final Bound node)
    {
        if (node.type() == DataType.INT64 || node.type() == DataType.FLOAT64)
        {
            return true;
        }
        for (final Bound child : BoundTrees.children(node))
        {
            if (hasWide(child))
            {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- methods

    /**
     * Emits {@code private final int <methodName>(Frame f, int offset, int blocks, MemorySegment selOut, int k)}:
     * appends to {@code selOut} (int32 LE, from index {@code k}) the positions of rows in {@code [offset, offset +
     * 64 * blocks)} where {@code predicate} is true, and returns the next index. Positions are written 8 at a time
     * while {@code selOut} has room for 64 more, so slots after the returned index may be overwritten (scratch).
     *
     * @param cb         the generated class.
     * @param owner      its descriptor.
     * @param predicate  a BOOLEAN tree {@link #supports supported} here.
     * @param slots      literal slots of the program.
     * @param methodName name of the method.
     */
    public static void emitFilter(final ClassBuilder cb, final ClassDesc owner, final Bound predicate,
        final LiteralSlots slots, final String methodName)
    {
        final MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_int, CD_FRAME, ConstantDescs.CD_int,
            ConstantDescs.CD_int, CD_SEGMENT, ConstantDescs.CD_int);
        cb.withMethodBody(methodName, type, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL, code ->
        {
            final Gen g = new Gen(code, owner, slots, lanes(List.of(predicate)), 1);
            g.prologue(List.of(predicate), null);
            // end = offset + 64 * blocks; for (row = offset; row < end; row += 64)
            final int end = code.allocateLocal(TypeKind.INT);
            code.iload(2).iload(3).bipush(6).ishl().iadd().istore(end);
            final int row = code.allocateLocal(TypeKind.INT);
            code.iload(2).istore(row);
            g.rowLocal = row;
            final Label test = code.newLabel();
            final Label body = code.newLabel();
            code.goto_(test);
            code.labelBinding(body);
            g.block(List.of(predicate));
            final int word = g.bool(predicate)[0];
            code.aload(4).iload(5).lload(word).iload(row);
            code.invokestatic(CD_RUNTIME, "select", MethodTypeDesc.of(ConstantDescs.CD_int, CD_SEGMENT,
                ConstantDescs.CD_int, ConstantDescs.CD_long, ConstantDescs.CD_int));
            code.istore(5);
            code.iinc(row, 64);
            code.labelBinding(test);
            code.iload(row).iload(end).if_icmplt(body);
            code.iload(5).ireturn();
        });
    }

    /**
     * Emits {@code private final long <methodName>(Frame f, int row)}: bit i set iff {@code predicate} is true at
     * row {@code row + i}, for 64 rows.
     *
     * @param cb         the generated class.
     * @param owner      its descriptor.
     * @param predicate  a BOOLEAN tree {@link #supports supported} here.
     * @param slots      literal slots of the program.
     * @param methodName name of the method.
     */
    public static void emitFilterBlock(final ClassBuilder cb, final ClassDesc owner, final Bound predicate,
        final LiteralSlots slots, final String methodName)
    {
        final MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_long, CD_FRAME, ConstantDescs.CD_int);
        cb.withMethodBody(methodName, type, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL, code ->
        {
            final Gen g = new Gen(code, owner, slots, lanes(List.of(predicate)), 1);
            g.rowLocal = 2;
            g.prologue(List.of(predicate), null);
            g.block(List.of(predicate));
            g.emitTrue(predicate);
            code.lreturn();
        });
    }

    /**
     * Emits {@code private final void <methodName>(Frame f, int offset, int blocks)}: for each projection j, writes
     * values and validity words of output rows {@code [0, 64 * blocks)} of output {@code outputIndexes[j]} from input
     * rows {@code [offset, offset + 64 * blocks)}.
     *
     * @param cb            the generated class.
     * @param owner         its descriptor.
     * @param projections   trees {@link #supports supported} here.
     * @param outputIndexes the frame output of each projection.
     * @param slots         literal slots of the program.
     * @param methodName    name of the method.
     */
    public static void emitProject(final ClassBuilder cb, final ClassDesc owner, final List<Bound> projections,
        final int[] outputIndexes, final LiteralSlots slots, final String methodName)
    {
        final MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_void, CD_FRAME, ConstantDescs.CD_int,
            ConstantDescs.CD_int);
        cb.withMethodBody(methodName, type, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL, code ->
        {
            final Gen g = new Gen(code, owner, slots, lanes(projections), 1);
            g.prologue(projections, outputIndexes);
            final int end = code.allocateLocal(TypeKind.INT);
            code.iload(2).iload(3).bipush(6).ishl().iadd().istore(end);
            final int row = code.allocateLocal(TypeKind.INT);
            code.iload(2).istore(row);
            final int outRow = code.allocateLocal(TypeKind.INT);
            g.rowLocal = row;
            g.outRowLocal = outRow;
            final Label test = code.newLabel();
            final Label body = code.newLabel();
            code.goto_(test);
            code.labelBinding(body);
            code.iload(row).iload(2).isub().istore(outRow);
            g.stores = projections;
            g.outputIdx = outputIndexes;
            g.block(projections);
            for (int p = 0; p < projections.size(); p++)
            {
                final Bound root = projections.get(p);
                final int o = outputIndexes[p];
                if (root.type() == DataType.BOOLEAN)
                {
                    final int[] tf = g.bool(root);
                    g.storeWord(g.outValues.get(o), () -> code.lload(tf[0]));
                    g.storeWord(g.outValidity.get(o), () -> code.lload(tf[0]).lload(tf[1]).lor());
                }
                else
                {
                    final int v = g.validity(root);
                    g.storeWord(g.outValidity.get(o), () -> code.lload(v));
                }
            }
            code.iinc(row, 64);
            code.labelBinding(test);
            code.iload(row).iload(end).if_icmplt(body);
            code.return_();
        });
    }

    // ---------------------------------------------------------------------------------------------- generator

    /** One method's emission state. Word locals are assigned at the block's top level only (never in a loop). */
    private static final class Gen
    {
        private final CodeBuilder code;
        private final ClassDesc owner;
        private final LiteralSlots slots;
        private final int lanes;
        private final int frameLocal;
        int rowLocal = -1;
        int outRowLocal = -1;
        List<Bound> stores = List.of();

        private final Map<Integer, Integer> valueSegs = new HashMap<>();
        private final Map<Integer, Integer> validitySegs = new HashMap<>();
        final Map<Integer, Integer> outValues = new HashMap<>();
        final Map<Integer, Integer> outValidity = new HashMap<>();
        private final IdentityHashMap<Bound.Literal, Integer> literalLocals = new IdentityHashMap<>();

        // per block
        private final Map<Integer, Integer> columnValidity = new HashMap<>();
        private final IdentityHashMap<Bound, Integer> validityWords = new IdentityHashMap<>();
        private final IdentityHashMap<Bound, int[]> boolWords = new IdentityHashMap<>();
        private final IdentityHashMap<Bound, Integer> compareAcc = new IdentityHashMap<>();

        // per chunk
        private int chunkLocal = -1;
        private int chunkDelta;
        private int unrollFactor = 1;
        private final Map<Integer, Integer> chunkColumns = new HashMap<>();

        Gen(final CodeBuilder code, final ClassDesc owner, final LiteralSlots slots, final int lanes,
            final int frameLocal)
        {
            this.code = code;
            this.owner = owner;
            this.slots = slots;
            this.lanes = lanes;
            this.frameLocal = frameLocal;
        }

        /** Loads the segments and literals the trees use into locals. */
        void prologue(final List<Bound> trees, final int[] outputs)
        {
            unrollFactor = unroll(trees);
            for (final Bound t : trees)
            {
                collect(t);
            }
            if (outputs != null)
            {
                for (int p = 0; p < outputs.length; p++)
                {
                    final int o = outputs[p];
                    outValues.put(o, loadSegment("outValues", o));
                    outValidity.put(o, loadSegment("outValidity", o));
                }
            }
        }

        private void collect(final Bound node)
        {
            switch (node)
            {
                case Bound.Column c ->
                {
                    if (!validitySegs.containsKey(c.index()))
                    {
                        if (c.type() != DataType.UTF8)
                        {
                            valueSegs.put(c.index(), loadSegment("values", c.index()));
                        }
                        validitySegs.put(c.index(), loadSegment("validity", c.index()));
                    }
                }
                case Bound.Literal l ->
                {
                    if (!literalLocals.containsKey(l))
                    {
                        final int slot = slots.slot(l);
                        final ClassDesc ft = slots.fieldType(slot);
                        code.aload(0).getfield(owner, LiteralSlots.fieldName(slot), ft);
                        final TypeKind kind = TypeKind.from(ft).asLoadable();
                        final int local = code.allocateLocal(kind);
                        code.storeLocal(kind, local);
                        literalLocals.put(l, local);
                    }
                }
                default ->
                {
                    for (final Bound child : BoundTrees.children(node))
                    {
                        collect(child);
                    }
                }
            }
        }

        private int loadSegment(final String field, final int index)
        {
            code.aload(frameLocal).getfield(CD_FRAME, field, CD_SEGMENTS);
            code.loadConstant(index).aaload();
            final int local = code.allocateLocal(TypeKind.REFERENCE);
            code.astore(local);
            return local;
        }

        void storeWord(final int segLocal, final Runnable word)
        {
            code.aload(segLocal).iload(outRowLocal);
            word.run();
            code.invokestatic(CD_RUNTIME, "storeWord", MethodTypeDesc.of(ConstantDescs.CD_void, CD_SEGMENT,
                ConstantDescs.CD_int, ConstantDescs.CD_long));
        }

        // ------------------------------------------------------------------ levels

        /** Loop index in which a numeric node's vector can be computed. */
        private int numLevel(final Bound node)
        {
            return switch (node)
            {
                case Bound.Column ignored -> 0;
                case Bound.Literal ignored -> 0;
                case Bound.If i -> Math.max(wordLevel(i.condition()), Math.max(numLevel(i.then()),
                    numLevel(i.otherwise())));
                case Bound.Coalesce c ->
                {
                    int level = 0;
                    for (final Bound a : c.args())
                    {
                        level = Math.max(level, Math.max(numLevel(a), validLevel(a)));
                    }
                    yield level;
                }
                case Bound.Cast c when c.arg().type() == DataType.BOOLEAN -> wordLevel(c.arg());
                default ->
                {
                    int level = 0;
                    for (final Bound child : BoundTrees.children(node))
                    {
                        level = Math.max(level, numLevel(child));
                    }
                    yield level;
                }
            };
        }

        /** First loop before which a boolean node's words can be computed. */
        private int wordLevel(final Bound node)
        {
            if (isVectorCompare(node))
            {
                final int ops = node instanceof Bound.Compare c ?
                    Math.max(numLevel(c.left()), numLevel(c.right())) : numLevel(((Bound.Cast)node).arg());
                return ops + 1;
            }
            return switch (node)
            {
                case Bound.Column ignored -> 0;
                case Bound.Literal ignored -> 0;
                case Bound.IsNull n -> n.arg().type() == DataType.BOOLEAN ? wordLevel(n.arg()) : validLevel(n.arg());
                default ->
                {
                    int level = 0;
                    for (final Bound child : BoundTrees.children(node))
                    {
                        level = Math.max(level, wordLevel(child));
                    }
                    yield level;
                }
            };
        }

        /** First loop before which a numeric node's validity word can be computed. */
        private int validLevel(final Bound node)
        {
            return switch (node)
            {
                case Bound.Column ignored -> 0;
                case Bound.Literal ignored -> 0;
                case Bound.If i -> Math.max(wordLevel(i.condition()), Math.max(validLevel(i.then()),
                    validLevel(i.otherwise())));
                case Bound.Cast c when c.arg().type() == DataType.BOOLEAN -> wordLevel(c.arg());
                default ->
                {
                    int level = 0;
                    for (final Bound child : BoundTrees.children(node))
                    {
                        level = Math.max(level, validLevel(child));
                    }
                    yield level;
                }
            };
        }

        private static boolean isVectorCompare(final Bound node)
        {
            return (node instanceof Bound.Compare c && c.left().type().isNumeric()) ||
                (node instanceof Bound.Cast k && k.type() == DataType.BOOLEAN && k.arg().type().isNumeric());
        }

        private void sinks(final Bound node, final List<Bound> out)
        {
            // by identity: structurally equal nodes are distinct occurrences with their own words
            if (isVectorCompare(node) && out.stream().noneMatch(n -> n == node))
            {
                out.add(node);
            }
            for (final Bound child : BoundTrees.children(node))
            {
                sinks(child, out);
            }
        }

        // ------------------------------------------------------------------ block

        /** Emits the loops of one block; afterwards every word of the roots can be taken. */
        void block(final List<Bound> roots)
        {
            columnValidity.clear();
            validityWords.clear();
            boolWords.clear();
            compareAcc.clear();
            final List<Bound> compares = new ArrayList<>();
            for (final Bound root : roots)
            {
                sinks(root, compares);
            }
            int maxLevel = -1;
            for (final Bound c : compares)
            {
                maxLevel = Math.max(maxLevel, wordLevel(c) - 1);
            }
            for (final Bound s : stores)
            {
                if (s.type() != DataType.BOOLEAN)
                {
                    maxLevel = Math.max(maxLevel, numLevel(s));
                }
            }
            for (int level = 0; level <= maxLevel; level++)
            {
                final List<Bound> loopCompares = new ArrayList<>();
                for (final Bound c : compares)
                {
                    if (wordLevel(c) - 1 == level)
                    {
                        loopCompares.add(c);
                    }
                }
                final List<Integer> loopStores = new ArrayList<>();
                for (int p = 0; p < stores.size(); p++)
                {
                    final Bound s = stores.get(p);
                    if (s.type() != DataType.BOOLEAN && numLevel(s) == level)
                    {
                        loopStores.add(p);
                    }
                }
                if (!loopCompares.isEmpty() || !loopStores.isEmpty())
                {
                    chunkLoop(loopCompares, loopStores);
                }
            }
        }

        private void chunkLoop(List<Bound> loopCompares, final List<Integer> loopStores)
        {
            // Words the vectors need (if conditions, coalesce validity, boolean casts) are computed first.
            for (final Bound c : loopCompares)
            {
                prepare(c);
            }
            for (final int p : loopStores)
            {
                prepare(stores.get(p));
            }
            final List<Bound> inLoop = new ArrayList<>();
            for (final Bound c : loopCompares)
            {
                if (!decimalWord(c))
                {
                    inLoop.add(c);
                }
            }
            loopCompares = inLoop;
            if (loopCompares.isEmpty() && loopStores.isEmpty())
            {
                return;
            }
            final List<Integer> accs = new ArrayList<>();
            for (int i = 0; i < loopCompares.size(); i++)
            {
                final int acc = code.allocateLocal(TypeKind.LONG);
                code.lconst_0().lstore(acc);
                accs.add(acc);
            }
            final int j = code.allocateLocal(TypeKind.INT);
            chunkLocal = j;
            code.iconst_0().istore(j);
            final Label top = code.newLabel();
            code.labelBinding(top);
            final int unroll = Math.min(unrollFactor, 64 / lanes);
            for (int u = 0; u < unroll; u++)
            {
                chunkDelta = u * lanes;
                chunkColumns.clear();
                for (int i = 0; i < loopCompares.size(); i++)
                {
                    final Bound c = loopCompares.get(i);
                    final int acc = accs.get(i);
                    code.lload(acc);
                    mask(c);
                    code.invokevirtual(CD_MASK, "toLong", MethodTypeDesc.of(ConstantDescs.CD_long));
                    pushChunk();
                    code.lshl().lor().lstore(acc);
                }
                for (final int p : loopStores)
                {
                    final Bound s = stores.get(p);
                    final int o = outputIndex(p);
                    vector(s);
                    code.aload(outValues.get(o));
                    code.iload(outRowLocal);
                    pushChunk();
                    code.iadd().i2l();
                    code.loadConstant((long)s.type().byteWidth()).lmul();
                    code.getstatic(CD_BYTE_ORDER, "LITTLE_ENDIAN", CD_BYTE_ORDER);
                    final ClassDesc vc = vectorClass(s.type());
                    code.invokevirtual(vc, "intoMemorySegment", MethodTypeDesc.of(ConstantDescs.CD_void, CD_SEGMENT,
                        ConstantDescs.CD_long, CD_BYTE_ORDER));
                }
            }
            chunkDelta = 0;
            code.iinc(j, lanes * unroll);
            code.iload(j).bipush(64).if_icmplt(top);
            chunkLocal = -1;
            for (int i = 0; i < loopCompares.size(); i++)
            {
                compareAcc.put(loopCompares.get(i), accs.get(i));
            }
        }

        int[] outputIdx;

        /**
         * A decimal column compared with a literal is evaluated for the whole block by one
         * {@code VectorRuntime.decimal<Op>Word} call straight from the 16-byte slots, not lane by lane in the chunk
         * loop (which would need the low words gathered into lanes).
         *
         * @return true when {@code c} was emitted that way and its word is in {@link #compareAcc}.
         */
        private boolean decimalWord(final Bound c)
        {
            if (!(c instanceof Bound.Compare cmp))
            {
                return false;
            }
            final Bound.Column column;
            final Bound.Literal literal;
            final CompareOp op;
            if (cmp.left() instanceof Bound.Column l && cmp.right() instanceof Bound.Literal r)
            {
                column = l;
                literal = r;
                op = cmp.op();
            }
            else if (cmp.right() instanceof Bound.Column r && cmp.left() instanceof Bound.Literal l)
            {
                column = r;
                literal = l;
                op = cmp.op().swap();
            }
            else
            {
                return false;
            }
            if (!column.isDecimal() || literal.type() != DataType.INT64 || !literalLocals.containsKey(literal))
            {
                return false;
            }
            final String name = "decimal" + op.name().charAt(0) + op.name().substring(1).toLowerCase() + "Word";
            code.aload(valueSegs.get(column.index()));
            code.iload(rowLocal);
            code.lload(literalLocals.get(literal));
            code.invokestatic(CD_RUNTIME, name, MethodTypeDesc.of(ConstantDescs.CD_long, CD_SEGMENT,
                ConstantDescs.CD_int, ConstantDescs.CD_long));
            final int word = code.allocateLocal(TypeKind.LONG);
            code.lstore(word);
            compareAcc.put(c, word);
            return true;
        }

        private int outputIndex(final int p)
        {
            return outputIdx[p];
        }

        /** Computes (at top level) every word the vectors of {@code node} read inside a chunk loop. */
        private void prepare(final Bound node)
        {
            switch (node)
            {
                case Bound.If i when i.type() != DataType.BOOLEAN ->
                {
                    bool(i.condition());
                    prepare(i.then());
                    prepare(i.otherwise());
                }
                case Bound.Coalesce c when c.type() != DataType.BOOLEAN ->
                {
                    for (final Bound a : c.args())
                    {
                        validity(a);
                        prepare(a);
                    }
                }
                case Bound.Cast c when c.arg().type() == DataType.BOOLEAN -> bool(c.arg());
                default ->
                {
                    if (node.type() != DataType.BOOLEAN || isVectorCompare(node))
                    {
                        for (final Bound child : BoundTrees.children(node))
                        {
                            prepare(child);
                        }
                    }
                }
            }
        }

        // ------------------------------------------------------------------ words

        private int newLong()
        {
            return code.allocateLocal(TypeKind.LONG);
        }

        private int columnValidity(final int column)
        {
            Integer local = columnValidity.get(column);
            if (local == null)
            {
                code.aload(validitySegs.get(column)).iload(rowLocal);
                code.invokestatic(CD_RUNTIME, "validityWord", MethodTypeDesc.of(ConstantDescs.CD_long, CD_SEGMENT,
                    ConstantDescs.CD_int));
                local = newLong();
                code.lstore(local);
                columnValidity.put(column, local);
            }
            return local;
        }

        /** @return local holding the validity word of a node (for BOOLEAN nodes: T | F). */
        int validity(final Bound node)
        {
            Integer local = validityWords.get(node);
            if (local != null)
            {
                return local;
            }
            if (node.type() == DataType.BOOLEAN)
            {
                final int[] tf = bool(node);
                code.lload(tf[0]).lload(tf[1]).lor();
            }
            else
            {
                switch (node)
                {
                    case Bound.Column c ->
                    {
                        return columnValidity(c.index());
                    }
                    case Bound.Literal ignored -> code.loadConstant(-1L);
                    case Bound.If i ->
                    {
                        final int[] cond = bool(i.condition());
                        final int t = validity(i.then());
                        final int e = validity(i.otherwise());
                        code.lload(cond[0]).lload(t).land();
                        code.lload(cond[0]).loadConstant(-1L).lxor().lload(e).land();
                        code.lor();
                    }
                    case Bound.Coalesce c ->
                    {
                        final List<Integer> locals = new ArrayList<>();
                        for (final Bound a : c.args())
                        {
                            locals.add(validity(a));
                        }
                        code.lconst_0();
                        for (final int w : locals)
                        {
                            code.lload(w).lor();
                        }
                    }
                    case Bound.Cast c when c.arg().type() == DataType.BOOLEAN ->
                    {
                        final int[] tf = bool(c.arg());
                        code.lload(tf[0]).lload(tf[1]).lor();
                    }
                    default ->
                    {
                        final int strict = strictValidity(node);
                        validityWords.put(node, strict);
                        return strict;
                    }
                }
            }
            local = newLong();
            code.lstore(local);
            validityWords.put(node, local);
            return local;
        }

        /** @return a local holding the AND of the children's validity words (a strict node's validity). */
        private int strictValidity(final Bound node)
        {
            // children first: their words are emitted on an empty stack
            final List<Integer> locals = new ArrayList<>();
            for (final Bound child : BoundTrees.children(node))
            {
                locals.add(validity(child));
            }
            code.loadConstant(-1L);
            for (final int local : locals)
            {
                code.lload(local).land();
            }
            final int local = newLong();
            code.lstore(local);
            return local;
        }

        /** Pushes the T word (valid and true) of a BOOLEAN node. */
        void emitTrue(final Bound node)
        {
            code.lload(bool(node)[0]);
        }

        /** @return locals {T, F} of a BOOLEAN node's Kleene words. */
        int[] bool(final Bound node)
        {
            int[] tf = boolWords.get(node);
            if (tf != null)
            {
                return tf;
            }
            if (isVectorCompare(node))
            {
                // value bits from the chunk loop, strict validity
                final int acc = compareAcc.get(node);
                final int v = strictValidity(node);
                code.lload(acc).lload(v).land();
                final int t = newLong();
                code.lstore(t);
                code.lload(acc).loadConstant(-1L).lxor().lload(v).land();
                final int f = newLong();
                code.lstore(f);
                tf = new int[]{t, f};
                boolWords.put(node, tf);
                return tf;
            }
            switch (node)
            {
                case Bound.Column c ->
                {
                    final int v = columnValidity(c.index());
                    code.aload(valueSegs.get(c.index())).iload(rowLocal);
                    code.invokestatic(CD_RUNTIME, "bitsWord", MethodTypeDesc.of(ConstantDescs.CD_long, CD_SEGMENT,
                        ConstantDescs.CD_int));
                    final int bits = newLong();
                    code.lstore(bits);
                    code.lload(bits).lload(v).land();
                    code.lload(bits).loadConstant(-1L).lxor().lload(v).land();
                }
                case Bound.Literal l ->
                {
                    // true -> -1L, false -> 0L
                    code.iload(literalLocals.get(l)).i2l().lneg();
                    code.dup2().loadConstant(-1L).lxor();
                }
                case Bound.Compare c ->
                {
                    // BOOLEAN operands: on valid rows T is the value
                    final int[] a = bool(c.left());
                    final int[] b = bool(c.right());
                    final int v = strictValidity(c);
                    final int r = newLong();
                    code.lload(a[0]).lload(b[0]);
                    switch (c.op())
                    {
                        case EQ -> code.lxor().loadConstant(-1L).lxor();
                        case NE -> code.lxor();
                        case LT -> code.lstore(r).loadConstant(-1L).lxor().lload(r).land();
                        case LE -> code.lstore(r).loadConstant(-1L).lxor().lload(r).lor();
                        case GT -> code.loadConstant(-1L).lxor().land();
                        case GE -> code.loadConstant(-1L).lxor().lor();
                    }
                    code.lstore(r);
                    code.lload(r).lload(v).land();
                    code.lload(r).loadConstant(-1L).lxor().lload(v).land();
                }
                case Bound.And a ->
                {
                    final int[] l = bool(a.left());
                    final int[] r = bool(a.right());
                    code.lload(l[0]).lload(r[0]).land();
                    code.lload(l[1]).lload(r[1]).lor();
                }
                case Bound.Or o ->
                {
                    final int[] l = bool(o.left());
                    final int[] r = bool(o.right());
                    code.lload(l[0]).lload(r[0]).lor();
                    code.lload(l[1]).lload(r[1]).land();
                }
                case Bound.Not n ->
                {
                    final int[] a = bool(n.arg());
                    code.lload(a[1]).lload(a[0]);
                }
                case Bound.IsNull n ->
                {
                    final int v = validity(n.arg());
                    code.lload(v).loadConstant(-1L).lxor();
                    code.lload(v);
                }
                case Bound.If i ->
                {
                    final int[] c = bool(i.condition());
                    final int[] t = bool(i.then());
                    final int[] e = bool(i.otherwise());
                    final int notC = newLong();
                    code.lload(c[0]).loadConstant(-1L).lxor().lstore(notC);
                    code.lload(c[0]).lload(t[0]).land().lload(notC).lload(e[0]).land().lor();
                    code.lload(c[0]).lload(t[1]).land().lload(notC).lload(e[1]).land().lor();
                }
                case Bound.Coalesce c ->
                {
                    final List<Bound> args = c.args();
                    final int[] last = bool(args.getLast());
                    final int t = newLong();
                    final int f = newLong();
                    code.lload(last[0]).lstore(t);
                    code.lload(last[1]).lstore(f);
                    for (int i = args.size() - 2; i >= 0; i--)
                    {
                        final int[] a = bool(args.get(i));
                        final int notValid = newLong();
                        code.lload(a[0]).lload(a[1]).lor().loadConstant(-1L).lxor().lstore(notValid);
                        code.lload(a[0]).lload(notValid).lload(t).land().lor().lstore(t);
                        code.lload(a[1]).lload(notValid).lload(f).land().lor().lstore(f);
                    }
                    tf = new int[]{t, f};
                    boolWords.put(node, tf);
                    return tf;
                }
                default -> throw new IllegalStateException("not a vector boolean node: " + node);
            }
            // stack: T F
            final int f = newLong();
            code.lstore(f);
            final int t = newLong();
            code.lstore(t);
            tf = new int[]{t, f};
            boolWords.put(node, tf);
            return tf;
        }

        // ------------------------------------------------------------------ vectors (inside a chunk loop)

        /** Pushes the comparison mask (VectorMask) of a vector compare node for the current chunk. */
        private void mask(final Bound node)
        {
            final Bound left;
            final Bound right;
            final String op;
            if (node instanceof Bound.Compare c)
            {
                left = c.left();
                right = c.right();
                op = c.op().name();
            }
            else
            {
                // numeric -> BOOLEAN cast: x != 0
                left = ((Bound.Cast)node).arg();
                right = null;
                op = CompareOp.NE.name();
            }
            final DataType t = left.type();
            vector(left);
            code.getstatic(CD_OPERATORS, op, CD_COMPARISON);
            if (right != null)
            {
                vector(right);
            }
            else
            {
                broadcastZero(t);
            }
            code.invokevirtual(vectorClass(t), "compare", MethodTypeDesc.of(CD_MASK, CD_COMPARISON, CD_VECTOR));
        }

        private void broadcastZero(final DataType t)
        {
            species(t);
            switch (t)
            {
                case INT32 -> code.iconst_0();
                case INT64 -> code.lconst_0();
                case FLOAT32 -> code.fconst_0();
                default -> code.dconst_0();
            }
            broadcast(t);
        }

        private void broadcastOne(final DataType t)
        {
            species(t);
            switch (t)
            {
                case INT32 -> code.iconst_1();
                case INT64 -> code.lconst_1();
                case FLOAT32 -> code.fconst_1();
                default -> code.dconst_1();
            }
            broadcast(t);
        }

        private void broadcast(final DataType t)
        {
            code.invokestatic(vectorClass(t), "broadcast", MethodTypeDesc.of(vectorClass(t), CD_SPECIES,
                LiteralSlots.fieldType(t)));
        }

        private void species(final DataType t)
        {
            code.getstatic(vectorClass(t), "SPECIES_" + (lanes * t.byteWidth() * 8), CD_SPECIES);
        }

        /** Pushes the first lane's bit index in the block: the loop index plus the unrolled body's delta. */
        private void pushChunk()
        {
            code.iload(chunkLocal);
            if (chunkDelta != 0)
            {
                code.loadConstant(chunkDelta).iadd();
            }
        }

        /** Pushes a mask of the current chunk's lanes from a word local. */
        private void wordMask(final DataType t, final int wordLocal)
        {
            species(t);
            code.lload(wordLocal);
            pushChunk();
            code.lushr();
            code.invokestatic(CD_MASK, "fromLong", MethodTypeDesc.of(CD_MASK, CD_SPECIES, ConstantDescs.CD_long));
        }

        /** Pushes the vector of a numeric node for the current chunk. */
        private void vector(final Bound node)
        {
            final DataType t = node.type();
            final ClassDesc vc = vectorClass(t);
            final MethodTypeDesc unary = MethodTypeDesc.of(vc);
            final MethodTypeDesc binary = MethodTypeDesc.of(vc, CD_VECTOR);
            switch (node)
            {
                case Bound.Column c ->
                {
                    Integer local = chunkColumns.get(c.index());
                    if (local == null && c.isDecimal())
                    {
                        // 16-byte slots: the low words of two loads (VectorRuntime.decimalLanes)
                        species(t);
                        code.aload(valueSegs.get(c.index()));
                        code.iload(rowLocal);
                        pushChunk();
                        code.iadd().i2l();
                        code.invokestatic(CD_RUNTIME, "decimalLanes", MethodTypeDesc.of(vc, CD_SPECIES, CD_SEGMENT,
                            ConstantDescs.CD_long));
                        local = code.allocateLocal(TypeKind.REFERENCE);
                        code.astore(local);
                        chunkColumns.put(c.index(), local);
                    }
                    if (local == null)
                    {
                        species(t);
                        code.aload(valueSegs.get(c.index()));
                        code.iload(rowLocal);
                        pushChunk();
                        code.iadd().i2l();
                        code.loadConstant((long)t.byteWidth()).lmul();
                        code.getstatic(CD_BYTE_ORDER, "LITTLE_ENDIAN", CD_BYTE_ORDER);
                        code.invokestatic(vc, "fromMemorySegment", MethodTypeDesc.of(vc, CD_SPECIES, CD_SEGMENT,
                            ConstantDescs.CD_long, CD_BYTE_ORDER));
                        local = code.allocateLocal(TypeKind.REFERENCE);
                        code.astore(local);
                        chunkColumns.put(c.index(), local);
                    }
                    code.aload(local);
                }
                case Bound.Literal l ->
                {
                    species(t);
                    code.loadLocal(TypeKind.from(LiteralSlots.fieldType(t)).asLoadable(), literalLocals.get(l));
                    broadcast(t);
                }
                case Bound.Arith a ->
                {
                    vector(a.left());
                    vector(a.right());
                    final String m = switch (a.op())
                    {
                        case ADD -> "add";
                        case SUB -> "sub";
                        case MUL -> "mul";
                        case DIV -> "div";
                        case MOD -> throw new IllegalStateException("mod is not vectorised");
                    };
                    code.invokevirtual(vc, m, binary);
                }
                case Bound.Negate n ->
                {
                    vector(n.arg());
                    code.invokevirtual(vc, "neg", unary);
                }
                case Bound.Exact e ->
                {
                    // the range check flags Frame.recheck; the caller re-runs the batch exactly then
                    vector(e.left());
                    vector(e.right());
                    code.aload(frameLocal);
                    code.invokestatic(CD_RUNTIME, switch (e.op())
                    {
                        case ADD -> "addChecked";
                        case SUB -> "subChecked";
                        default -> "mulChecked";
                    }, MethodTypeDesc.of(vc, vc, vc, CD_FRAME));
                }
                case Bound.MathCall m ->
                {
                    switch (m.fn())
                    {
                        case ABS ->
                        {
                            vector(m.args().getFirst());
                            code.invokevirtual(vc, "abs", unary);
                        }
                        case SQRT ->
                        {
                            vector(m.args().getFirst());
                            code.getstatic(CD_OPERATORS, "SQRT", CD_UNARY);
                            code.invokevirtual(vc, "lanewise", MethodTypeDesc.of(vc, CD_UNARY));
                        }
                        case MIN, MAX ->
                        {
                            vector(m.args().get(0));
                            vector(m.args().get(1));
                            code.invokevirtual(vc, m.fn() == io.sabot.jit.expr.MathFn.MIN ? "min" : "max", binary);
                        }
                        default -> throw new IllegalStateException("not vectorised: " + m.fn());
                    }
                }
                case Bound.Cast c when c.arg().type() == DataType.BOOLEAN ->
                {
                    // 1 where true, 0 elsewhere (values under null are unspecified)
                    broadcastZero(t);
                    broadcastOne(t);
                    wordMask(t, bool(c.arg())[0]);
                    code.invokevirtual(vc, "blend", MethodTypeDesc.of(vc, CD_VECTOR, CD_MASK));
                }
                case Bound.Cast c ->
                {
                    vector(c.arg());
                    code.getstatic(CD_OPERATORS, conversion(c.arg().type(), t), CD_CONVERSION);
                    species(t);
                    code.iconst_0();
                    code.invokevirtual(CD_VECTOR, "convertShape", MethodTypeDesc.of(CD_VECTOR, CD_CONVERSION,
                        CD_SPECIES, ConstantDescs.CD_int));
                    code.checkcast(vc);
                }
                case Bound.If i ->
                {
                    // else.blend(then, cond true)
                    vector(i.otherwise());
                    vector(i.then());
                    wordMask(t, bool(i.condition())[0]);
                    code.invokevirtual(vc, "blend", MethodTypeDesc.of(vc, CD_VECTOR, CD_MASK));
                }
                case Bound.Coalesce c ->
                {
                    final List<Bound> args = c.args();
                    vector(args.getLast());
                    for (int k = args.size() - 2; k >= 0; k--)
                    {
                        vector(args.get(k));
                        wordMask(t, validity(args.get(k)));
                        code.invokevirtual(vc, "blend", MethodTypeDesc.of(vc, CD_VECTOR, CD_MASK));
                    }
                }
                default -> throw new IllegalStateException("not a vector numeric node: " + node);
            }
        }
    }

    private static ClassDesc vectorClass(final DataType t)
    {
        return switch (t)
        {
            case INT32 -> ClassDesc.of(VEC + "IntVector");
            case INT64 -> ClassDesc.of(VEC + "LongVector");
            case FLOAT32 -> ClassDesc.of(VEC + "FloatVector");
            case FLOAT64 -> ClassDesc.of(VEC + "DoubleVector");
            default -> throw new IllegalArgumentException("no vector class for " + t);
        };
    }
}
