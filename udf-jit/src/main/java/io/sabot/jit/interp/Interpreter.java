package io.sabot.jit.interp;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.codegen.BoundTrees;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.interp.Nodes.BoolNode;
import io.sabot.jit.interp.Nodes.DoubleNode;
import io.sabot.jit.interp.Nodes.FloatNode;
import io.sabot.jit.interp.Nodes.IntNode;
import io.sabot.jit.interp.Nodes.LongNode;
import io.sabot.jit.interp.Nodes.Utf8Node;
import io.sabot.simd.Layouts;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * The reference semantics of bound expressions and the fallback when code generation is impossible: a
 * {@link Program} that evaluates the bound trees row at a time. The trees are compiled once, in the constructor, into
 * small typed node objects with non-boxing {@code eval} methods reading the {@link Frame}'s segments directly; UTF8
 * values are views into the input buffers, copied only when written to a UTF8 output.
 *
 * <p>Every output row gets both its validity bit and its value written (0 / false / empty under a null).
 *
 * <p>Thread-safety: immutable; {@link #run} keeps its state on the stack and in the frame, so one interpreter may
 * run on many threads at once, each with its own frame. Nulls: a {@code null} predicate means PROJECT mode.
 */
public final class Interpreter extends Program
{
    private final Mode mode;
    private final BoolNode predicate;
    private final Output[] outputs;
    private final int viewSlots;
    private final int[] doubleArgSizes;
    private final int[] longArgSizes;

    /**
     * @param mode        what to compute.
     * @param predicate   a BOOLEAN tree for FILTER and FILTER_PROJECT, {@code null} for PROJECT.
     * @param projections the projected trees; empty for FILTER.
     * @throws IllegalArgumentException when the trees do not fit the mode or are not well typed.
     */
    public Interpreter(final Mode mode, final Bound predicate, final List<Bound> projections)
    {
        this.mode = Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(projections, "projections");
        if ((mode == Mode.PROJECT) != (predicate == null))
        {
            throw new IllegalArgumentException(mode == Mode.PROJECT ? "PROJECT takes no predicate" :
                mode + " needs a predicate");
        }
        if (mode == Mode.FILTER && !projections.isEmpty())
        {
            throw new IllegalArgumentException("FILTER takes no projections");
        }
        final NodeCompiler compiler = new NodeCompiler(BoundTrees.exactSites(predicate, projections));
        this.predicate = predicate == null ? null : compiler.bool(predicate);
        this.outputs = new Output[projections.size()];
        for (int p = 0; p < outputs.length; p++)
        {
            outputs[p] = output(compiler, projections.get(p), p);
        }
        this.viewSlots = compiler.viewSlots();
        this.doubleArgSizes = compiler.doubleArgSizes();
        this.longArgSizes = compiler.longArgSizes();
    }

    @Override
    public int run(final Frame frame, final int offset, final int count, final MemorySegment selIn,
        final MemorySegment selOut)
    {
        final Ctx c = new Ctx(frame, viewSlots, doubleArgSizes, longArgSizes);
        int written = 0;
        for (int i = 0; i < count; i++)
        {
            final int row = selIn == null ? offset + i : selIn.getAtIndex(Layouts.INT_UNALIGNED, i);
            if (mode == Mode.PROJECT)
            {
                writeOutputs(c, row, i);
                continue;
            }
            final boolean value = predicate.eval(c, row);
            if (c.nul || !value)
            {
                continue;
            }
            if (selOut != null)
            {
                selOut.setAtIndex(Layouts.INT_UNALIGNED, written, row);
            }
            writeOutputs(c, row, written);
            written++;
        }
        return mode == Mode.PROJECT ? count : written;
    }

    private void writeOutputs(final Ctx c, final int row, final int outRow)
    {
        for (final Output output : outputs)
        {
            output.write(c, row, outRow);
        }
    }

    @Override
    public String toString()
    {
        return "Interpreter[" + mode + ", " + outputs.length + " projections]";
    }

    // ---- outputs -----------------------------------------------------------------------------------------------

    private static Output output(final NodeCompiler compiler, final Bound projection, final int p)
    {
        final DataType type = projection.type();
        return switch (type)
        {
            case BOOLEAN -> new BoolOutput(compiler.bool(projection), p);
            case INT32 -> new IntOutput(compiler.int32(projection), p);
            case INT64 -> new LongOutput(compiler.int64(projection), p);
            case FLOAT32 -> new FloatOutput(compiler.float32(projection), p);
            case FLOAT64 -> new DoubleOutput(compiler.float64(projection), p);
            case UTF8 -> new Utf8Output(compiler.utf8(projection), p);
            case DATE, DECIMAL -> throw new IllegalArgumentException(type + " is lowered by the binder");
        };
    }

    /** Sets or clears bit {@code bit} of a bitmap. */
    static void writeBit(final MemorySegment bitmap, final int bit, final boolean value)
    {
        final long index = bit >>> 3;
        final int mask = 1 << (bit & 7);
        final byte old = bitmap.get(Layouts.BYTE, index);
        bitmap.set(Layouts.BYTE, index, (byte)(value ? old | mask : old & ~mask));
    }

    /** Evaluates one projection for one row and writes its value and validity to output row {@code outRow}. */
    private abstract static class Output
    {
        final int p;

        Output(final int p)
        {
            this.p = p;
        }

        abstract void write(Ctx c, int row, int outRow);
    }

    private static final class BoolOutput extends Output
    {
        private final BoolNode node;

        BoolOutput(final BoolNode node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final boolean value = node.eval(c, row);
            final boolean valid = !c.nul;
            writeBit(c.frame.outValues[p], outRow, valid && value);
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }

    private static final class IntOutput extends Output
    {
        private final IntNode node;

        IntOutput(final IntNode node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final int value = node.eval(c, row);
            final boolean valid = !c.nul;
            c.frame.outValues[p].setAtIndex(Layouts.INT_UNALIGNED, outRow, valid ? value : 0);
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }

    private static final class LongOutput extends Output
    {
        private final LongNode node;

        LongOutput(final LongNode node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final long value = node.eval(c, row);
            final boolean valid = !c.nul;
            c.frame.outValues[p].setAtIndex(Layouts.LONG_UNALIGNED, outRow, valid ? value : 0L);
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }

    private static final class FloatOutput extends Output
    {
        private final FloatNode node;

        FloatOutput(final FloatNode node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final float value = node.eval(c, row);
            final boolean valid = !c.nul;
            c.frame.outValues[p].setAtIndex(Layouts.FLOAT_UNALIGNED, outRow, valid ? value : 0.0f);
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }

    private static final class DoubleOutput extends Output
    {
        private final DoubleNode node;

        DoubleOutput(final DoubleNode node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final double value = node.eval(c, row);
            final boolean valid = !c.nul;
            c.frame.outValues[p].setAtIndex(Layouts.DOUBLE_UNALIGNED, outRow, valid ? value : 0.0);
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }

    private static final class Utf8Output extends Output
    {
        private final Utf8Node node;

        Utf8Output(final Utf8Node node, final int p)
        {
            super(p);
            this.node = node;
        }

        @Override
        void write(final Ctx c, final int row, final int outRow)
        {
            final Utf8View value = node.eval(c, row);
            final boolean valid = !c.nul;
            if (valid)
            {
                c.frame.outUtf8[p].append(outRow, value.segment, value.start, value.length);
            }
            else
            {
                c.frame.outUtf8[p].appendEmpty(outRow);
            }
            writeBit(c.frame.outValidity[p], outRow, valid);
        }
    }
}
