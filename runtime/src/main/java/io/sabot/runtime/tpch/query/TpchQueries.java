package io.sabot.runtime.tpch.query;

import java.util.List;
import java.util.function.Function;

import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.DataStream;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.source.Source;

/**
 * TPC-H queries 1, 3, 5, 6 and 10 written with the Stream API, with the specification's default substitution
 * parameters. Each returns the final stream; the caller writes it to a sink and executes.
 *
 * <p>Joins put the smaller input on the build (right) side. Q10 aggregates revenue per customer key before joining
 * the customer and nation columns (the other grouping columns of the SQL text are functionally dependent on
 * {@code c_custkey}), which gives the same rows with far less grouping work.
 *
 * <p>Result columns and types match DuckDB's for the SQL text: sums of decimal(15,2) are decimal(38,2), revenue
 * {@code l_extendedprice * (1 - l_discount)} is decimal(38,4), Q1's charge decimal(38,6), averages float64.
 */
public final class TpchQueries
{
    /** The queries implemented. */
    public static final List<Integer> QUERIES = List.of(1, 3, 5, 6, 10);

    private TpchQueries()
    {
    }

    /**
     * @param query  1, 3, 5, 6 or 10.
     * @param env    the environment.
     * @param tables the source of each table by name ({@code lineitem}, {@code orders}, ...).
     * @return the query's result stream.
     */
    public static DataStream query(final int query, final StreamEnvironment env,
                                   final Function<String, Source> tables)
    {
        final Function<String, DataStream> t = name -> env.from(tables.apply(name));
        return switch (query)
        {
            case 1 -> q1(t);
            case 3 -> q3(t);
            case 5 -> q5(t);
            case 6 -> q6(t);
            case 10 -> q10(t);
            default -> throw new IllegalArgumentException("TPC-H query " + query + " is not implemented; " +
                "available: " + QUERIES);
        };
    }

    /**
     * Q1, pricing summary report (delta = 90 days).
     */
    static DataStream q1(final Function<String, DataStream> t)
    {
        return t.apply("lineitem")
            .filter("l_shipdate <= date '1998-09-02'")
            .select("l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice", "l_discount", "l_tax")
            .withColumn("disc_price", "l_extendedprice * (1 - l_discount)")
            .withColumn("charge", "l_extendedprice * (1 - l_discount) * (1 + l_tax)")
            .keyBy("l_returnflag", "l_linestatus")
            .aggregate(
                Agg.sum("l_quantity").as("sum_qty"),
                Agg.sum("l_extendedprice").as("sum_base_price"),
                Agg.sum("disc_price").as("sum_disc_price"),
                Agg.sum("charge").as("sum_charge"),
                Agg.mean("l_quantity").as("avg_qty"),
                Agg.mean("l_extendedprice").as("avg_price"),
                Agg.mean("l_discount").as("avg_disc"),
                Agg.count().as("count_order"))
            .sort(SortKey.ascending("l_returnflag"), SortKey.ascending("l_linestatus"));
    }

    /**
     * Q3, shipping priority (segment BUILDING, date 1995-03-15).
     */
    static DataStream q3(final Function<String, DataStream> t)
    {
        final DataStream customer = t.apply("customer")
            .filter("c_mktsegment = 'BUILDING'")
            .select("c_custkey");
        final DataStream orders = t.apply("orders")
            .filter("o_orderdate < date '1995-03-15'")
            .select("o_orderkey", "o_custkey", "o_orderdate", "o_shippriority")
            .join(customer, JoinType.SEMI, List.of("o_custkey"), List.of("c_custkey"));
        return t.apply("lineitem")
            .filter("l_shipdate > date '1995-03-15'")
            .select("l_orderkey", "l_extendedprice", "l_discount")
            .join(orders, JoinType.INNER, List.of("l_orderkey"), List.of("o_orderkey"))
            .withColumn("volume", "l_extendedprice * (1 - l_discount)")
            .keyBy("l_orderkey", "o_orderdate", "o_shippriority")
            .aggregate(Agg.sum("volume").as("revenue"))
            .topN(10, SortKey.descending("revenue"), SortKey.ascending("o_orderdate"),
                SortKey.ascending("l_orderkey"))
            .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority");
    }

