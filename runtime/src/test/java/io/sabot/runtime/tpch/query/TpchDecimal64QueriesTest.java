package io.sabot.runtime.tpch.query;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TPC-H queries of {@link TpchStreamQueriesTest} with every money column narrowed to {@code sabot.decimal64}
 * (the in-memory layout of {@code TpchDuckDbBench}): the answers must equal the reference over the Decimal128 rows
 * exactly, fused and unfused, at parallelism 1 and 2.
 */
class TpchDecimal64QueriesTest
{
    @BeforeAll
    static void generate()
    {
        TpchStreamQueriesTest.generate();
    }

    @AfterAll
    static void release()
    {
        TpchStreamQueriesTest.release();
    }

    @Test
    void q1()
    {
        TpchStreamQueriesTest.check(1, true);
    }

    @Test
    void q3()
    {
        TpchStreamQueriesTest.check(3, true);
    }

    @Test
    void q5()
    {
        TpchStreamQueriesTest.check(5, true);
    }

    @Test
    void q6()
    {
        TpchStreamQueriesTest.check(6, true);
    }

    @Test
    void q10()
    {
        TpchStreamQueriesTest.check(10, true);
    }
}
