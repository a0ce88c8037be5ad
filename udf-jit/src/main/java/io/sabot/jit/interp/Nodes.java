package io.sabot.jit.interp;

import io.sabot.jit.bind.ExactOp;
import io.sabot.jit.exec.ExactMath;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Layouts;

import java.lang.foreign.MemorySegment;

/**
 * The interpreter's node classes, one small immutable class per operation and type. Contract of every
 * {@code eval(c, row)}: it sets {@code c.nul} to whether the result is null and returns the value (anything when
 * null). Strict operators stop at the first null operand without evaluating the rest (the result is null whatever
 * they are; the only observable difference is that a UDF in a skipped operand is not called, and UDFs must be pure).
 * {@link And}, {@link Or}, the {@code If} and {@code Coalesce} nodes evaluate only the operands their result depends
 * on.
 *
 * <p>Thread-safety: every node is immutable; per-run state lives in {@link Ctx}.
 */
final class Nodes
{
    private Nodes()
    {
    }

    // ---- typed bases -------------------------------------------------------------------------------------------

    /** Any node: can be evaluated for its null flag alone. */
    abstract static class Node
    {
        /** Evaluates and discards the value; {@code c.nul} tells whether it was null. */
        abstract void probe(Ctx c, int row);
    }

    /** A BOOLEAN node. */
    abstract static class BoolNode extends Node
    {
        abstract boolean eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    /** An INT32 node. */
    abstract static class IntNode extends Node
    {
        abstract int eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    /** An INT64 node. */
    abstract static class LongNode extends Node
    {
        abstract long eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    /** A FLOAT32 node. */
    abstract static class FloatNode extends Node
    {
        abstract float eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    /** A FLOAT64 node. */
    abstract static class DoubleNode extends Node
    {
        abstract double eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    /** A UTF8 node; the returned view is valid until the same node is evaluated again. */
    abstract static class Utf8Node extends Node
    {
        abstract Utf8View eval(Ctx c, int row);

        @Override
        final void probe(final Ctx c, final int row)
        {
            eval(c, row);
        }
    }

    private static boolean isNullAt(final Ctx c, final int column, final int row)
    {
        final MemorySegment validity = c.validity[column];
        return validity != null && !Bitmaps.isSet(validity, row);
    }

    // ---- columns -----------------------------------------------------------------------------------------------

    static final class BoolColumn extends BoolNode
    {
        private final int column;

        BoolColumn(final int column)
        {
            this.column = column;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return Bitmaps.isSet(c.values[column], row);
        }
    }

    static final class IntColumn extends IntNode
    {
        private final int column;

        IntColumn(final int column)
        {
            this.column = column;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return c.values[column].getAtIndex(Layouts.INT_UNALIGNED, row);
        }
    }

    static final class LongColumn extends LongNode
    {
        private final int column;

        LongColumn(final int column)
        {
            this.column = column;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return c.values[column].getAtIndex(Layouts.LONG_UNALIGNED, row);
        }
    }

    /** The unscaled value of a decimal column: the low 8 bytes of its 16-byte slot. */
    static final class DecimalColumn extends LongNode
    {
        private final int column;

        DecimalColumn(final int column)
        {
            this.column = column;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return c.values[column].get(Layouts.LONG_UNALIGNED, (long)row << 4);
        }
    }

    /** Exact decimal arithmetic; overflow is recorded in the frame (see {@link ExactMath}). */
    static final class LongExact extends LongNode
    {
        private final ExactOp op;
        private final LongNode left;
        private final LongNode right;
        private final int site;

        LongExact(final ExactOp op, final LongNode left, final LongNode right, final int site)
        {
            this.op = op;
            this.left = left;
            this.right = right;
            this.site = site;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            final long a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final long b = right.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            return switch (op)
            {
                case ADD -> ExactMath.add(a, b, 0, c.frame, site);
                case SUB -> ExactMath.sub(a, b, 0, c.frame, site);
                case MUL -> ExactMath.mul(a, b, 0, c.frame, site);
                case ROUND_DIV -> ExactMath.roundDiv(a, b);
                case FIT -> ExactMath.fit(a, b, 0, c.frame, site);
            };
        }
    }