    /**
     * Q5, local supplier volume (region ASIA, year 1994).
     */
    static DataStream q5(final Function<String, DataStream> t)
    {
        final DataStream region = t.apply("region").filter("r_name = 'ASIA'").select("r_regionkey");
        final DataStream nation = t.apply("nation")
            .join(region, JoinType.SEMI, List.of("n_regionkey"), List.of("r_regionkey"))
            .select("n_nationkey", "n_name");
        final DataStream customer = t.apply("customer")
            .select("c_custkey", "c_nationkey")
            .join(nation, JoinType.INNER, List.of("c_nationkey"), List.of("n_nationkey"))
            .select("c_custkey", "c_nationkey", "n_name");
        final DataStream orders = t.apply("orders")
            .filter("o_orderdate >= date '1994-01-01' and o_orderdate < date '1995-01-01'")
            .select("o_orderkey", "o_custkey")
            .join(customer, JoinType.INNER, List.of("o_custkey"), List.of("c_custkey"))
            .select("o_orderkey", "c_nationkey", "n_name");
        final DataStream supplier = t.apply("supplier").select("s_suppkey", "s_nationkey");
        return t.apply("lineitem")
            .select("l_orderkey", "l_suppkey", "l_extendedprice", "l_discount")
            .join(orders, JoinType.INNER, List.of("l_orderkey"), List.of("o_orderkey"))
            .join(supplier, JoinType.INNER, List.of("l_suppkey", "c_nationkey"), List.of("s_suppkey", "s_nationkey"))
            .withColumn("volume", "l_extendedprice * (1 - l_discount)")
            .keyBy("n_name")
            .aggregate(Agg.sum("volume").as("revenue"))
            .sort(SortKey.descending("revenue"));
    }

    /**
     * Q6, forecasting revenue change (1994, discount 0.06 ± 0.01, quantity < 24).
     */
    static DataStream q6(final Function<String, DataStream> t)
    {
        return t.apply("lineitem")
            .filter("l_shipdate >= date '1994-01-01' and l_shipdate < date '1995-01-01' and " +
                "l_discount >= 0.05 and l_discount <= 0.07 and l_quantity < 24")
            .map(List.of(new io.sabot.jit.Projection("rev", io.sabot.jit.expr.ExprParser.parse(
                "l_extendedprice * l_discount"))))
            .aggregate(Agg.sum("rev").as("revenue"));
    }

    /**
     * Q10, returned item reporting (quarter from 1993-10-01).
     */
    static DataStream q10(final Function<String, DataStream> t)
    {
        final DataStream orders = t.apply("orders")
            .filter("o_orderdate >= date '1993-10-01' and o_orderdate < date '1994-01-01'")
            .select("o_orderkey", "o_custkey");
        final DataStream revenue = t.apply("lineitem")
            .filter("l_returnflag = 'R'")
            .select("l_orderkey", "l_extendedprice", "l_discount")
            .join(orders, JoinType.INNER, List.of("l_orderkey"), List.of("o_orderkey"))
            .withColumn("volume", "l_extendedprice * (1 - l_discount)")
            .keyBy("o_custkey")
            .aggregate(Agg.sum("volume").as("revenue"));
        final DataStream nation = t.apply("nation").select("n_nationkey", "n_name");
        return t.apply("customer")
            .select("c_custkey", "c_name", "c_acctbal", "c_phone", "c_address", "c_comment", "c_nationkey")
            .join(revenue, JoinType.INNER, List.of("c_custkey"), List.of("o_custkey"))
            .join(nation, JoinType.INNER, List.of("c_nationkey"), List.of("n_nationkey"))
            .topN(20, SortKey.descending("revenue"), SortKey.ascending("c_custkey"))
            .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment");
    }
}
