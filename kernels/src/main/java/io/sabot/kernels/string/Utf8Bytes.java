package io.sabot.kernels.string;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import io.sabot.simd.Layouts;

/**
 * Byte-level helpers over UTF-8 values in native memory, working a 64-bit word (8 bytes) at a time where the value
 * is long enough (SWAR: SIMD within a register; no Vector API, so there is no separate scalar twin).
 *
 * <p>Thread-safety: stateless. Callers pass offsets that lie inside the segments.
 */
final class Utf8Bytes
{
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final VarHandle ARRAY_LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8Bytes()
    {
    }

    /** @return whether {@code a[aAt, aAt + length)} equals {@code b[bAt, bAt + length)}. */
    static boolean regionEquals(final MemorySegment a, final long aAt, final MemorySegment b, final long bAt,
        final long length)
    {
        long i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (a.get(Layouts.LONG_UNALIGNED, aAt + i) != b.get(Layouts.LONG_UNALIGNED, bAt + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.get(Layouts.BYTE, aAt + i) != b.get(Layouts.BYTE, bAt + i))
            {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@code a[aAt, aAt + length)} equals {@code pattern[from, from + length)}. */
    static boolean regionEquals(final MemorySegment a, final long aAt, final byte[] pattern, final int from,
        final int length)
    {
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (a.get(Layouts.LONG_UNALIGNED, aAt + i) != (long)ARRAY_LONGS.get(pattern, from + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.get(Layouts.BYTE, aAt + i) != pattern[from + i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Substring search: scans 8 candidate start positions per word for the needle's first byte (a zero-byte test on
     * {@code word ^ broadcast(first)}), then verifies each candidate.
     *
     * @return whether {@code needle[0, needleLength)} occurs in {@code data[start, start + length)}.
     */
    static boolean contains(final MemorySegment data, final long start, final long length, final byte[] needle)
    {
        final int needleLength = needle.length;
        if (needleLength == 0)
        {
            return true;
        }
        if (needleLength > length)
        {
            return false;
        }
        final byte first = needle[0];
        final long broadcast = (first & 0xFFL) * ONES;
        final long lastCandidate = start + length - needleLength;
        final int rest = needleLength - 1;
        long p = start;
        for (; p + 7 <= lastCandidate; p += 8)
        {
            final long x = data.get(Layouts.LONG_UNALIGNED, p) ^ broadcast;
            // High bit set in each zero byte of x, plus possible false positives (a 0x01 byte just above a zero
            // byte, through the borrow), so a candidate is verified from its first byte on.
            long candidates = (x - ONES) & ~x & HIGHS;
            while (candidates != 0)
            {
                final long at = p + (Long.numberOfTrailingZeros(candidates) >>> 3);
                if (regionEquals(data, at, needle, 0, needleLength))
                {
                    return true;
                }
                candidates &= candidates - 1;
            }
        }
        if (p <= lastCandidate && lastCandidate >= 7 && lastCandidate + 1 <= data.byteSize())
        {
            // Last 1-7 candidates: one word ending at the last candidate. Its low bytes may belong to the previous
            // value; candidates below p are masked off (borrows from them only add false positives).
            final long wordAt = lastCandidate - 7;
            final long x = data.get(Layouts.LONG_UNALIGNED, wordAt) ^ broadcast;
            long candidates = (x - ONES) & ~x & HIGHS & (-1L << ((p - wordAt) << 3));
            while (candidates != 0)
            {
                final long at = wordAt + (Long.numberOfTrailingZeros(candidates) >>> 3);
                if (regionEquals(data, at, needle, 0, needleLength))
                {
                    return true;
                }
                candidates &= candidates - 1;
            }
            return false;
        }
        for (; p <= lastCandidate; p++)
        {
            if (data.get(Layouts.BYTE, p) == first && regionEquals(data, p + 1, needle, 1, rest))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the number of code points in {@code data[start, start + length)}: the bytes that are not UTF-8
     *         continuation bytes ({@code 10xxxxxx}). Invalid UTF-8 is counted the same way, never rejected.
     */
    static int codePoints(final MemorySegment data, final long start, final long length)
    {
        long continuation = 0;
        long i = 0;
        for (; i + 8 <= length; i += 8)
        {
            final long w = data.get(Layouts.LONG_UNALIGNED, start + i);
            continuation += Long.bitCount(w & ~(w << 1) & HIGHS);
        }
        for (; i < length; i++)
        {
            continuation += (data.get(Layouts.BYTE, start + i) & 0xC0) == 0x80 ? 1 : 0;
        }
        return (int)(length - continuation);
    }

    /**
     * Copies {@code length} bytes mapping ASCII letters to one case: bytes in {@code [lowFirst, lowFirst + 25]}
     * (7-bit only) get bit 0x20 flipped; every other byte, including all non-ASCII bytes, is copied unchanged.
     *
     * @param first the first letter to flip: {@code 'A'} to lower-case, {@code 'a'} to upper-case.
     */
    static void mapCase(final MemorySegment from, final long fromAt, final MemorySegment to, final long toAt,
        final long length, final char first)
    {
        final long geFirst = (0x80 - first) * ONES;
        final long gtLast = (0x80 - first - 26) * ONES;
        long i = 0;
        for (; i + 8 <= length; i += 8)
        {
            final long w = from.get(Layouts.LONG_UNALIGNED, fromAt + i);
            final long low7 = w & ~HIGHS;
            // Per byte (no carries cross bytes since low7 + 0x7F < 0x100): bit 7 set iff byte >= first, resp. > last.
            final long letters = (low7 + geFirst) & ~(low7 + gtLast) & ~w & HIGHS;
            to.set(Layouts.LONG_UNALIGNED, toAt + i, w ^ (letters >>> 2));
        }
        for (; i < length; i++)
        {
            final byte b = from.get(Layouts.BYTE, fromAt + i);
            to.set(Layouts.BYTE, toAt + i, b >= first && b < first + 26 ? (byte)(b ^ 0x20) : b);
        }
    }
}
