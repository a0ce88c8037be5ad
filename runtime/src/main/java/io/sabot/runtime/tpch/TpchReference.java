package io.sabot.runtime.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Plain-Java answers to TPC-H Q1, Q3, Q5, Q6 and Q10 ({@link TpchQuery}) with the default substitution parameters,
 * computed independently of Sabot's operators and kernels: the needed columns are copied out of Arrow batches into
 * Java arrays, then each query is a loop with hash maps, exact {@code long}/{@link BigInteger} arithmetic on unscaled
 * decimals, a sort and a limit.
 *
 * <p>Result form: one {@code List<Object>} per row, columns as {@link TpchQuery#columns()}: {@code DECIMAL(38,s)} is
 * a {@link BigDecimal} of scale s, {@code DOUBLE} a {@link Double}, {@code BIGINT} a {@link Long}, {@code INTEGER} an
 * {@link Integer}, {@code DATE} a {@link LocalDate}, {@code VARCHAR} a {@link String}. Aggregates over no row: Q6's
 * sum is {@code null} (one row); grouped queries have no row for an empty group.
 *
 * <p>Averages are DuckDB's to the last bit. DuckDB 2.0 computes {@code avg(decimal(p, s))} in one of two ways: alone,
 * it divides the exact sum by {@code count x 10^s} in x87 extended precision ({@link #duckDbAverage}); when the
 * SELECT has another aggregate to share, as Q1 does, its optimiser rewrites it to
 * {@code CAST(sum AS DOUBLE) / count} ({@link #duckDbSumOverCount}). Q1 uses the latter:
 * {@code avg_x = nearestDouble(exactSum / 10^s) / (double) count}.
 * Ties in ORDER BY (which SQL leaves open) are broken by the group key ascending, so Q3 and Q10 are deterministic.
 *
 * <p>Thread-safety: immutable after construction; queries may run concurrently. The constructor only reads the
 * batches it is given and never closes them.
 */
public final class TpchReference
{
    private static final int Q1_SHIP = (int) LocalDate.of(1998, 9, 2).toEpochDay();
    private static final int Q3_DATE = (int) LocalDate.of(1995, 3, 15).toEpochDay();
    private static final int Q5_FROM = (int) LocalDate.of(1994, 1, 1).toEpochDay();
    private static final int Q5_TO = (int) LocalDate.of(1995, 1, 1).toEpochDay();
    private static final int Q10_FROM = (int) LocalDate.of(1993, 10, 1).toEpochDay();
    private static final int Q10_TO = (int) LocalDate.of(1994, 1, 1).toEpochDay();

    private final Lineitem lineitem;
    private final Orders orders;
    private final Customers customers;
    private final Suppliers suppliers;
    private final String[] nationNames;
    private final long[] nationRegions;
    private final String[] regionNames;

    /**
     * @param tables batches of (at least) lineitem, orders, customer, supplier, nation and region; read, not closed.
     */
    public TpchReference(final Map<TpchTable, List<Batch>> tables)
    {
        Objects.requireNonNull(tables, "tables");
        this.lineitem = new Lineitem(need(tables, TpchTable.LINEITEM));
        this.orders = new Orders(need(tables, TpchTable.ORDERS));
        this.customers = new Customers(need(tables, TpchTable.CUSTOMER));
        this.suppliers = new Suppliers(need(tables, TpchTable.SUPPLIER));
        final List<Batch> nation = need(tables, TpchTable.NATION);
        final long[] nationKeys = longs(nation, "n_nationkey");
        final String[] names = strings(nation, "n_name");
        final long[] regions = longs(nation, "n_regionkey");
        final int nations = (int) Arrays.stream(nationKeys).max().orElse(-1) + 1;
        this.nationNames = new String[nations];
        this.nationRegions = new long[nations];
        for (int i = 0; i < nationKeys.length; i++)
        {
            nationNames[(int) nationKeys[i]] = names[i];
            nationRegions[(int) nationKeys[i]] = regions[i];
        }
        final List<Batch> region = need(tables, TpchTable.REGION);
        final long[] regionKeys = longs(region, "r_regionkey");
        final String[] rNames = strings(region, "r_name");
        this.regionNames = new String[(int) Arrays.stream(regionKeys).max().orElse(-1) + 1];
        for (int i = 0; i < regionKeys.length; i++)
        {
            regionNames[(int) regionKeys[i]] = rNames[i];
        }
    }

    /**
     * Generates the six tables the queries read, builds the reference and frees the batches.
     *
     * @param generator  the generator.
     * @param batchUnits units per generated batch.
     * @param allocator  used while generating; everything is freed before return.
     * @return the reference over the generator's rows.
     */
    public static TpchReference generate(final TpchGenerator generator, final int batchUnits,
        final BufferAllocator allocator)
    {
        final Map<TpchTable, List<Batch>> tables = new EnumMap<>(TpchTable.class);
        try
        {
            for (final TpchTable table : List.of(TpchTable.LINEITEM, TpchTable.ORDERS, TpchTable.CUSTOMER,
                TpchTable.SUPPLIER, TpchTable.NATION, TpchTable.REGION))
            {
                tables.put(table, generator.generateAll(table, batchUnits, allocator));
            }
            return new TpchReference(tables);
        }
        finally
        {
            tables.values().forEach(list -> list.forEach(Batch::close));
        }
    }

    /**
     * @param query a query.
     * @return its answer rows.
     */
    public List<List<Object>> run(final TpchQuery query)
    {
        return switch (query)
        {
            case Q1 -> q1();
            case Q3 -> q3();
            case Q5 -> q5();
            case Q6 -> q6();
            case Q10 -> q10();
        };
    }

    /**
     * @return Q1: per (returnflag, linestatus) of lines shipped by 1998-09-02, ordered by both.
     */
    public List<List<Object>> q1()
    {
        final Map<String, Q1Group> groups = new TreeMap<>();
        final Lineitem l = lineitem;
        for (int i = 0; i < l.rows; i++)
        {
            if (l.shipDate[i] > Q1_SHIP)
            {
                continue;
            }
            final Q1Group g = groups.computeIfAbsent(l.returnFlag[i] + '\u0000' + l.lineStatus[i],
                k -> new Q1Group());
            final long price = l.price[i];
            final long discounted = price * (100 - l.discount[i]);
            g.qty.add(l.quantity[i]);
            g.base.add(price);
            g.disc.add(discounted);
            g.charge.add(BigInteger.valueOf(discounted).multiply(BigInteger.valueOf(100 + l.tax[i])));
            g.discount.add(l.discount[i]);
            g.count++;
        }
        final List<List<Object>> rows = new ArrayList<>();
        for (final Map.Entry<String, Q1Group> e : groups.entrySet())
        {
            final String[] key = e.getKey().split("\u0000", -1);
            final Q1Group g = e.getValue();
            rows.add(List.of(key[0], key[1], g.qty.decimal(2), g.base.decimal(2), g.disc.decimal(4),
                g.charge.decimal(6), duckDbSumOverCount(g.qty.value(), g.count, 2),
                duckDbSumOverCount(g.base.value(), g.count, 2), duckDbSumOverCount(g.discount.value(), g.count, 2),
                g.count));
        }
        return rows;
    }

    /**
     * @return Q3: top 10 unshipped BUILDING orders by revenue.
     */
    public List<List<Object>> q3()
    {
        final boolean[] building = new boolean[customers.maxKey() + 1];
        for (int i = 0; i < customers.rows; i++)
        {
            building[(int) customers.key[i]] = "BUILDING".equals(customers.segment[i]);
        }
        final Map<Long, Integer> openOrders = new HashMap<>();
        for (int i = 0; i < orders.rows; i++)
        {
            if (orders.date[i] < Q3_DATE && building[(int) orders.custKey[i]])
            {
                openOrders.put(orders.key[i], i);
            }
        }
        final Map<Long, Sum> revenue = new HashMap<>();
        final Lineitem l = lineitem;
        for (int i = 0; i < l.rows; i++)
        {
            if (l.shipDate[i] > Q3_DATE && openOrders.containsKey(l.orderKey[i]))
            {
                revenue.computeIfAbsent(l.orderKey[i], k -> new Sum()).add(l.price[i] * (100 - l.discount[i]));
            }
        }
        final List<Map.Entry<Long, Sum>> entries = new ArrayList<>(revenue.entrySet());
        entries.sort(Comparator.<Map.Entry<Long, Sum>, BigInteger>comparing(e -> e.getValue().value()).reversed()
            .thenComparingInt(e -> orders.date[openOrders.get(e.getKey())])
            .thenComparingLong(Map.Entry::getKey));
        final List<List<Object>> rows = new ArrayList<>();
        for (final Map.Entry<Long, Sum> e : entries.subList(0, Math.min(10, entries.size())))
        {
            final int o = openOrders.get(e.getKey());
            rows.add(List.of(e.getKey(), e.getValue().decimal(4), LocalDate.ofEpochDay(orders.date[o]),
                orders.shipPriority[o]));
        }
        return rows;
    }

    /**
     * @return Q5: revenue per ASIA nation from local suppliers in 1994, descending.
     */
    public List<List<Object>> q5()
    {
        final Map<Long, Integer> customerNation = new HashMap<>();
        for (int i = 0; i < customers.rows; i++)
        {
            customerNation.put(customers.key[i], (int) customers.nation[i]);
        }
        final Map<Long, Integer> supplierNation = new HashMap<>();
        for (int i = 0; i < suppliers.rows; i++)
        {
            supplierNation.put(suppliers.key[i], (int) suppliers.nation[i]);
        }
        final Map<Long, Integer> orderNation = new HashMap<>();
        for (int i = 0; i < orders.rows; i++)
        {
            if (orders.date[i] >= Q5_FROM && orders.date[i] < Q5_TO)
            {
                final Integer nation = customerNation.get(orders.custKey[i]);
                if (nation != null)
                {
                    orderNation.put(orders.key[i], nation);
                }
            }
        }
        final Map<String, Sum> revenue = new HashMap<>();
        final Lineitem l = lineitem;
        for (int i = 0; i < l.rows; i++)
        {
            final Integer nation = orderNation.get(l.orderKey[i]);
            if (nation == null || !nation.equals(supplierNation.get(l.suppKey[i])))
            {
                continue;
            }
            if ("ASIA".equals(regionNames[(int) nationRegions[nation]]))
            {
                revenue.computeIfAbsent(nationNames[nation], k -> new Sum()).add(l.price[i] * (100 - l.discount[i]));
            }
        }
        final List<Map.Entry<String, Sum>> entries = new ArrayList<>(revenue.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Sum>, BigInteger>comparing(e -> e.getValue().value()).reversed()
            .thenComparing(Map.Entry::getKey));
        final List<List<Object>> rows = new ArrayList<>();
        for (final Map.Entry<String, Sum> e : entries)
        {
            rows.add(List.of(e.getKey(), e.getValue().decimal(4)));
        }
        return rows;
    }

    /**
     * @return Q6: one row, the revenue of discounted small 1994 lines ({@code null} if none).
     */
    public List<List<Object>> q6()
    {
        final Sum revenue = new Sum();
        boolean any = false;
        final Lineitem l = lineitem;
        for (int i = 0; i < l.rows; i++)
        {
            if (l.shipDate[i] >= Q5_FROM && l.shipDate[i] < Q5_TO && l.discount[i] >= 5 && l.discount[i] <= 7 &&
                l.quantity[i] < 2400)
            {
                revenue.add(l.price[i] * l.discount[i]);
                any = true;
            }
        }
        final List<Object> row = new ArrayList<>(1);
        row.add(any ? revenue.decimal(4) : null);
        return List.of(row);
    }

    /**
     * @return Q10: top 20 customers by revenue lost to returns in 1993-Q4.
     */
    public List<List<Object>> q10()
    {
        final Map<Long, Long> quarterOrders = new HashMap<>();
        for (int i = 0; i < orders.rows; i++)
        {
            if (orders.date[i] >= Q10_FROM && orders.date[i] < Q10_TO)
            {
                quarterOrders.put(orders.key[i], orders.custKey[i]);
            }
        }
        final Map<Long, Sum> revenue = new HashMap<>();
        final Lineitem l = lineitem;
        for (int i = 0; i < l.rows; i++)
        {
            if ("R".equals(l.returnFlag[i]))
            {
                final Long customer = quarterOrders.get(l.orderKey[i]);
                if (customer != null)
                {
                    revenue.computeIfAbsent(customer, k -> new Sum()).add(l.price[i] * (100 - l.discount[i]));
                }
            }
        }
        final Map<Long, Integer> customerRow = new HashMap<>();
        for (int i = 0; i < customers.rows; i++)
        {
            customerRow.put(customers.key[i], i);
        }
        final List<Map.Entry<Long, Sum>> entries = new ArrayList<>();
        for (final Map.Entry<Long, Sum> e : revenue.entrySet())
        {
            final Integer c = customerRow.get(e.getKey());
            if (c != null && customers.nation[c] < nationNames.length && nationNames[(int) customers.nation[c]] != null)
            {
                entries.add(e);
            }
        }
        entries.sort(Comparator.<Map.Entry<Long, Sum>, BigInteger>comparing(e -> e.getValue().value()).reversed()
            .thenComparingLong(Map.Entry::getKey));
        final List<List<Object>> rows = new ArrayList<>();
        for (final Map.Entry<Long, Sum> e : entries.subList(0, Math.min(20, entries.size())))
        {
            final int c = customerRow.get(e.getKey());
            rows.add(List.of(e.getKey(), customers.name[c], e.getValue().decimal(4),
                BigDecimal.valueOf(customers.acctbal[c], 2), nationNames[(int) customers.nation[c]],
                customers.address[c], customers.phone[c], customers.comment[c]));
        }
        return rows;
    }

    /**
     * DuckDB's {@code avg} of a decimal, to the last bit. DuckDB sums exactly (128-bit) and finalises in x87
     * extended precision: {@code (long double) sum / ((long double) count x 10^s)}, where each operand is rounded
     * to a 64-bit significand, the quotient is rounded to a 64-bit significand (half even), and the result is then
     * rounded to a double (53 bits, half even). This method reproduces those roundings with exact integers.
     * (Measured against DuckDB 2.0 on thousands of groups; {@code (double) sum / ((double) count x 10^s)} differs
     * in the last bit for some of them.)
     *
     * @param sum   the exact sum of the unscaled values.
     * @param count the number of values, positive.
     * @param scale the decimal scale, {@code >= 0}.
     * @return the average as DuckDB computes it.
     */
    public static double duckDbAverage(final BigInteger sum, final long count, final int scale)
    {
        if (count <= 0)
        {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        if (sum.signum() == 0)
        {
            return 0.0;
        }
        final BigInteger magnitude = sum.abs();
        final BigInteger divisor = BigInteger.valueOf(count).multiply(BigInteger.TEN.pow(scale));
        // Operands as long doubles: a x 2^aShift and b x 2^bShift with at most 64 significant bits each.
        final int aShift = Math.max(0, magnitude.bitLength() - 64);
        final int bShift = Math.max(0, divisor.bitLength() - 64);
        final BigInteger a = roundShift(magnitude, aShift);
        final BigInteger b = roundShift(divisor, bShift);
        // q = round(a x 2^k / b) with 2^63 <= q < 2^64 (or q = 2^64 after rounding up).
        int k = 64 - (a.bitLength() - b.bitLength());
        BigInteger[] qr = divide(a, b, k);
        while (qr[0].bitLength() < 64)
        {
            qr = divide(a, b, ++k);
        }
        while (qr[0].bitLength() > 64)
        {
            qr = divide(a, b, --k);
        }
        final BigInteger den = k >= 0 ? b : b.shiftLeft(-k);
        final int half = qr[1].shiftLeft(1).compareTo(den);
        final BigInteger q = half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(BigInteger.ONE) : qr[0];
        // Then to a double: 53 significant bits, half even; exact scaling by a power of two.
        final int drop = q.bitLength() - 53;
        final BigInteger q53 = roundShift(q, drop);
        final double result = Math.scalb(q53.doubleValue(), drop - k + aShift - bShift);
        return sum.signum() < 0 ? -result : result;
    }

    /**
     * DuckDB's {@code avg} of a decimal when its optimiser rewrites it to {@code CAST(sum(x) AS DOUBLE) /
     * CAST(count AS DOUBLE)}, which DuckDB 2.0 does when the same SELECT has another aggregate to share (a
     * {@code count(*)}, a {@code sum(x)} of the same column, or another {@code avg}); TPC-H Q1 is such a query. The
     * exact sum is converted to the nearest double of {@code sum / 10^scale}, then divided by the count as a
     * double. (Measured against DuckDB 2.0 on thousands of groups, including sums beyond 2^53.)
     *
     * @param sum   the exact sum of the unscaled values.
     * @param count the number of values, positive.
     * @param scale the decimal scale, {@code >= 0}.
     * @return {@code ((double) (sum / 10^scale)) / (double) count}.
     */
    public static double duckDbSumOverCount(final BigInteger sum, final long count, final int scale)
    {
        if (count <= 0)
        {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        return new BigDecimal(sum, scale).doubleValue() / (double) count;
    }

    /**
     * @return the quotient and remainder of {@code a x 2^k / b}, as {@code num / den} with both integers.
     */
    private static BigInteger[] divide(final BigInteger a, final BigInteger b, final int k)
    {
        return k >= 0 ? a.shiftLeft(k).divideAndRemainder(b) : a.divideAndRemainder(b.shiftLeft(-k));
    }

    /**
     * @return {@code value / 2^shift} rounded to an integer, half to even ({@code value >= 0}).
     */
    private static BigInteger roundShift(final BigInteger value, final int shift)
    {
        if (shift <= 0)
        {
            return value;
        }
        final BigInteger floor = value.shiftRight(shift);
        final BigInteger remainder = value.subtract(floor.shiftLeft(shift));
        final int half = remainder.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(shift));
        return half > 0 || (half == 0 && floor.testBit(0)) ? floor.add(BigInteger.ONE) : floor;
    }

    private static List<Batch> need(final Map<TpchTable, List<Batch>> tables, final TpchTable table)
    {
        final List<Batch> batches = tables.get(table);
        if (batches == null)
        {
            throw new IllegalArgumentException("the reference needs table " + table.tableName());
        }
        return batches;
    }

    private static int total(final List<Batch> batches)
    {
        long rows = 0;
        for (final Batch batch : batches)
        {
            rows += batch.rowCount();
        }
        return Math.toIntExact(rows);
    }

    static long[] longs(final List<Batch> batches, final String column)
    {
        final long[] out = new long[total(batches)];
        int at = 0;
        for (final Batch batch : batches)
        {
            final FieldVector v = batch.column(column);
            for (int i = 0; i < batch.rowCount(); i++)
            {
                out[at++] = switch (v)
                {
                    case BigIntVector b -> b.get(i);
                    case IntVector n -> n.get(i);
                    case DecimalVector d -> unscaled(d, i);
                    default -> throw new IllegalArgumentException("column " + column + " is " + v.getField());
                };
            }
        }
        return out;
    }

    static int[] ints(final List<Batch> batches, final String column)
    {
        final int[] out = new int[total(batches)];
        int at = 0;
        for (final Batch batch : batches)
        {
            final FieldVector v = batch.column(column);
            for (int i = 0; i < batch.rowCount(); i++)
            {
                out[at++] = switch (v)
                {
                    case DateDayVector d -> d.get(i);
                    case IntVector n -> n.get(i);
                    default -> throw new IllegalArgumentException("column " + column + " is " + v.getField());
                };
            }
        }
        return out;
    }

    static String[] strings(final List<Batch> batches, final String column)
    {
        final String[] out = new String[total(batches)];
        int at = 0;
        for (final Batch batch : batches)
        {
            final VarCharVector v = (VarCharVector) batch.column(column);
            for (int i = 0; i < batch.rowCount(); i++)
            {
                out[at++] = new String(v.get(i), StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    private static long unscaled(final DecimalVector v, final int i)
    {
        final ArrowBuf data = v.getDataBuffer();
        final long low = data.getLong(16L * i);
        final long high = data.getLong(16L * i + 8);
        if (high != low >> 63)
        {
            return v.getObject(i).unscaledValue().longValueExact();
        }
        return low;
    }

    /**
     * An exact sum: a long while it fits, spilling into a BigInteger on overflow.
     */
    private static final class Sum
    {
        private long small;
        private BigInteger big = BigInteger.ZERO;

        void add(final long v)
        {
            final long r = small + v;
            if (((small ^ r) & (v ^ r)) < 0)
            {
                big = big.add(BigInteger.valueOf(small));
                small = v;
            }
            else
            {
                small = r;
            }
        }

        void add(final BigInteger v)
        {
            big = big.add(v);
        }

        BigInteger value()
        {
            return big.add(BigInteger.valueOf(small));
        }

        BigDecimal decimal(final int scale)
        {
            return new BigDecimal(value(), scale);
        }
    }

    private static final class Q1Group
    {
        final Sum qty = new Sum();
        final Sum base = new Sum();
        final Sum disc = new Sum();
        final Sum charge = new Sum();
        final Sum discount = new Sum();
        long count;
    }

    private static final class Lineitem
    {
        final int rows;
        final long[] orderKey;
        final long[] suppKey;
        final long[] quantity;
        final long[] price;
        final long[] discount;
        final long[] tax;
        final String[] returnFlag;
        final String[] lineStatus;
        final int[] shipDate;

        Lineitem(final List<Batch> b)
        {
            rows = total(b);
            orderKey = longs(b, "l_orderkey");
            suppKey = longs(b, "l_suppkey");
            quantity = longs(b, "l_quantity");
            price = longs(b, "l_extendedprice");
            discount = longs(b, "l_discount");
            tax = longs(b, "l_tax");
            returnFlag = strings(b, "l_returnflag");
            lineStatus = strings(b, "l_linestatus");
            shipDate = ints(b, "l_shipdate");
        }
    }

    private static final class Orders
    {
        final int rows;
        final long[] key;
        final long[] custKey;
        final int[] date;
        final int[] shipPriority;

        Orders(final List<Batch> b)
        {
            rows = total(b);
            key = longs(b, "o_orderkey");
            custKey = longs(b, "o_custkey");
            date = ints(b, "o_orderdate");
            shipPriority = ints(b, "o_shippriority");
        }
    }

    private static final class Customers
    {
        final int rows;
        final long[] key;
        final String[] name;
        final String[] address;
        final long[] nation;
        final String[] phone;
        final long[] acctbal;
        final String[] segment;
        final String[] comment;

        Customers(final List<Batch> b)
        {
            rows = total(b);
            key = longs(b, "c_custkey");
            name = strings(b, "c_name");
            address = strings(b, "c_address");
            nation = longs(b, "c_nationkey");
            phone = strings(b, "c_phone");
            acctbal = longs(b, "c_acctbal");
            segment = strings(b, "c_mktsegment");
            comment = strings(b, "c_comment");
        }

        int maxKey()
        {
            return (int) Arrays.stream(key).max().orElse(0);
        }
    }

    private static final class Suppliers
    {
        final int rows;
        final long[] key;
        final long[] nation;

        Suppliers(final List<Batch> b)
        {
            rows = total(b);
            key = longs(b, "s_suppkey");
            nation = longs(b, "s_nationkey");
        }
    }
}