    static final class FloatColumn extends FloatNode
    {
        private final int column;

        FloatColumn(final int column)
        {
            this.column = column;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return c.values[column].getAtIndex(Layouts.FLOAT_UNALIGNED, row);
        }
    }

    static final class DoubleColumn extends DoubleNode
    {
        private final int column;

        DoubleColumn(final int column)
        {
            this.column = column;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            c.nul = isNullAt(c, column, row);
            return c.values[column].getAtIndex(Layouts.DOUBLE_UNALIGNED, row);
        }
    }

    static final class Utf8Column extends Utf8Node
    {
        private final int column;
        private final int slot;

        Utf8Column(final int column, final int slot)
        {
            this.column = column;
            this.slot = slot;
        }

        @Override
        Utf8View eval(final Ctx c, final int row)
        {
            final Utf8View view = c.views[slot];
            if (isNullAt(c, column, row))
            {
                c.nul = true;
                view.set(MemorySegment.NULL, 0, 0);
                return view;
            }
            c.nul = false;
            final MemorySegment offsets = c.offsets[column];
            final int start = offsets.getAtIndex(Layouts.INT_UNALIGNED, row);
            final int end = offsets.getAtIndex(Layouts.INT_UNALIGNED, row + 1L);
            view.set(c.values[column], start, end - start);
            return view;
        }
    }

    // ---- literals ----------------------------------------------------------------------------------------------

    static final class BoolLiteral extends BoolNode
    {
        private final boolean value;
        private final boolean isNull;

        BoolLiteral(final boolean value, final boolean isNull)
        {
            this.value = value;
            this.isNull = isNull;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            return value;
        }
    }

    static final class IntLiteral extends IntNode
    {
        private final int value;
        private final boolean isNull;

        IntLiteral(final int value, final boolean isNull)
        {
            this.value = value;
            this.isNull = isNull;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            return value;
        }
    }

    static final class LongLiteral extends LongNode
    {
        private final long value;
        private final boolean isNull;

        LongLiteral(final long value, final boolean isNull)
        {
            this.value = value;
            this.isNull = isNull;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            return value;
        }
    }

    static final class FloatLiteral extends FloatNode
    {
        private final float value;
        private final boolean isNull;

        FloatLiteral(final float value, final boolean isNull)
        {
            this.value = value;
            this.isNull = isNull;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            return value;
        }
    }

    static final class DoubleLiteral extends DoubleNode
    {
        private final double value;
        private final boolean isNull;

        DoubleLiteral(final double value, final boolean isNull)
        {
            this.value = value;
            this.isNull = isNull;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            return value;
        }
    }

    static final class Utf8Literal extends Utf8Node
    {
        private final MemorySegment bytes;
        private final int length;
        private final boolean isNull;
        private final int slot;

        /** @param bytes the UTF-8 bytes (not copied; must not change), or {@code null} for a typed null. */
        Utf8Literal(final byte[] bytes, final int slot)
        {
            this.bytes = bytes == null ? MemorySegment.NULL : MemorySegment.ofArray(bytes);
            this.length = bytes == null ? 0 : bytes.length;
            this.isNull = bytes == null;
            this.slot = slot;
        }

        @Override
        Utf8View eval(final Ctx c, final int row)
        {
            c.nul = isNull;
            final Utf8View view = c.views[slot];
            view.set(bytes, 0, length);
            return view;
        }
    }

    // ---- arithmetic --------------------------------------------------------------------------------------------

    static final class IntArith extends IntNode
    {
        private final ArithOp op;
        private final IntNode left;
        private final IntNode right;

        IntArith(final ArithOp op, final IntNode left, final IntNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            final int a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final int b = right.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            switch (op)
            {
                case ADD:
                    return a + b;
                case SUB:
                    return a - b;
                case MUL:
                    return a * b;
                default:
                    if (b == 0)
                    {
                        c.nul = true;
                        return 0;
                    }
                    return op == ArithOp.DIV ? a / b : a % b;
            }
        }
    }

