package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
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

    void bind(final FieldVector vector)
    {
        data = ArrowMemory.segment(vector.getDataBuffer());
        validity = vector.getNullCount() == 0 ? null : ArrowMemory.segment(vector.getValidityBuffer());
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
