package io.sabot.runtime.tpch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The eight TPC-H tables with their Arrow schemas and cardinalities.
 *
 * <p>Types: every key ({@code *_key}) is int64 (so that no scale factor overflows it); the other integers
 * ({@code l_linenumber}, {@code p_size}, {@code ps_availqty}, {@code o_shippriority}) are int32; money and quantities
 * are {@code Decimal(15, 2)} (128-bit); dates are {@code Date(DAY)}; every text and flag column is utf8. No column is
 * nullable. Column order is the specification's.
 *
 * <p>Generation units: {@link #units(double)} is the number of rows for every table but {@code LINEITEM}, whose unit
 * is the order: the lines of an order are generated together (1 to 7 of them), so lineitem ranges are order ranges.
 * Thread-safety: immutable.
 */
public enum TpchTable
{
    /** 25 nations. */
    NATION(25, 0,
        key("n_nationkey"), utf8("n_name"), key("n_regionkey"), utf8("n_comment")),
    /** 5 regions. */
    REGION(5, 0,
        key("r_regionkey"), utf8("r_name"), utf8("r_comment")),
    /** SF x 200,000 parts. */
    PART(0, 200_000,
        key("p_partkey"), utf8("p_name"), utf8("p_mfgr"), utf8("p_brand"), utf8("p_type"), int32("p_size"),
        utf8("p_container"), money("p_retailprice"), utf8("p_comment")),
    /** SF x 10,000 suppliers. */
    SUPPLIER(0, 10_000,
        key("s_suppkey"), utf8("s_name"), utf8("s_address"), key("s_nationkey"), utf8("s_phone"),
        money("s_acctbal"), utf8("s_comment")),
    /** Four suppliers per part: SF x 800,000 rows. */
    PARTSUPP(0, 800_000,
        key("ps_partkey"), key("ps_suppkey"), int32("ps_availqty"), money("ps_supplycost"), utf8("ps_comment")),
    /** SF x 150,000 customers. */
    CUSTOMER(0, 150_000,
        key("c_custkey"), utf8("c_name"), utf8("c_address"), key("c_nationkey"), utf8("c_phone"),
        money("c_acctbal"), utf8("c_mktsegment"), utf8("c_comment")),
    /** SF x 1,500,000 orders. */
    ORDERS(0, 1_500_000,
        key("o_orderkey"), key("o_custkey"), utf8("o_orderstatus"), money("o_totalprice"), date("o_orderdate"),
        utf8("o_orderpriority"), utf8("o_clerk"), int32("o_shippriority"), utf8("o_comment")),
    /** 1 to 7 lines per order, about SF x 6,000,000 rows; generation units are orders. */
    LINEITEM(0, 1_500_000,
        key("l_orderkey"), key("l_partkey"), key("l_suppkey"), int32("l_linenumber"), money("l_quantity"),
        money("l_extendedprice"), money("l_discount"), money("l_tax"), utf8("l_returnflag"), utf8("l_linestatus"),
        date("l_shipdate"), date("l_commitdate"), date("l_receiptdate"), utf8("l_shipinstruct"),
        utf8("l_shipmode"), utf8("l_comment"));

    /** Arrow type of money and quantity columns: {@code Decimal(15, 2)}, 128-bit. */
    public static final ArrowType.Decimal MONEY = new ArrowType.Decimal(15, 2, 128);

    private final long fixedRows;
    private final long rowsPerSf;
    private final Schema schema;

    TpchTable(final long fixedRows, final long rowsPerSf, final Field... fields)
    {
        this.fixedRows = fixedRows;
        this.rowsPerSf = rowsPerSf;
        this.schema = new Schema(List.of(fields));
    }

    /**
     * @return the lower-case table name used for files and SQL ({@code lineitem}, {@code orders}, ...).
     */
    public String tableName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the Arrow schema of the generated batches.
     */
    public Schema schema()
    {
        return schema;
    }

    /**
     * @return the column names in schema order.
     */
    public List<String> columnNames()
    {
        final List<String> names = new ArrayList<>(schema.getFields().size());
        for (final Field field : schema.getFields())
        {
            names.add(field.getName());
        }
        return names;
    }

    /**
     * Generation units at a scale factor: rows, except orders for {@code LINEITEM}. Scaled counts are truncated
     * ({@code (long) (base * sf)}) as dbgen does for fractional scale factors; nation and region are fixed.
     *
     * @param sf the scale factor, positive.
     * @return the number of units.
     */
    public long units(final double sf)
    {
        TpchGenerator.checkScale(sf);
        if (fixedRows > 0)
        {
            return fixedRows;
        }
        if (this == PARTSUPP)
        {
            return 4 * PART.units(sf);
        }
        return Math.max(1, (long) (rowsPerSf * sf));
    }

    /**
     * Row count at a scale factor for the default seed. Exact for every table; for {@code LINEITEM} it sums the line
     * count of every order (one hash per order), use {@link TpchGenerator#rowCount(TpchTable)} to have it cached.
     *
     * @param sf the scale factor, positive.
     * @return the number of rows.
     */
    public long rowCount(final double sf)
    {
        if (this != LINEITEM)
        {
            return units(sf);
        }
        return new TpchGenerator(sf).rowCount(this);
    }

    private static Field key(final String name)
    {
        return Field.notNullable(name, new ArrowType.Int(64, true));
    }

    private static Field int32(final String name)
    {
        return Field.notNullable(name, new ArrowType.Int(32, true));
    }

    private static Field utf8(final String name)
    {
        return Field.notNullable(name, ArrowType.Utf8.INSTANCE);
    }

    private static Field money(final String name)
    {
        return new Field(name, FieldType.notNullable(new ArrowType.Decimal(15, 2, 128)), null);
    }

    private static Field date(final String name)
    {
        return Field.notNullable(name, new ArrowType.Date(DateUnit.DAY));
    }
}
