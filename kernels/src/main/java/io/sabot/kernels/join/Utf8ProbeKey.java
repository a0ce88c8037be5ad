package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.FieldVector;

/**
 * Probe view of a utf8 key column; see {@link ProbeKey}.
 */
final class Utf8ProbeKey extends ProbeKey
{
    private final Utf8KeyColumn build;
    private MemorySegment offsets;
    private MemorySegment lastOffsets;

    Utf8ProbeKey(final Utf8KeyColumn build)
    {
        this.build = build;
    }

    @Override
    void bind(final FieldVector vector)
    {
        super.bind(vector);
        offsets = lastOffsets = view(vector.getOffsetBuffer(), lastOffsets);
    }

    @Override
    void unbind()
    {
        super.unbind();
        offsets = null;
    }

    @Override
    long hash(final int row)
    {
        final int start = offsets.get(Layouts.INT_UNALIGNED, (long)row << 2);
        final int end = offsets.get(Layouts.INT_UNALIGNED, ((long)row + 1) << 2);
        return Hash64.hashBytes(data, start, end - start);
    }

    @Override
    boolean equalsBuild(final int row, final int buildRow)
    {
        final long start = offsets.get(Layouts.INT_UNALIGNED, (long)row << 2);
        final long end = offsets.get(Layouts.INT_UNALIGNED, ((long)row + 1) << 2);
        final long buildStart = build.start(buildRow);
        final long buildEnd = build.end(buildRow);
        return end - start == buildEnd - buildStart &&
            MemorySegment.mismatch(data, start, end, build.bytes(), buildStart, buildEnd) == -1;
    }
}
