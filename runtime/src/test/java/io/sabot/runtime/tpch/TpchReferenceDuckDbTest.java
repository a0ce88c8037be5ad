package io.sabot.runtime.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At SF 0.01 the plain-Java reference answers Q1, Q3, Q5, Q6 and Q10 exactly as DuckDB does over the same generated
 * rows: same column types, decimals equal in value and scale, averages equal to the last bit.
 */
class TpchReferenceDuckDbTest
{
    private static TpchReference reference;
    private static DuckDbTpch duck;

    @BeforeAll
    static void load() throws SQLException
    {
        final TpchGenerator generator = new TpchGenerator(0.01);
        duck = new DuckDbTpch(2);
        try (RootAllocator allocator = new RootAllocator())
        {
            final Map<TpchTable, List<Batch>> tables = new EnumMap<>(TpchTable.class);
            try
            {
                for (final TpchTable table : TpchTable.values())
                {
                    tables.put(table, generator.generateAll(table, 1000, allocator));
                    duck.load(table, tables.get(table));
                }
                reference = new TpchReference(tables);
            }
            finally
            {
                tables.values().forEach(list -> list.forEach(Batch::close));
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @AfterAll
    static void close() throws SQLException
    {
        if (duck != null)
        {
            duck.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TpchQuery.class)
    void referenceEqualsDuckDb(final TpchQuery query) throws SQLException
    {
        final List<List<Object>> expected = duck.query(query.sql());
        final List<List<Object>> actual = reference.run(query);
        assertFalse(expected.isEmpty(), query + " has rows");
        assertEquals(expected.size(), actual.size(), query + " row count");
        for (int r = 0; r < expected.size(); r++)
        {
            assertEquals(expected.get(r), actual.get(r), query + " row " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(TpchQuery.class)
    void resultTypesAreDuckDbs(final TpchQuery query) throws SQLException
    {
        assertEquals(query.sqlTypes(), duck.columnTypes(query.sql()), query + " types");
        final List<List<Object>> rows = reference.run(query);
        for (final List<Object> row : rows)
        {
            assertEquals(query.columns().size(), row.size());
            for (int c = 0; c < row.size(); c++)
            {
                assertNotNull(row.get(c));
                final String type = query.sqlTypes().get(c);
                final Class<?> expected = switch (type)
                {
                    case "BIGINT" -> Long.class;
                    case "INTEGER" -> Integer.class;
                    case "DOUBLE" -> Double.class;
                    case "DATE" -> java.time.LocalDate.class;
                    case "VARCHAR" -> String.class;
                    default -> java.math.BigDecimal.class;
                };
                assertEquals(expected, row.get(c).getClass(), query + " column " + query.columns().get(c));
                if (row.get(c) instanceof final java.math.BigDecimal d)
                {
                    assertEquals(Integer.parseInt(type.substring(type.indexOf(',') + 1, type.length() - 1)),
                        d.scale(), query + " column " + query.columns().get(c));
                }
            }
        }
    }

    @Test
    void queriesHaveTheirFullShape()
    {
        assertEquals(4, reference.q1().size());
        assertEquals(10, reference.q3().size());
        assertEquals(20, reference.q10().size());
        assertFalse(reference.q5().isEmpty());
        assertNotNull(reference.q6().getFirst().getFirst());
    }

    @Test
    void averagesMatchDuckDbToTheLastBit() throws SQLException
    {
        // Groups of 1 to 300 values, small (like discounts) to large, signed: quotients that are not representable.
        final List<long[]> cases = new ArrayList<>();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        final long[] bounds = {10, 5000, 1_000_000_000L, 999_999_999_999_999L};
        for (int i = 0; i < 400; i++)
        {
            final int n = 1 + random.nextInt(300);
            final long bound = bounds[i % bounds.length];
            final long[] values = new long[n];
            for (int k = 0; k < n; k++)
            {
                values[k] = random.nextLong(i % 3 == 0 ? -bound : 0, bound + 1);
            }
            cases.add(values);
        }
        duck.execute("CREATE OR REPLACE TABLE avgs (g INTEGER, v DECIMAL(15,2))");
        final StringBuilder insert = new StringBuilder("INSERT INTO avgs VALUES ");
        for (int g = 0; g < cases.size(); g++)
        {
            for (final long v : cases.get(g))
            {
                insert.append('(').append(g).append(", ").append(java.math.BigDecimal.valueOf(v, 2)).append("),");
            }
        }
        duck.execute(insert.substring(0, insert.length() - 1));
        final List<List<Object>> alone = duck.query("SELECT g, avg(v) FROM avgs GROUP BY g ORDER BY g");
        final List<List<Object>> shared = duck.query("SELECT g, avg(v), count(*) FROM avgs GROUP BY g ORDER BY g");
        for (int g = 0; g < cases.size(); g++)
        {
            BigInteger sum = BigInteger.ZERO;
            for (final long v : cases.get(g))
            {
                sum = sum.add(BigInteger.valueOf(v));
            }
            assertEquals(alone.get(g).get(1), TpchReference.duckDbAverage(sum, cases.get(g).length, 2), "group " + g);
            assertEquals(shared.get(g).get(1), TpchReference.duckDbSumOverCount(sum, cases.get(g).length, 2),
                "group " + g);
        }
    }
}
