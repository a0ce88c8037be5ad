package io.sabot.runtime.source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sabot.kernels.Batch;
import io.sabot.runtime.sink.ArrowValues;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test helpers: drive a source's splits to the end, push batches through a sink, and make random rows of a mixed
 * schema (nulls, multibyte text, decimals, dates).
 */
public final class Harness
{
    /** id int64 not null, i int32, d float64, s utf8, dt date32, dec decimal(15,2), b bool. */
    public static final Schema MIXED = new Schema(List.of(
        new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("i", FieldType.nullable(new ArrowType.Int(32, true)), null),
        new Field("d", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
        new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
        new Field("dt", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
        new Field("dec", FieldType.nullable(new ArrowType.Decimal(15, 2, 128)), null),
        new Field("b", FieldType.nullable(ArrowType.Bool.INSTANCE), null)));

    private static final String[] WORDS = {"plain", "é漢😀", "with,comma", "with \"quote\"", "line\nbreak", "", " sp ",
        "crlf\r\nx", "NULL"};

    private Harness()
    {
    }

    /**
     * @return {@code n} random rows of {@link #MIXED}; row {@code k} has id {@code k}.
     */
    public static List<Object[]> mixedRows(final int n, final long seed)
    {
        final Random r = new Random(seed);
        final List<Object[]> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++)
        {
            rows.add(new Object[] {
                (long) k,
                r.nextInt(5) == 0 ? null : r.nextInt(),
                r.nextInt(5) == 0 ? null : switch (r.nextInt(4))
                {
                    case 0 -> r.nextDouble();
                    case 1 -> (double) r.nextInt(1000);
                    case 2 -> r.nextGaussian() * 1e12;
                    default -> -r.nextDouble() / 1e6;
                },
                r.nextInt(5) == 0 ? null : WORDS[r.nextInt(WORDS.length)] + r.nextInt(100),
                r.nextInt(5) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000) - 10_000),
                r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextLong() % 10_000_000_000_000L, 2),
                r.nextInt(5) == 0 ? null : r.nextBoolean()});
        }
        return rows;
    }

    /**
     * @return rows as lists, for comparison with {@link ArrowValues}.
     */
    public static List<List<Object>> lists(final List<Object[]> rows)
    {
        final List<List<Object>> out = new ArrayList<>(rows.size());
        for (final Object[] row : rows)
        {
            out.add(java.util.Arrays.asList(row));
        }
        return out;
    }

    /**
     * Reads every split (in order) to the end.
     *
     * @return all rows, split by split.
     */
    public static List<List<Object>> readAll(final Source source, final int parallelism,
        final BufferAllocator allocator)
    {
        final List<List<Object>> rows = new ArrayList<>();
        for (final SourceSplit split : source.splits(parallelism))
        {
            try (SourceReader reader = source.open(split, allocator))
            {
                while (!reader.finished())
                {
                    try (Batch b = reader.poll())
                    {
                        if (b != null)
                        {
                            rows.addAll(ArrowValues.rows(b));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Reads the source's splits into the sink, one writer per split, then commits.
     */
    public static void copy(final Source source, final int parallelism, final Sink sink,
        final BufferAllocator allocator)
    {
        final List<SourceSplit> splits = sink.parallel() ? source.splits(parallelism) : source.splits(1);
        final List<SinkWriter> writers = new ArrayList<>();
        try
        {
            for (int i = 0; i < (sink.parallel() ? splits.size() : 1); i++)
            {
                writers.add(sink.open(i, splits.size(), allocator));
            }
            for (int i = 0; i < splits.size(); i++)
            {
                final SinkWriter w = writers.get(sink.parallel() ? i : 0);
                try (SourceReader reader = source.open(splits.get(i), allocator))
                {
                    while (!reader.finished())
                    {
                        final Batch b = reader.poll();
                        if (b != null)
                        {
                            w.write(b);
                        }
                    }
                }
            }
            writers.forEach(SinkWriter::finish);
        }
        finally
        {
            writers.forEach(SinkWriter::close);
        }
        sink.commit();
    }
}
