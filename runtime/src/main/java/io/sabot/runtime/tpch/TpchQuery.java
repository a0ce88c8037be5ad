package io.sabot.runtime.tpch;

import java.util.List;

/**
 * The TPC-H queries this project runs, with the specification's default substitution parameters, as SQL text (the
 * text of DuckDB's {@code tpch} extension: date bounds written as {@code CAST('...' AS date)} constants, i.e. Q1's
 * {@code DATE '1998-12-01' - INTERVAL '90' DAY} is {@code 1998-09-02}), and the name and SQL type of each result
 * column. Result types follow DuckDB: {@code sum(decimal(15,2))} is {@code DECIMAL(38,2)}, a sum of
 * {@code decimal(15,2) x decimal(16,2)} products is {@code DECIMAL(38,4)}, Q1's {@code sum_charge} is
 * {@code DECIMAL(38,6)}, {@code avg} is {@code DOUBLE}, {@code count(*)} is {@code BIGINT}.
 *
 * <p>In the Java row form used by {@link TpchReference} and the DuckDB harness, {@code DECIMAL(38,s)} is a
 * {@link java.math.BigDecimal} of scale s, {@code DOUBLE} a {@link Double}, {@code BIGINT} a {@link Long},
 * {@code INTEGER} an {@link Integer}, {@code DATE} a {@link java.time.LocalDate}, {@code VARCHAR} a {@link String}.
 * Thread-safety: immutable.
 */
public enum TpchQuery
{
    /** Pricing summary report; delta 90 days. */
    Q1("""
        SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
               sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
               sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
               avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc,
               count(*) AS count_order
        FROM lineitem
        WHERE l_shipdate <= CAST('1998-09-02' AS date)
        GROUP BY l_returnflag, l_linestatus
        ORDER BY l_returnflag, l_linestatus""",
        List.of("l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price", "sum_charge",
            "avg_qty", "avg_price", "avg_disc", "count_order"),
        List.of("VARCHAR", "VARCHAR", "DECIMAL(38,2)", "DECIMAL(38,2)", "DECIMAL(38,4)", "DECIMAL(38,6)", "DOUBLE",
            "DOUBLE", "DOUBLE", "BIGINT")),
    /** Shipping priority; segment BUILDING, date 1995-03-15, top 10. */
    Q3("""
        SELECT l_orderkey, sum(l_extendedprice * (1 - l_discount)) AS revenue, o_orderdate, o_shippriority
        FROM customer, orders, lineitem
        WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey
          AND o_orderdate < CAST('1995-03-15' AS date) AND l_shipdate > CAST('1995-03-15' AS date)
        GROUP BY l_orderkey, o_orderdate, o_shippriority
        ORDER BY revenue DESC, o_orderdate
        LIMIT 10""",
        List.of("l_orderkey", "revenue", "o_orderdate", "o_shippriority"),
        List.of("BIGINT", "DECIMAL(38,4)", "DATE", "INTEGER")),
    /** Local supplier volume; region ASIA, year from 1994-01-01. */
    Q5("""
        SELECT n_name, sum(l_extendedprice * (1 - l_discount)) AS revenue
        FROM customer, orders, lineitem, supplier, nation, region
        WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND l_suppkey = s_suppkey
          AND c_nationkey = s_nationkey AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey
          AND r_name = 'ASIA' AND o_orderdate >= CAST('1994-01-01' AS date)
          AND o_orderdate < CAST('1995-01-01' AS date)
        GROUP BY n_name
        ORDER BY revenue DESC""",
        List.of("n_name", "revenue"),
        List.of("VARCHAR", "DECIMAL(38,4)")),
    /** Forecasting revenue change; year from 1994-01-01, discount 0.06 +- 0.01, quantity < 24. */
    Q6("""
        SELECT sum(l_extendedprice * l_discount) AS revenue
        FROM lineitem
        WHERE l_shipdate >= CAST('1994-01-01' AS date) AND l_shipdate < CAST('1995-01-01' AS date)
          AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24""",
        List.of("revenue"),
        List.of("DECIMAL(38,4)")),
    /** Returned item reporting; quarter from 1993-10-01, top 20. */
    Q10("""
        SELECT c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) AS revenue, c_acctbal, n_name,
               c_address, c_phone, c_comment
        FROM customer, orders, lineitem, nation
        WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey AND o_orderdate >= CAST('1993-10-01' AS date)
          AND o_orderdate < CAST('1994-01-01' AS date) AND l_returnflag = 'R' AND c_nationkey = n_nationkey
        GROUP BY c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
        ORDER BY revenue DESC
        LIMIT 20""",
        List.of("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment"),
        List.of("BIGINT", "VARCHAR", "DECIMAL(38,4)", "DECIMAL(15,2)", "VARCHAR", "VARCHAR", "VARCHAR",
            "VARCHAR"));

    private final String sql;
    private final List<String> columns;
    private final List<String> sqlTypes;

    TpchQuery(final String sql, final List<String> columns, final List<String> sqlTypes)
    {
        this.sql = sql;
        this.columns = columns;
        this.sqlTypes = sqlTypes;
    }

    /**
     * @return the SQL text (DuckDB dialect, no trailing semicolon).
     */
    public String sql()
    {
        return sql;
    }

    /**
     * @return the result column names, in order.
     */
    public List<String> columns()
    {
        return columns;
    }

    /**
     * @return the result column SQL types, in order (DuckDB's result types).
     */
    public List<String> sqlTypes()
    {
        return sqlTypes;
    }
}
