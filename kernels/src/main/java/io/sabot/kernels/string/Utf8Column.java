package io.sabot.kernels.string;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.VarCharVector;

/**
 * Segment views over one utf8 vector's buffers, created once per kernel call.
 *
 * <pre>
 *   offsets (int32 LE, count + 1):  | 0 | e0 | e1 | ... |     value i = data[offsets[i], offsets[i + 1])
 *   data (UTF-8 bytes):             | value 0 | value 1 | ... |
 *   validity: Arrow bitmap, bit i = row i non-null
 * </pre>
 *
 * <p>Thread-safety: confined to the calling thread. Ownership: views only; the vector stays the caller's.
 */
final class Utf8Column
{
    final MemorySegment data;
    final MemorySegment offsets;
    final MemorySegment validity;

    Utf8Column(final VarCharVector vector)
    {
        this.data = ArrowMemory.segment(vector.getDataBuffer());
        this.offsets = ArrowMemory.segment(vector.getOffsetBuffer());
        this.validity = vector.getNullCount() == 0 ? null : ArrowMemory.segment(vector.getValidityBuffer());
    }

    boolean isValid(final long row)
    {
        return validity == null || Bitmaps.isSet(validity, row);
    }

    long start(final long row)
    {
        return offsets.get(Layouts.INT_UNALIGNED, row << 2);
    }

    long end(final long row)
    {
        return offsets.get(Layouts.INT_UNALIGNED, (row + 1) << 2);
    }
}