    static final class LongArith extends LongNode
    {
        private final ArithOp op;
        private final LongNode left;
        private final LongNode right;

        LongArith(final ArithOp op, final LongNode left, final LongNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            final long a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final long b = right.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            switch (op)
            {
                case ADD:
                    return a + b;
                case SUB:
                    return a - b;
                case MUL:
                    return a * b;
                default:
                    if (b == 0)
                    {
                        c.nul = true;
                        return 0;
                    }
                    return op == ArithOp.DIV ? a / b : a % b;
            }
        }
    }

    static final class FloatArith extends FloatNode
    {
        private final ArithOp op;
        private final FloatNode left;
        private final FloatNode right;

        FloatArith(final ArithOp op, final FloatNode left, final FloatNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            final float a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final float b = right.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            return switch (op)
            {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case MOD -> a % b;
            };
        }
    }

    static final class DoubleArith extends DoubleNode
    {
        private final ArithOp op;
        private final DoubleNode left;
        private final DoubleNode right;

        DoubleArith(final ArithOp op, final DoubleNode left, final DoubleNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            final double a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final double b = right.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            return switch (op)
            {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case MOD -> a % b;
            };
        }
    }

    static final class IntNegate extends IntNode
    {
        private final IntNode arg;

        IntNegate(final IntNode arg)
        {
            this.arg = arg;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            return -arg.eval(c, row);
        }
    }

    static final class LongNegate extends LongNode
    {
        private final LongNode arg;

        LongNegate(final LongNode arg)
        {
            this.arg = arg;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            return -arg.eval(c, row);
        }
    }

    static final class FloatNegate extends FloatNode
    {
        private final FloatNode arg;

        FloatNegate(final FloatNode arg)
        {
            this.arg = arg;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            return -arg.eval(c, row);
        }
    }

    static final class DoubleNegate extends DoubleNode
    {
        private final DoubleNode arg;

        DoubleNegate(final DoubleNode arg)
        {
            this.arg = arg;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            return -arg.eval(c, row);
        }
    }

    // ---- comparisons -------------------------------------------------------------------------------------------

    static final class IntCompare extends BoolNode
    {
        private final CompareOp op;
        private final IntNode left;
        private final IntNode right;

        IntCompare(final CompareOp op, final IntNode left, final IntNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final int a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final int b = right.eval(c, row);
            return op.test(Integer.compare(a, b));
        }
    }

    static final class LongCompare extends BoolNode
    {
        private final CompareOp op;
        private final LongNode left;
        private final LongNode right;

        LongCompare(final CompareOp op, final LongNode left, final LongNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final long a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final long b = right.eval(c, row);
            return op.test(Long.compare(a, b));
        }
    }

    static final class FloatCompare extends BoolNode
    {
        private final CompareOp op;
        private final FloatNode left;
        private final FloatNode right;

