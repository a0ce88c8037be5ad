package io.sabot.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.sabot.common.MalformedInputException;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.BadRecord;
import io.sabot.runtime.source.CsvOptions;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Source;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pipeline code over a bounded file and an unbounded generator: the bounded run emits one row per key, the
 * unbounded one an update stream whose last row per key equals it. Bad input files fail the job with typed errors or
 * go to a dead-letter consumer, and no accepted row is lost.
 */
class BoundedUnboundedTest
{
    static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(64, true)),
        Field.nullable("amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
    static final long ROWS = 50_000;
    static final RowGenerator ROWS_OF = (first, count, columns) ->
    {
        final BigIntVector key = (BigIntVector)columns.get(0);
        final Float8Vector amount = (Float8Vector)columns.get(1);
        for (int i = 0; i < count; i++)
        {
            final long row = first + i;
            key.set(i, row % 37);
            amount.set(i, (row % 101) * 0.5);
        }
    };

    /** The pipeline under test, written once. */
    static DataStream pipeline(final DataStream input)
    {
        return input.filter("amount >= 1.0").keyBy("key")
            .aggregate(Agg.sum("amount").as("total"), Agg.count().as("n"));
    }

    static Map<Long, List<Object>> lastPerKey(final CollectSink sink)
    {
        final Map<Long, List<Object>> out = new HashMap<>();
        for (final List<Object> row : sink.rows())
        {
            out.put((Long)row.get(0), row);
        }
        return out;
    }

    @Test
    void samePipelineOverBoundedFileAndUnboundedGenerator(@TempDir final Path dir) throws Exception
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(root).build())
        {
            // write the generator's first ROWS rows to an Arrow file
            final Path file = dir.resolve("events.arrow");
            env.from(GeneratorSource.builder(SCHEMA, ROWS_OF).rows(ROWS).batchRows(4096).build())
                .writeTo(Sinks.arrowFile(file, SCHEMA));
            env.execute("write");

            final CollectSink bounded = Sinks.collect();
            pipeline(env.from(Sources.arrowFile(file))).writeTo(bounded);
            env.execute("bounded");
            assertEquals(37, bounded.rowCount(), "one row per key on bounded input");

            // the same rows from a source that declares itself unbounded (its readers happen to end, so the job
            // ends too): the aggregate runs in update-stream mode
            final Source endless = new UnboundedView(GeneratorSource.builder(SCHEMA, ROWS_OF).rows(ROWS)
                .batchRows(4096).build());
            final CollectSink updates = Sinks.collect();
            pipeline(env.from(endless)).writeTo(updates);
            final RunningJob job = env.executeAsync("unbounded");
            job.await();
            assertTrue(updates.rowCount() > 37, "an update stream: several rows per key");
            final Map<Long, List<Object>> last = lastPerKey(updates);
            final Map<Long, List<Object>> fromFile = lastPerKey(bounded);
            assertEquals(fromFile.keySet(), last.keySet());
            for (final Map.Entry<Long, List<Object>> e : fromFile.entrySet())
            {
                assertEquals((Double)e.getValue().get(1), (Double)last.get(e.getKey()).get(1), 1e-6);
                assertEquals(e.getValue().get(2), last.get(e.getKey()).get(2));
            }
            final Map<Long, List<Object>> finals = lastPerKey(bounded);
            for (final Map.Entry<Long, List<Object>> e : finals.entrySet())
            {
                long count = 0;
                for (long row = e.getKey(); row < ROWS; row += 37)
                {
                    count += (row % 101) * 0.5 >= 1.0 ? 1 : 0;
                }
                assertEquals(count, e.getValue().get(2));
            }
            assertEquals(0, root.getAllocatedMemory() - 0, "jobs left no memory behind");
        }
    }

    /** Declares a source unbounded without changing its rows. */
    record UnboundedView(Source inner) implements Source
    {
        public Schema schema()
        {
            return inner.schema();
        }

        public boolean bounded()
        {
            return false;
        }

        public List<io.sabot.runtime.source.SourceSplit> splits(final int parallelism)
        {
            return inner.splits(parallelism);
        }

        public io.sabot.runtime.source.SourceReader open(final io.sabot.runtime.source.SourceSplit split,
                                                         final org.apache.arrow.memory.BufferAllocator allocator)
        {
            return inner.open(split, allocator);
        }

        public String describe()
        {
            return "unbounded " + inner.describe();
        }
    }

    @Test
    void malformedCsvFailsTypedOrGoesToDeadLetterWithoutLosingRows(@TempDir final Path dir) throws Exception
    {
        final Path csv = dir.resolve("in.csv");
        final StringBuilder text = new StringBuilder("key,amount\n");
        for (int i = 0; i < 1000; i++)
        {
            text.append(i % 5).append(',').append(i).append(".5\n");
            if (i == 500)
            {
                text.append("7,not-a-number\n");
            }
        }
        Files.writeString(csv, text);
        final Function<CsvOptions, Source> source = options -> Sources.csv(csv, SCHEMA, options);
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(root).build())
        {
            final CollectSink failed = Sinks.collect();
            env.from(source.apply(CsvOptions.DEFAULT)).writeTo(failed);
            final MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> env.execute("csv-fail"));
            assertTrue(e.getMessage().contains("in.csv") && e.getMessage().contains("503"), e.getMessage());

            final List<BadRecord> bad = Collections.synchronizedList(new ArrayList<>());
            final CollectSink good = Sinks.collect();
            env.from(source.apply(CsvOptions.DEFAULT.deadLetter(bad::add))).writeTo(good);
            env.execute("csv-dead-letter");
            assertEquals(1000, good.rowCount(), "every good row delivered");
            assertEquals(1, bad.size());
            assertEquals(503, bad.get(0).line());
            assertTrue(bad.get(0).raw().contains("not-a-number"));
            assertEquals(0, root.getAllocatedMemory());
        }
    }
}
