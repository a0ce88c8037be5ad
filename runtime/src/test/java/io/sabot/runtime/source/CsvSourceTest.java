package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.sabot.common.MalformedInputException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.sink.ArrowValues;
import io.sabot.runtime.sink.Sinks;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest
{
    private static final Schema THREE = new Schema(List.of(
        new Field("k", FieldType.nullable(new ArrowType.Int(32, true)), null),
        new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("amount", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null)));

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path dir;

    private Path file(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void roundTripThroughTheCsvSinkIncludingHardStrings()
    {
        for (final int n : new int[] {0, 1, 300})
        {
            final List<Object[]> rows = Harness.mixedRows(n, n + 3);
            if (n > 0)
            {
                rows.get(0)[3] = "";
                rows.get(0)[2] = Double.NaN;
            }
            if (n > 2)
            {
                rows.get(1)[2] = Double.NEGATIVE_INFINITY;
                rows.get(2)[2] = 1.5e-300;
            }
            final Path file = dir.resolve("rt" + n + ".csv");
            Harness.copy(Sources.rows(Harness.MIXED, rows, 64), 1, Sinks.csv(file, Harness.MIXED, ',', true),
                memory.allocator());
            for (final int batch : new int[] {1, 7, 8192})
            {
                final CsvSource source = Sources.csv(file, Harness.MIXED, CsvOptions.DEFAULT.withBatchRows(batch));
                assertEquals(Harness.lists(rows), Harness.readAll(source, 1, memory.allocator()), n + "/" + batch);
            }
        }
        final List<Object[]> rows = Harness.mixedRows(200, 77);
        final Path parts = dir.resolve("parts");
        Harness.copy(Sources.rows(Harness.MIXED, rows, 50), 3, Sinks.csvFiles(parts, null, ';', true),
            memory.allocator());
        final CsvSource source = Sources.csv(parts, Harness.MIXED, CsvOptions.DEFAULT.withDelimiter(';'));
        assertEquals(3, source.files().size());
        assertEquals(Harness.lists(rows), Harness.readAll(source, 3, memory.allocator()));
    }

    @Test
    void infersTypesFromASample() throws IOException
    {
        final Path f = file("infer.csv", "a,b,c,d,e,f,g\n1,1.5,2024-02-29,true,x,,7\n-3,2,1999-12-31,FALSE,\"y,z\",,8\n" +
            ",,,,,,9.5\n");
        final CsvSource source = Sources.csv(f);
        final Schema expected = new Schema(List.of(
            new Field("a", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("b", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("c", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
            new Field("d", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
            new Field("e", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("f", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("g", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
        assertEquals(expected, source.schema());
        assertEquals(List.of(
            Arrays.asList(1L, 1.5, LocalDate.of(2024, 2, 29), true, "x", null, 7.0),
            Arrays.asList(-3L, 2.0, LocalDate.of(1999, 12, 31), false, "y,z", null, 8.0),
            Arrays.asList(null, null, null, null, null, null, 9.5)), Harness.readAll(source, 1, memory.allocator()));

        final Path noHeader = file("nh.csv", "5|x\n6|y");
        final CsvSource nh = Sources.csv(noHeader, null, CsvOptions.DEFAULT.withHeader(false).withDelimiter('|'));
        assertEquals(List.of("column0", "column1"), nh.schema().getFields().stream().map(Field::getName).toList());
        assertEquals(List.of(List.of(5L, "x"), List.of(6L, "y")), Harness.readAll(nh, 1, memory.allocator()));
    }

    @Test
    void formatDetails() throws IOException
    {
        // BOM, CRLF, a blank line, quoted line break and doubled quote, NULL string, no final newline.
        final Path f = file("fmt.csv", "\uFEFFk,name,amount\r\n1,\"a \"\"q\"\"\r\nb\",12.345\r\n\r\nNULL,NULL,-0.005\r\n" +
            "3,\"\",\"7\"");
        final CsvSource source = Sources.csv(f, THREE, CsvOptions.DEFAULT.withNullString("NULL"));
        assertEquals(List.of(
            Arrays.asList(1, "a \"q\"\r\nb", new BigDecimal("12.35")),
            Arrays.asList(null, null, new BigDecimal("-0.01")),
            Arrays.asList(3, "", new BigDecimal("7.00"))), Harness.readAll(source, 1, memory.allocator()));
    }

    @Test
    void decimalsParseExactly() throws IOException
    {
        final Schema wide = new Schema(List.of(
            new Field("x", FieldType.nullable(new ArrowType.Decimal(38, 10, 128)), null),
            new Field("y", FieldType.nullable(new ArrowType.Decimal(18, 0, 128)), null)));
        final Random r = new Random(5);
        final StringBuilder text = new StringBuilder("x,y\n");
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            final BigDecimal x = new BigDecimal(new java.math.BigInteger(90, r), 10).negate()
                .multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1));
            final long y = r.nextLong() % 1_000_000_000_000_000_000L;
            text.append(x.toPlainString()).append(',').append(y).append('\n');
            expected.add(List.of(x, BigDecimal.valueOf(y)));
        }
        final CsvSource source = Sources.csv(file("dec.csv", text.toString()), wide, CsvOptions.DEFAULT);
        assertEquals(expected, Harness.readAll(source, 1, memory.allocator()));
        final List<BadRecord> bad = new ArrayList<>();
        final CsvSource tooBig = Sources.csv(file("big.csv", "k,name,amount\n1,a,123456789.00\n2,b,12345678.99\n"),
            THREE, CsvOptions.DEFAULT.deadLetter(bad::add));
        assertEquals(List.of(Arrays.asList(2, "b", new BigDecimal("12345678.99"))),
            Harness.readAll(tooBig, 1, memory.allocator()));
        assertEquals(1, bad.size());
        assertEquals("amount", bad.get(0).column());
    }

    private static String goodAndBad(final List<Integer> badLines, final List<List<Object>> good)
    {
        final StringBuilder text = new StringBuilder("k,name,amount\n");
        final String[] badKinds = {"%d,too,many,fields", "x%d,name,1.00", "%d,name,1.2.3", "%d,only two"};
        for (int line = 2; line <= 60; line++)
        {
            if (line % 9 == 0)
            {
                text.append(String.format(badKinds[line % badKinds.length], line)).append('\n');
                badLines.add(line);
            }
            else
            {
                text.append(line).append(",n").append(line).append(',').append(line).append(".25\n");
                good.add(Arrays.asList(line, "n" + line, new BigDecimal(line + ".25")));
            }
        }
        return text.toString();
    }

    @Test
    void failPolicyDeliversEveryRowBeforeTheBadOneThenNamesFileLineAndColumn() throws IOException
    {
        final List<Integer> badLines = new ArrayList<>();
        final List<List<Object>> good = new ArrayList<>();
        final Path f = file("bad.csv", goodAndBad(badLines, good));
        for (final int batch : new int[] {1, 5, 8192})
        {
            final CsvSource source = Sources.csv(f, THREE, CsvOptions.DEFAULT.withBatchRows(batch));
            final List<List<Object>> delivered = new ArrayList<>();
            MalformedInputException error = null;
            try (SourceReader reader = source.open(source.splits(1).get(0), memory.allocator()))
            {
                while (!reader.finished())
                {
                    try (Batch b = reader.poll())
                    {
                        if (b != null)
                        {
                            delivered.addAll(ArrowValues.rows(b));
                        }
                    }
                    catch (final MalformedInputException e)
                    {
                        error = e;
                    }
                }
                assertNull(reader.poll());
            }
            assertTrue(error != null);
            assertEquals(f.toString(), error.resource());
            assertEquals(9, error.position());
            assertEquals(good.subList(0, 7), delivered, "batch " + batch);
        }
        final Path valueError = file("value.csv", "k,name,amount\n1,a,1\n2,b,zz\n");
        final MalformedInputException e = assertThrows(MalformedInputException.class,
            () -> Harness.readAll(Sources.csv(valueError, THREE, CsvOptions.DEFAULT), 1, memory.allocator()));
        assertEquals("amount", e.column());
        assertEquals(3, e.position());
        assertTrue(e.getMessage().contains("value.csv") && e.getMessage().contains("zz"), e.getMessage());
    }

    @Test
    void deadLetterGetsExactlyTheBadLinesAndEveryGoodRowIsDelivered() throws IOException
    {
        final List<Integer> badLines = new ArrayList<>();
        final List<List<Object>> good = new ArrayList<>();
        final String text = goodAndBad(badLines, good) + "99,\"unterminated,1.00\n100,x,1.00\n";
        final Path f = file("dl.csv", text);
        badLines.add(61); // the unterminated quote runs to the end of the file, swallowing line 62
        for (final int batch : new int[] {1, 4, 8192})
        {
            final List<BadRecord> dead = new ArrayList<>();
            final CsvSource source = Sources.csv(f, THREE, CsvOptions.DEFAULT.withBatchRows(batch).deadLetter(dead::add));
            assertEquals(good, Harness.readAll(source, 1, memory.allocator()));
            assertEquals(badLines, dead.stream().map(d -> (int) d.line()).toList());
            final String[] lines = text.split("\n");
            for (final BadRecord d : dead.subList(0, dead.size() - 1))
            {
                assertEquals(lines[(int) d.line() - 1], d.raw());
                assertEquals(f.toString(), d.file());
            }
            assertEquals("unterminated quoted field", dead.get(dead.size() - 1).reason());
        }
    }

    @Test
    void largeFileSplitsIntoByteRangesAtRecordBoundaries() throws IOException
    {
        final List<Object[]> rows = Harness.mixedRows(2000, 21);
        final Path file = dir.resolve("big.csv");
        Harness.copy(Sources.rows(Harness.MIXED, rows, 100), 1, Sinks.csv(file), memory.allocator());
        final CsvSource source = CsvSource.of(file, Harness.MIXED, CsvOptions.DEFAULT, 4096);
        final List<SourceSplit> splits = source.splits(8);
        assertTrue(splits.size() > 8, splits.size() + " splits");
        assertEquals(1, source.splits(1).size());
        assertEquals(Harness.lists(rows), Harness.readAll(source, 8, memory.allocator()));

        // Bad lines in later ranges are reported with their real line numbers.
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            final String block = goodAndBad(new ArrayList<>(), new ArrayList<>());
            text.append(i == 0 ? block : block.substring("k,name,amount\n".length()));
        }
        final Path repeated = file("rep.csv", text.toString());
        final List<Integer> expectedBad = new ArrayList<>();
        final String[] lines = text.toString().split("\n");
        for (int i = 1; i < lines.length; i++)
        {
            if (lines[i].split(",", -1).length != 3 || !lines[i].matches("\\d+,n\\d+,\\d+\\.25"))
            {
                expectedBad.add(i + 1);
            }
        }
        final List<BadRecord> dead = java.util.Collections.synchronizedList(new ArrayList<>());
        final CsvSource split = CsvSource.of(repeated, THREE, CsvOptions.DEFAULT.deadLetter(dead::add), 1024);
        assertTrue(split.splits(4).size() > 4);
        final List<List<Object>> read = Harness.readAll(split, 4, memory.allocator());
        assertEquals(lines.length - 1 - expectedBad.size(), read.size());
        assertEquals(expectedBad, dead.stream().map(d -> (int) d.line()).toList());
        for (final BadRecord d : dead)
        {
            assertEquals(lines[(int) d.line() - 1], d.raw());
        }
    }

    @Test
    void tokenizerGivesTheSameFieldsWhateverTheChunkSize()
    {
        final Random r = new Random(3);
        final String[] pieces = {"a", "", "\"q,\"\"x\"\"\"", "\"multi\nline\"", "12", "é漢", "\"\"", "\r"};
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            final int n = 1 + r.nextInt(4);
            for (int f = 0; f < n; f++)
            {
                text.append(f > 0 ? "," : "").append(pieces[r.nextInt(pieces.length - 1)]);
            }
            text.append(r.nextBoolean() ? "\n" : "\r\n");
        }
        final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        final List<String> reference = tokens(bytes, 1 << 20);
        assertTrue(reference.size() > 200, reference.size() + " records");
        for (final int chunk : new int[] {1, 2, 7, 64})
        {
            assertEquals(reference, tokens(bytes, chunk), "chunk " + chunk);
        }
    }

    private static List<String> tokens(final byte[] bytes, final int chunk)
    {
        final List<String> out = new ArrayList<>();
        try (CsvTokenizer t = new CsvTokenizer(new ByteArrayInputStream(bytes), "mem", ',', '"', chunk))
        {
            int status;
            while ((status = t.next()) != CsvTokenizer.END)
            {
                final StringBuilder sb = new StringBuilder(status + "@" + t.recordLine() + ":");
                for (int i = 0; status == CsvTokenizer.RECORD && i < t.fields(); i++)
                {
                    sb.append('[').append(t.flag(i)).append(new String(t.buffer(), t.start(i), t.end(i) - t.start(i),
                        StandardCharsets.UTF_8)).append(']');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