        FloatCompare(final CompareOp op, final FloatNode left, final FloatNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final float a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final float b = right.eval(c, row);
            // the Java operators are the IEEE comparisons: NaN is unordered, -0.0 == 0.0
            return switch (op)
            {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    static final class DoubleCompare extends BoolNode
    {
        private final CompareOp op;
        private final DoubleNode left;
        private final DoubleNode right;

        DoubleCompare(final CompareOp op, final DoubleNode left, final DoubleNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final double a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final double b = right.eval(c, row);
            return switch (op)
            {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    static final class BoolCompare extends BoolNode
    {
        private final CompareOp op;
        private final BoolNode left;
        private final BoolNode right;

        BoolCompare(final CompareOp op, final BoolNode left, final BoolNode right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final boolean a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final boolean b = right.eval(c, row);
            return op.test(Boolean.compare(a, b));
        }
    }

    static final class Utf8Compare extends BoolNode
    {
        private final CompareOp op;
        private final Utf8Node left;
        private final Utf8Node right;

        Utf8Compare(final CompareOp op, final Utf8Node left, final Utf8Node right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final Utf8View a = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final Utf8View b = right.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            return op.test(compareUtf8(a, b));
        }
    }

    /** Unsigned byte-wise lexicographic order; a proper prefix sorts first. */
    static int compareUtf8(final Utf8View a, final Utf8View b)
    {
        final int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++)
        {
            final int x = a.segment.get(Layouts.BYTE, a.start + i) & 0xFF;
            final int y = b.segment.get(Layouts.BYTE, b.start + i) & 0xFF;
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    // ---- logic -------------------------------------------------------------------------------------------------

    /** Kleene and: false if either side is false, else null if either is null, else true. */
    static final class And extends BoolNode
    {
        private final BoolNode left;
        private final BoolNode right;

        And(final BoolNode left, final BoolNode right)
        {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final boolean a = left.eval(c, row);
            final boolean aNull = c.nul;
            if (!aNull && !a)
            {
                return false;
            }
            final boolean b = right.eval(c, row);
            final boolean bNull = c.nul;
            if (!bNull && !b)
            {
                return false;
            }
            c.nul = aNull || bNull;
            return true;
        }
    }

    /** Kleene or: true if either side is true, else null if either is null, else false. */
    static final class Or extends BoolNode
    {
        private final BoolNode left;
        private final BoolNode right;

        Or(final BoolNode left, final BoolNode right)
        {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final boolean a = left.eval(c, row);
            final boolean aNull = c.nul;
            if (!aNull && a)
            {
                return true;
            }
            final boolean b = right.eval(c, row);
            final boolean bNull = c.nul;
            if (!bNull && b)
            {
                return true;
            }
            c.nul = aNull || bNull;
            return false;
        }
    }

    static final class Not extends BoolNode
    {
        private final BoolNode arg;

        Not(final BoolNode arg)
        {
            this.arg = arg;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            return !arg.eval(c, row);
        }
    }

    static final class IsNull extends BoolNode
    {
        private final Node arg;

        IsNull(final Node arg)
        {
            this.arg = arg;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            arg.probe(c, row);
            final boolean isNull = c.nul;
            c.nul = false;
            return isNull;
        }
    }

    /** @return whether the condition is true (not false, not null). */
    private static boolean holds(final BoolNode condition, final Ctx c, final int row)
    {
        final boolean value = condition.eval(c, row);
        return !c.nul && value;
    }

    // ---- if ----------------------------------------------------------------------------------------------------

    static final class BoolIf extends BoolNode
    {
        private final BoolNode condition;
        private final BoolNode then;
        private final BoolNode otherwise;

        BoolIf(final BoolNode condition, final BoolNode then, final BoolNode otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    static final class IntIf extends IntNode
    {
        private final BoolNode condition;
        private final IntNode then;
        private final IntNode otherwise;

        IntIf(final BoolNode condition, final IntNode then, final IntNode otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    static final class LongIf extends LongNode
    {
        private final BoolNode condition;
        private final LongNode then;
        private final LongNode otherwise;

        LongIf(final BoolNode condition, final LongNode then, final LongNode otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    static final class FloatIf extends FloatNode
    {
        private final BoolNode condition;
        private final FloatNode then;
        private final FloatNode otherwise;

        FloatIf(final BoolNode condition, final FloatNode then, final FloatNode otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    static final class DoubleIf extends DoubleNode
    {
        private final BoolNode condition;
        private final DoubleNode then;
        private final DoubleNode otherwise;

        DoubleIf(final BoolNode condition, final DoubleNode then, final DoubleNode otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    static final class Utf8If extends Utf8Node
    {
        private final BoolNode condition;
        private final Utf8Node then;
        private final Utf8Node otherwise;

        Utf8If(final BoolNode condition, final Utf8Node then, final Utf8Node otherwise)
        {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Utf8View eval(final Ctx c, final int row)
        {
            return holds(condition, c, row) ? then.eval(c, row) : otherwise.eval(c, row);
        }
    }

    // ---- coalesce: the first non-null argument; null (the last argument's flag) when all are null ---------------

    static final class BoolCoalesce extends BoolNode
    {
        private final BoolNode[] args;

        BoolCoalesce(final BoolNode[] args)
        {
            this.args = args;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            boolean value = false;
            for (final BoolNode arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    static final class IntCoalesce extends IntNode
    {
        private final IntNode[] args;

        IntCoalesce(final IntNode[] args)
        {
            this.args = args;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            int value = 0;
            for (final IntNode arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    static final class LongCoalesce extends LongNode
    {
        private final LongNode[] args;

        LongCoalesce(final LongNode[] args)
        {
            this.args = args;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            long value = 0;
            for (final LongNode arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    static final class FloatCoalesce extends FloatNode
    {
        private final FloatNode[] args;

        FloatCoalesce(final FloatNode[] args)
        {
            this.args = args;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            float value = 0;
            for (final FloatNode arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    static final class DoubleCoalesce extends DoubleNode
    {
        private final DoubleNode[] args;

        DoubleCoalesce(final DoubleNode[] args)
        {
            this.args = args;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            double value = 0;
            for (final DoubleNode arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    static final class Utf8Coalesce extends Utf8Node
    {
        private final Utf8Node[] args;

        Utf8Coalesce(final Utf8Node[] args)
        {
            this.args = args;
        }

        @Override
        Utf8View eval(final Ctx c, final int row)
        {
            Utf8View value = null;
            for (final Utf8Node arg : args)
            {
                value = arg.eval(c, row);
                if (!c.nul)
                {
                    return value;
                }
            }
            return value;
        }
    }

    // ---- casts: exactly one source field is set; Java conversions, BOOLEAN is 1/0 and x != 0 -------------------

    static final class CastToBool extends BoolNode
    {
        private final IntNode i;
        private final LongNode l;
        private final FloatNode f;
        private final DoubleNode d;

        CastToBool(final IntNode i, final LongNode l, final FloatNode f, final DoubleNode d)
        {
            this.i = i;
            this.l = l;
            this.f = f;
            this.d = d;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            if (i != null)
            {
                return i.eval(c, row) != 0;
            }
            if (l != null)
            {
                return l.eval(c, row) != 0L;
            }
            if (f != null)
            {
                return f.eval(c, row) != 0.0f; // NaN != 0 holds: NaN casts to true
            }
            return d.eval(c, row) != 0.0;
        }
    }

    static final class CastToInt extends IntNode
    {
        private final BoolNode b;
        private final LongNode l;
        private final FloatNode f;
        private final DoubleNode d;

        CastToInt(final BoolNode b, final LongNode l, final FloatNode f, final DoubleNode d)
        {
            this.b = b;
            this.l = l;
            this.f = f;
            this.d = d;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            if (b != null)
            {
                return b.eval(c, row) ? 1 : 0;
            }
            if (l != null)
            {
                return (int)l.eval(c, row);
            }
            if (f != null)
            {
                return (int)f.eval(c, row);
            }
            return (int)d.eval(c, row);
        }
    }

    static final class CastToLong extends LongNode
    {
        private final BoolNode b;
        private final IntNode i;
        private final FloatNode f;
        private final DoubleNode d;

        CastToLong(final BoolNode b, final IntNode i, final FloatNode f, final DoubleNode d)
        {
            this.b = b;
            this.i = i;
            this.f = f;
            this.d = d;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            if (b != null)
            {
                return b.eval(c, row) ? 1L : 0L;
            }
            if (i != null)
            {
                return i.eval(c, row);
            }
            if (f != null)
            {
                return (long)f.eval(c, row);
            }
            return (long)d.eval(c, row);
        }
    }

    static final class CastToFloat extends FloatNode
    {
        private final BoolNode b;
        private final IntNode i;
        private final LongNode l;
        private final DoubleNode d;

        CastToFloat(final BoolNode b, final IntNode i, final LongNode l, final DoubleNode d)
        {
            this.b = b;
            this.i = i;
            this.l = l;
            this.d = d;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            if (b != null)
            {
                return b.eval(c, row) ? 1.0f : 0.0f;
            }
            if (i != null)
            {
                return (float)i.eval(c, row);
            }
            if (l != null)
            {
                return (float)l.eval(c, row); // one rounding, not via double
            }
            return (float)d.eval(c, row);
        }
    }

    static final class CastToDouble extends DoubleNode
    {
        private final BoolNode b;
        private final IntNode i;
        private final LongNode l;
        private final FloatNode f;

        CastToDouble(final BoolNode b, final IntNode i, final LongNode l, final FloatNode f)
        {
            this.b = b;
            this.i = i;
            this.l = l;
            this.f = f;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            if (b != null)
            {
                return b.eval(c, row) ? 1.0 : 0.0;
            }
            if (i != null)
            {
                return i.eval(c, row);
            }
            if (l != null)
            {
                return (double)l.eval(c, row);
            }
            return f.eval(c, row);
        }
    }

    // ---- math: abs/min/max keep the operand type, the rest are FLOAT64 ----------------------------------------

    static final class IntAbs extends IntNode
    {
        private final IntNode arg;

        IntAbs(final IntNode arg)
        {
            this.arg = arg;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            return Math.abs(arg.eval(c, row));
        }
    }

    static final class LongAbs extends LongNode
    {
        private final LongNode arg;

        LongAbs(final LongNode arg)
        {
            this.arg = arg;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            return Math.abs(arg.eval(c, row));
        }
    }

    static final class FloatAbs extends FloatNode
    {
        private final FloatNode arg;

        FloatAbs(final FloatNode arg)
        {
            this.arg = arg;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            return Math.abs(arg.eval(c, row));
        }
    }

    static final class IntMinMax extends IntNode
    {
        private final boolean max;
        private final IntNode left;
        private final IntNode right;

        IntMinMax(final boolean max, final IntNode left, final IntNode right)
        {
            this.max = max;
            this.left = left;
            this.right = right;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            final int a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final int b = right.eval(c, row);
            return max ? Math.max(a, b) : Math.min(a, b);
        }
    }

    static final class LongMinMax extends LongNode
    {
        private final boolean max;
        private final LongNode left;
        private final LongNode right;

        LongMinMax(final boolean max, final LongNode left, final LongNode right)
        {
            this.max = max;
            this.left = left;
            this.right = right;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            final long a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final long b = right.eval(c, row);
            return max ? Math.max(a, b) : Math.min(a, b);
        }
    }

    static final class FloatMinMax extends FloatNode
    {
        private final boolean max;
        private final FloatNode left;
        private final FloatNode right;

        FloatMinMax(final boolean max, final FloatNode left, final FloatNode right)
        {
            this.max = max;
            this.left = left;
            this.right = right;
        }

        @Override
        float eval(final Ctx c, final int row)
        {
            final float a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final float b = right.eval(c, row);
            return max ? Math.max(a, b) : Math.min(a, b);
        }
    }

    /** abs, sqrt, exp, log, floor and ceil on FLOAT64. */
    static final class DoubleUnaryMath extends DoubleNode
    {
        private final MathFn fn;
        private final DoubleNode arg;

        DoubleUnaryMath(final MathFn fn, final DoubleNode arg)
        {
            if (fn.arity() != 1)
            {
                throw new IllegalArgumentException("not a unary function: " + fn);
            }
            this.fn = fn;
            this.arg = arg;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            final double x = arg.eval(c, row);
            return switch (fn)
            {
                case ABS -> Math.abs(x);
                case SQRT -> Math.sqrt(x);
                case EXP -> Math.exp(x);
                case LOG -> Math.log(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
                default -> Math.abs(x); // ABS; the constructor admits no other function
            };
        }
    }

    /** pow, min and max on FLOAT64. */
    static final class DoubleBinaryMath extends DoubleNode
    {
        private final MathFn fn;
        private final DoubleNode left;
        private final DoubleNode right;

        DoubleBinaryMath(final MathFn fn, final DoubleNode left, final DoubleNode right)
        {
            if (fn.arity() != 2)
            {
                throw new IllegalArgumentException("not a binary function: " + fn);
            }
            this.fn = fn;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            final double a = left.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            final double b = right.eval(c, row);
            return switch (fn)
            {
                case POW -> Math.pow(a, b);
                case MIN -> Math.min(a, b);
                default -> Math.max(a, b); // MAX; the constructor admits no other function
            };
        }
    }

    // ---- strings -----------------------------------------------------------------------------------------------

    static final class StringPredicate extends BoolNode
    {
        private final StringOp op;
        private final Utf8Node left;
        private final Utf8Node right;

        StringPredicate(final StringOp op, final Utf8Node left, final Utf8Node right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final Utf8View s = left.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            final Utf8View p = right.eval(c, row);
            if (c.nul)
            {
                return false;
            }
            return switch (op)
            {
                case EQUALS -> s.length == p.length && regionMatches(s, 0, p);
                case STARTS_WITH -> s.length >= p.length && regionMatches(s, 0, p);
                case ENDS_WITH -> s.length >= p.length && regionMatches(s, s.length - p.length, p);
                case CONTAINS -> contains(s, p);
            };
        }
    }

    /** @return whether {@code p} occurs in {@code s} at byte {@code at} (which leaves room for it). */
    static boolean regionMatches(final Utf8View s, final int at, final Utf8View p)
    {
        for (int i = 0; i < p.length; i++)
        {
            if (s.segment.get(Layouts.BYTE, s.start + at + i) != p.segment.get(Layouts.BYTE, p.start + i))
            {
                return false;
            }
        }
        return true;
    }

    static boolean contains(final Utf8View s, final Utf8View p)
    {
        for (int at = 0; at + p.length <= s.length; at++)
        {
            if (regionMatches(s, at, p))
            {
                return true;
            }
        }
        return false;
    }

    /** Code points: the bytes that are not UTF-8 continuation bytes (10xxxxxx). */
    static final class Length extends IntNode
    {
        private final Utf8Node arg;

        Length(final Utf8Node arg)
        {
            this.arg = arg;
        }

        @Override
        int eval(final Ctx c, final int row)
        {
            final Utf8View s = arg.eval(c, row);
            if (c.nul)
            {
                return 0;
            }
            int count = 0;
            for (int i = 0; i < s.length; i++)
            {
                if ((s.segment.get(Layouts.BYTE, s.start + i) & 0xC0) != 0x80)
                {
                    count++;
                }
            }
            return count;
        }
    }

    // ---- UDF calls: strict, each call node fills its own argument array in the Ctx -----------------------------

    static final class DoubleUdfCall extends DoubleNode
    {
        private final Udf udf;
        private final DoubleNode[] args;
        private final int slot;

        DoubleUdfCall(final Udf udf, final DoubleNode[] args, final int slot)
        {
            this.udf = udf;
            this.args = args;
            this.slot = slot;
        }

        @Override
        double eval(final Ctx c, final int row)
        {
            final double[] values = c.doubleArgs[slot];
            for (int i = 0; i < args.length; i++)
            {
                values[i] = args[i].eval(c, row);
                if (c.nul)
                {
                    return 0;
                }
            }
            c.nul = false;
            return udf.callDouble(values);
        }
    }

    static final class BoolUdfCall extends BoolNode
    {
        private final Udf udf;
        private final DoubleNode[] args;
        private final int slot;

        BoolUdfCall(final Udf udf, final DoubleNode[] args, final int slot)
        {
            this.udf = udf;
            this.args = args;
            this.slot = slot;
        }

        @Override
        boolean eval(final Ctx c, final int row)
        {
            final double[] values = c.doubleArgs[slot];
            for (int i = 0; i < args.length; i++)
            {
                values[i] = args[i].eval(c, row);
                if (c.nul)
                {
                    return false;
                }
            }
            c.nul = false;
            return udf.callBoolean(values);
        }
    }

    static final class LongUdfCall extends LongNode
    {
        private final Udf udf;
        private final LongNode[] args;
        private final int slot;

        LongUdfCall(final Udf udf, final LongNode[] args, final int slot)
        {
            this.udf = udf;
            this.args = args;
            this.slot = slot;
        }

        @Override
        long eval(final Ctx c, final int row)
        {
            final long[] values = c.longArgs[slot];
            for (int i = 0; i < args.length; i++)
            {
                values[i] = args[i].eval(c, row);
                if (c.nul)
                {
                    return 0;
                }
            }
            c.nul = false;
            return udf.callLong(values);
        }
    }
}
