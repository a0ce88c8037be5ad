package io.sabot.kernels.join;

/**
 * The join types a {@link HashJoinTable} can probe. The probe side is the "left" side of the SQL join in every case.
 *
 * <p>Null keys never match (SQL equality). A probe row whose key has any null column therefore gets no build match:
 * it is dropped by {@link #INNER} and {@link #SEMI}, emitted once with null build columns by {@link #LEFT_OUTER}, and
 * <b>emitted</b> by {@link #ANTI}. {@link #ANTI} follows {@code NOT EXISTS (SELECT 1 FROM build b WHERE b.k = p.k)},
 * which is true for a null key; it is not {@code NOT IN} (which would yield no rows when the build side has a null).
 */
public enum JoinType
{
    /** Every (probe row, build row) pair with equal, non-null keys. */
    INNER,
    /** Inner matches, plus each probe row without a match once, with null build columns. */
    LEFT_OUTER,
    /** Each probe row that has at least one match, once, probe columns only. */
    SEMI,
    /** Each probe row that has no match (including null keys), once, probe columns only. */
    ANTI
}
