package io.sabot.kernels.join;

import io.sabot.kernels.SelectionVector;
import org.apache.arrow.vector.IntVector;

/**
 * One chunk of join output as pairs of row indices, for callers that gather columns themselves: output row {@code i}
 * joins physical probe row {@code probePositions().get(i)} with build row id {@code buildRows().get(i)}.
 *
 * <p>For {@link JoinType#LEFT_OUTER}, a probe row without a match has a null entry in {@link #buildRows()}
 * ({@link #buildRow(int)} returns -1). For {@link JoinType#SEMI} and {@link JoinType#ANTI} there are no build rows:
 * {@link #buildRows()} has value count 0.
 *
 * <p>Ownership: the result and both vectors belong to the {@link HashJoinProbe} and are reused; they are valid until
 * the next call to {@code next()}, {@code nextBatch()}, {@code start()}, {@code countMatches()} or {@code close()}.
 * Do not close them. Thread-safety: not thread-safe, like its prober.
 */
public final class ProbeResult
{
    private final SelectionVector probePositions;
    private final IntVector buildRows;
    private final boolean hasBuildRows;
    private int count;

    ProbeResult(final SelectionVector probePositions, final IntVector buildRows, final boolean hasBuildRows)
    {
        this.probePositions = probePositions;
        this.buildRows = buildRows;
        this.hasBuildRows = hasBuildRows;
    }

    void count(final int count)
    {
        this.count = count;
    }

    /**
     * @return the number of output rows in this chunk (at least 1).
     */
    public int count()
    {
        return count;
    }

    /**
     * @return the physical probe row of each output row (count = {@link #count()}); owned by the prober.
     */
    public SelectionVector probePositions()
    {
        return probePositions;
    }

    /**
     * @return the build row id of each output row, null where a left-outer row has no match; value count 0 for
     *     semi and anti joins. Owned by the prober.
     */
    public IntVector buildRows()
    {
        return buildRows;
    }

    /**
     * @param i an output row, 0 to {@code count() - 1}.
     * @return its physical probe row.
     */
    public int probeRow(final int i)
    {
        return probePositions.get(i);
    }

    /**
     * @param i an output row, 0 to {@code count() - 1}.
     * @return its build row id, or -1 when there is none (left-outer miss, semi, anti).
     */
    public int buildRow(final int i)
    {
        return !hasBuildRows || buildRows.isNull(i) ? -1 : buildRows.get(i);
    }

    @Override
    public String toString()
    {
        return "ProbeResult{count=" + count + '}';
    }
}
