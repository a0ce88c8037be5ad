package io.sabot.jit.interp;

import io.sabot.jit.exec.Frame;

import java.lang.foreign.MemorySegment;

/**
 * The mutable state of one {@link Interpreter#run} call: the frame's segments, the null flag every node sets, and
 * the scratch each UTF8 node and UDF call owns. Allocated once per run, never per row.
 *
 * <p>Thread-safety: confined to the thread of one run.
 */
final class Ctx
{
    final Frame frame;
    final MemorySegment[] values;
    final MemorySegment[] validity;
    final MemorySegment[] offsets;
    /** Set by every {@code eval}: true when the value it returned is null (the value is then meaningless). */
    boolean nul;
    final Utf8View[] views;
    final double[][] doubleArgs;
    final long[][] longArgs;

    Ctx(final Frame frame, final int viewSlots, final int[] doubleArgSizes, final int[] longArgSizes)
    {
        this.frame = frame;
        this.values = frame.values;
        this.validity = frame.validity;
        this.offsets = frame.offsets;
        this.views = new Utf8View[viewSlots];
        for (int i = 0; i < viewSlots; i++)
        {
            views[i] = new Utf8View();
        }
        this.doubleArgs = new double[doubleArgSizes.length][];
        for (int i = 0; i < doubleArgSizes.length; i++)
        {
            doubleArgs[i] = new double[doubleArgSizes[i]];
        }
        this.longArgs = new long[longArgSizes.length][];
        for (int i = 0; i < longArgSizes.length; i++)
        {
            longArgs[i] = new long[longArgSizes[i]];
        }
    }
}
