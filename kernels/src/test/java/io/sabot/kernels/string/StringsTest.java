package io.sabot.kernels.string;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * String kernels against java.lang.String references, with multi-byte UTF-8, empty strings, nulls, ranges,
 * selections and sliced vectors.
 */
final class StringsTest
{
    /** ASCII letters on both sides of the case ranges' edges, 2-, 3- and 4-byte characters. */
    private static final String[] ALPHABET = {"a", "b", "A", "B", "z", "Z", "@", "[", "`", "{", "é", "É", "€", "😀",
        "ab", " ", "0"};
    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void everyKernelMatchesStringReference()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(5);
        for (final int n : TestData.SIZES)
        {
            for (final double nulls : NULL_RATIOS)
            {
                final String[] values = randomValues(random, n, nulls, 40);
                try (VarCharVector in = vector(allocator, values))
                {
                    // Large sizes check fewer patterns to keep the suite fast.
                    final List<String> all = patterns(random, values);
                    final List<String> patterns = n > 5000 ? all.subList(0, 4) : all;
                    checkAll(allocator, in, values, Rows.all(in), patterns);
                    if (n > 3 && n < 5000)
                    {
                        checkAll(allocator, in, values, Rows.range(2, n - 3), patterns);
                        final int[] positions = random.ints(n / 2 + 1, 0, n).sorted().toArray();
                        try (SelectionVector selection = SelectionVector.of(allocator, positions))
                        {
                            checkAll(allocator, in, values, Rows.selected(selection), patterns);
                        }
                    }
                }
            }
        }
    }

    @Test
    void slicedVectorsAndColumnEquality()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(8);
        final int n = 3001;
        final String[] left = randomValues(random, n, 0.1, 6);
        final String[] right = new String[n];
        for (int i = 0; i < n; i++)
        {
            right[i] = random.nextInt(3) == 0 ? left[i] : randomValues(random, 1, 0.1, 6)[0];
        }
        try (VarCharVector a = vector(allocator, left);
            VarCharVector b = vector(allocator, right))
        {
            for (final int start : new int[] {0, 1, 7, 9, 64})
            {
                final int length = n - start - 5;
                final TransferPair pa = a.getTransferPair(allocator);
                final TransferPair pb = b.getTransferPair(allocator);
                pa.splitAndTransfer(start, length);
                pb.splitAndTransfer(start, length);
                try (VarCharVector sa = (VarCharVector)pa.getTo();
                    VarCharVector sb = (VarCharVector)pb.getTo();
                    BitVector eq = Strings.equalTo(Rows.all(sa), sa, sb, allocator);
                    BitVector contains = Strings.contains(sa, "ab", allocator);
                    VarCharVector upper = Strings.upperAscii(sa, allocator))
                {
                    for (int i = 0; i < length; i++)
                    {
                        final String x = left[start + i];
                        final String y = right[start + i];
                        assertEquals(x == null || y == null, eq.isNull(i), "row " + i);
                        if (x != null && y != null)
                        {
                            assertEquals(x.equals(y) ? 1 : 0, eq.get(i), x + " vs " + y);
                        }
                        assertEquals(x == null, contains.isNull(i));
                        if (x != null)
                        {
                            assertEquals(x.contains("ab") ? 1 : 0, contains.get(i));
                            assertEquals(asciiCase(x, false), upper.getObject(i).toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void edgeValuesAndPatterns()
    {
        final BufferAllocator allocator = memory.allocator();
        final String[] values = {"", "a", "é", "😀", "aaaaaaaaaaaaaaaab", "xxxxxxxxyyyyyyyy", "abcdefgh", "ABCDEFGHIJ",
            "héllo wörld", null, "€uro€", "\u0000\u0001", "ÀÉÎõü", "[@`{", "12345678901234567"};
        final String[] patterns = {"", "a", "b", "ab", "aaab", "é", "😀", "€", "yyyyyyyy", "xy", "abcdefgh",
            "abcdefghi", "o w", "\u0000", "@`", "01234567890123456", "5678901234567"};
        try (VarCharVector in = vector(allocator, values))
        {
            checkAll(allocator, in, values, Rows.all(in), List.of(patterns));
            try (VarCharVector lower = Strings.lowerAscii(in, allocator))
            {
                assertEquals("abcdefghij", lower.getObject(7).toString());
                assertEquals("ÀÉÎõü", lower.getObject(12).toString(), "non-ASCII letters are unchanged");
                assertEquals("[@`{", lower.getObject(13).toString());
                assertTrue(lower.isNull(9));
            }
        }
    }

    @Test
    void badInputIsTyped()
    {
        final BufferAllocator allocator = memory.allocator();
        try (VarCharVector in = vector(allocator, new String[] {"a", "b"});
            VarCharVector shorter = vector(allocator, new String[] {"a"}))
        {
            assertThrows(SchemaException.class, () -> Strings.contains(Rows.range(1, 2), in, "a", allocator));
            assertThrows(SchemaException.class, () -> Strings.equalTo(Rows.all(in), in, shorter, allocator));
            assertThrows(SchemaException.class, () -> Strings.startsWith(in, null, allocator));
            assertThrows(SchemaException.class, () -> Strings.length(Rows.range(0, 3), in, allocator));
        }
    }

    private static void checkAll(final BufferAllocator allocator, final VarCharVector in, final String[] values,
        final Rows rows, final List<String> patterns)
    {
        final int n = rows.count();
        try (IntVector length = Strings.length(rows, in, allocator);
            IntVector bytes = Strings.byteLength(rows, in, allocator);
            VarCharVector lower = Strings.lowerAscii(rows, in, allocator);
            VarCharVector upper = Strings.upperAscii(rows, in, allocator))
        {
            assertEquals(n, length.getValueCount());
            assertEquals(n, lower.getValueCount());
            for (int i = 0; i < n; i++)
            {
                final String v = values[rows.rowAt(i)];
                assertEquals(v == null, length.isNull(i));
                assertEquals(v == null, bytes.isNull(i));
                assertEquals(v == null, lower.isNull(i));
                assertEquals(v == null, upper.isNull(i));
                if (v != null)
                {
                    assertEquals(v.codePointCount(0, v.length()), length.get(i), v);
                    assertEquals(v.getBytes(StandardCharsets.UTF_8).length, bytes.get(i), v);
                    assertArrayEquals(asciiCase(v, true).getBytes(StandardCharsets.UTF_8), lower.get(i), v);
                    assertArrayEquals(asciiCase(v, false).getBytes(StandardCharsets.UTF_8), upper.get(i), v);
                }
            }
        }
        final BufferAllocator a = allocator;
        for (final String p : patterns)
        {
            checkPredicate(values, rows, p, Strings.equalTo(rows, in, p, a), Strings.selectEqualTo(rows, in, p, a),
                String::equals);
            checkPredicate(values, rows, p, Strings.startsWith(rows, in, p, a),
                Strings.selectStartsWith(rows, in, p, a), String::startsWith);
            checkPredicate(values, rows, p, Strings.endsWith(rows, in, p, a), Strings.selectEndsWith(rows, in, p, a),
                String::endsWith);
            checkPredicate(values, rows, p, Strings.contains(rows, in, p, a), Strings.selectContains(rows, in, p, a),
                String::contains);
        }
    }

    private static void checkPredicate(final String[] values, final Rows rows, final String pattern,
        final BitVector bits, final SelectionVector selection, final BiPredicate<String, String> reference)
    {
        try (bits; selection)
        {
            final List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < rows.count(); i++)
            {
                final int row = rows.rowAt(i);
                final String v = values[row];
                assertEquals(v == null, bits.isNull(i));
                if (v != null)
                {
                    final boolean match = reference.test(v, pattern);
                    assertEquals(match ? 1 : 0, bits.get(i), () -> "'" + v + "' vs '" + pattern + "'");
                    if (match)
                    {
                        expected.add(row);
                    }
                }
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), selection.toArray(),
                "selection for '" + pattern + "'");
        }
    }

    private static String asciiCase(final String s, final boolean lower)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (lower && c >= 'A' && c <= 'Z')
            {
                sb.append((char)(c + 32));
            }
            else if (!lower && c >= 'a' && c <= 'z')
            {
                sb.append((char)(c - 32));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String[] randomValues(final SplittableRandom random, final int n, final double nulls,
        final int maxParts)
    {
        final String[] values = new String[n];
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            if (nulls > 0 && random.nextDouble() < nulls)
            {
                continue;
            }
            sb.setLength(0);
            final int parts = random.nextInt(maxParts + 1);
            for (int p = 0; p < parts; p++)
            {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            values[i] = sb.toString();
        }
        return values;
    }

    private static List<String> patterns(final SplittableRandom random, final String[] values)
    {
        final List<String> patterns = new ArrayList<>(List.of("", "a", "ab", "é", "😀", "aZ@", "abababababab"));
        for (int k = 0; k < 4 && values.length > 0; k++)
        {
            final String v = values[random.nextInt(values.length)];
            if (v != null && !v.isEmpty())
            {
                final int from = random.nextInt(v.length());
                final int to = from + random.nextInt(v.length() - from + 1);
                // Keep surrogate pairs whole so the pattern is valid UTF-16 and encodes to the value's bytes.
                if (!Character.isLowSurrogate(v.charAt(from)) && (to == v.length() ||
                    !Character.isLowSurrogate(v.charAt(to))))
                {
                    patterns.add(v.substring(from, to));
                }
                patterns.add(v);
            }
        }
        return patterns;
    }

    private static VarCharVector vector(final BufferAllocator allocator, final String[] values)
    {
        final VarCharVector vector = new VarCharVector("s", allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }
}
