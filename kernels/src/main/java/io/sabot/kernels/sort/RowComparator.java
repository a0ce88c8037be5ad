package io.sabot.kernels.sort;

/**
 * Compares two rows by their local index (0 to n-1 in the order the rows were read) under one or more sort keys,
 * reading pre-normalized primitive arrays or Arrow memory directly: no boxing per comparison.
 */
interface RowComparator
{
    /**
     * @param a a local row index.
     * @param b another local row index.
     * @return negative, zero or positive as row {@code a} sorts before, with, or after row {@code b}.
     */
    int compare(int a, int b);
}
