package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * A probe-side view of one key column of the current probe batch, paired with the build {@link KeyColumn} it is
 * compared against. Rebound per probe batch; holds no memory of its own.
 *
 * <p>Thread-safety: owned by one {@link HashJoinProbe}; not thread-safe.
 */
abstract sealed class ProbeKey permits FixedProbeKey, Utf8ProbeKey
{
    /** The probe vector's validity bitmap, or {@code null} when it has no nulls. */
    MemorySegment validity;
    MemorySegment data;
    private MemorySegment lastData;
    private MemorySegment lastValidity;

    void bind(final FieldVector vector)
    {
        data = lastData = view(vector.getDataBuffer(), lastData);
        validity = vector.getNullCount() == 0 ? null : (lastValidity = view(vector.getValidityBuffer(), lastValidity));
    }

    /**
     * Reuses the previous view when the buffer is the same memory (same address and size), so re-probing a batch
     * or a recycled buffer allocates nothing; a view of identical bounds is equally valid for the new buffer.
     */
    static MemorySegment view(final ArrowBuf buf, final MemorySegment previous)
    {
        if (previous != null && buf.capacity() != 0 && previous.address() == buf.memoryAddress() &&
            previous.byteSize() == buf.capacity())
        {
            return previous;
        }
        return ArrowMemory.segment(buf);
    }

    void unbind()
    {
        data = null;
        validity = null;
    }

    final boolean isNull(final int row)
    {
        return validity != null && !FixedKeyColumn.isValid(validity, row);
    }

    /**
     * @return the Hash64 hash of the non-null value at physical probe row {@code row}.
     */
    abstract long hash(int row);

    /**
     * @return true when the non-null probe value at {@code row} equals non-null build row {@code buildRow}.
     */
    abstract boolean equalsBuild(int row, int buildRow);
}
