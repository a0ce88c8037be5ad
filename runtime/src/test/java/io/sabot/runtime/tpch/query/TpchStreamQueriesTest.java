package io.sabot.runtime.tpch.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.sabot.kernels.Batch;
import io.sabot.kernels.decimal.Decimals;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.exec.Batches;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.BatchesSource;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.tpch.TpchGenerator;
import io.sabot.runtime.tpch.TpchQuery;
import io.sabot.runtime.tpch.TpchReference;
import io.sabot.runtime.tpch.TpchTable;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stream API TPC-H queries at SF 0.01 against the independent plain-Java reference over the same rows (which
 * itself equals DuckDB's answers, see TpchReferenceDuckDbTest), at parallelism 1 and 2, with small morsels so that
 * every exchange and partial/final split is exercised. Values compare exactly, decimals with their scale.
 */
class TpchStreamQueriesTest
{
    private static RootAllocator allocator;
    private static final Map<TpchTable, List<Batch>> TABLES = new EnumMap<>(TpchTable.class);
    private static TpchReference reference;

    @BeforeAll
    static void generate()
    {
        allocator = new RootAllocator();
        final TpchGenerator generator = new TpchGenerator(0.01);
        for (final TpchTable table : TpchTable.values())
        {
            TABLES.put(table, generator.generateAll(table, 1500, allocator));
        }
        reference = new TpchReference(TABLES);
    }

    @AfterAll
    static void release()
    {
        TABLES.values().forEach(list -> list.forEach(Batch::close));
        allocator.close();
    }

    static List<List<Object>> run(final int query, final int parallelism)
    {
        return run(query, parallelism, true);
    }

    static List<List<Object>> run(final int query, final int parallelism, final boolean fuse)
    {
        return run(query, parallelism, fuse, false);
    }

    /** @param decimal64 whether the tables' money columns are narrowed to sabot.decimal64 first. */
    static List<List<Object>> run(final int query, final int parallelism, final boolean fuse, final boolean decimal64)
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1024)
            .allocator(allocator).fuseAggregates(fuse).build())
        {
            final List<BatchesSource> sources = new ArrayList<>();
            final CollectSink sink = Sinks.collect();
            TpchQueries.query(query, env, name ->
            {
                final TpchTable table = TpchTable.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                final List<Batch> shares = new ArrayList<>();
                TABLES.get(table).forEach(b -> shares.add(decimal64 ? Decimals.narrow(b, allocator) :
                    Batches.share(b, allocator)));
                final BatchesSource source = Sources.batches(decimal64 ? Decimals.narrow(table.schema()) :
                    table.schema(), shares, 1024);
                sources.add(source);
                return source;
            }).writeTo(sink);
            try
            {
                env.execute("tpch-q" + query);
            }
            finally
            {
                sources.forEach(BatchesSource::close);
            }
            return sink.rows();
        }
    }

    /** The same query over Arrow IPC files (read through io_uring where available, pruned to the used columns). */
    static List<List<Object>> runFromFiles(final int query, final java.nio.file.Path dir)
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(1024)
            .allocator(allocator).build())
        {
            final CollectSink sink = Sinks.collect();
            final io.sabot.runtime.api.DataStream stream = TpchQueries.query(query, env,
                name -> Sources.arrowFile(dir.resolve(name + ".arrow")));
            final String plan = stream.explain(sink);
            if (query == 6)
            {
                // projection pushdown: lineitem is read with Q6's four columns only
                org.junit.jupiter.api.Assertions.assertTrue(plan.contains(
                    "[l_quantity, l_extendedprice, l_discount, l_shipdate]"), plan);
            }
            stream.writeTo(sink);
            env.execute("tpch-file-q" + query);
            return sink.rows();
        }
    }

    @Test
    void allQueriesFromArrowFiles(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
    {
        io.sabot.runtime.tpch.TpchWriter.writeIpc(dir, new TpchGenerator(0.01), 1500, 1, null);
        for (final int query : TpchQueries.QUERIES)
        {
            assertEquals(reference.run(TpchQuery.valueOf("Q" + query)), runFromFiles(query, dir), "Q" + query);
        }
    }

    static void check(final int query)
    {
        check(query, false);
    }

    /** @param decimal64 whether the money columns are sabot.decimal64 (the reference reads the Decimal128 rows). */
    static void check(final int query, final boolean decimal64)
    {
        final List<List<Object>> expected = reference.run(TpchQuery.valueOf("Q" + query));
        for (final int p : new int[] {1, 2, -1, -2})
        {
            // negative: the same parallelism with the aggregations not fused
            final List<List<Object>> actual = run(query, Math.abs(p), p > 0, decimal64);
            assertEquals(expected.size(), actual.size(), "Q" + query + " rows at parallelism " + p);
            for (int i = 0; i < expected.size(); i++)
            {
                assertEquals(expected.get(i), actual.get(i), "Q" + query + " row " + i + " at parallelism " + p);
            }
        }
    }

    @Test
    void q1()
    {
        check(1);
    }

    @Test
    void q3()
    {
        check(3);
    }

    @Test
    void q5()
    {
        check(5);
    }

    @Test
    void q6()
    {
        check(6);
    }

    @Test
    void q10()
    {
        check(10);
    }
}
