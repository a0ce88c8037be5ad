package io.sabot.kernels.join;

import io.sabot.simd.Hash64;

/**
 * Probe view of an integer-like key column; see {@link ProbeKey}.
 */
final class FixedProbeKey extends ProbeKey
{
    final FixedKeyColumn build;
    final int width;

    FixedProbeKey(final FixedKeyColumn build)
    {
        this.build = build;
        this.width = build.width;
    }

    long value(final int row)
    {
        return FixedKeyColumn.read(data, width, row);
    }

    @Override
    long hash(final int row)
    {
        return Hash64.hashLong(value(row));
    }

    @Override
    boolean equalsBuild(final int row, final int buildRow)
    {
        return value(row) == build.value(buildRow);
    }
}
