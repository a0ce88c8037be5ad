package io.sabot.runtime.tpch;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Generates the TPC-H tables at a scale factor as Arrow {@link Batch}es, deterministically for a seed, by ranges.
 *
 * <p><b>Ranges.</b> {@link #generate(TpchTable, long, int, BufferAllocator)} produces units
 * {@code [first, first + count)} of a table (see {@link TpchTable#units(double)}): rows, except for
 * {@code LINEITEM}, whose units are orders; a lineitem batch holds all lines (1 to 7) of those orders, in order-key
 * then line-number order. Every value is a pure function of (seed, column, row) (see {@link TpchRandom}), so ranges
 * can be generated in any order and on any thread and concatenate to exactly the full table; {@code ORDERS} units
 * {@code [a, b)} and {@code LINEITEM} units {@code [a, b)} describe the same orders.
 *
 * <p><b>Distributions</b> (TPC-H v3, clause 4.2.3; S = suppliers, P = parts, C = customers):
 * <ul>
 * <li>order keys are sparse as in dbgen: order {@code i} (0-based) has key {@code (i / 8) * 32 + i % 8 + 1};</li>
 * <li>{@code o_custkey} uniform over the keys in {@code [1, C]} not divisible by 3 (a third of the customers have no
 * order); {@code o_orderdate} uniform in [1992-01-01, 1998-12-31 - 151 days]; {@code o_orderpriority} uniform over
 * the five priorities; {@code o_clerk} {@code Clerk#} and 9 digits uniform in {@code [1, max(1, SF x 1000)]};
 * {@code o_shippriority} 0; {@code o_orderstatus} F if every line has status F, O if every line has O, else P;
 * {@code o_totalprice} = sum over the lines of {@code extendedprice x (1 + tax) x (1 - discount)}, each line rounded
 * half-up to cents (dbgen truncates each factor; this generator rounds the exact product once per line);</li>
 * <li>lines per order uniform in [1, 7]; {@code l_partkey} uniform in [1, P]; {@code l_suppkey} =
 * {@code (partkey + i x (S / 4 + (partkey - 1) / S)) mod S + 1} with {@code i} uniform in [0, 3] (one of the part's
 * four partsupp suppliers); {@code l_quantity} uniform in [1, 50]; {@code l_extendedprice} = quantity x
 * {@code p_retailprice}; {@code l_discount} in [0.00, 0.10] and {@code l_tax} in [0.00, 0.08] (cents uniform);
 * {@code l_shipdate} = orderdate + [1, 121], {@code l_commitdate} = orderdate + [30, 90], {@code l_receiptdate} =
 * shipdate + [1, 30]; {@code l_returnflag} R or A (even odds) if receiptdate <= 1995-06-17, else N;
 * {@code l_linestatus} O if shipdate > 1995-06-17, else F; {@code l_shipinstruct} and {@code l_shipmode} uniform over
 * the specification's lists;</li>
 * <li>{@code p_retailprice} = (90000 + ((partkey / 10) mod 20001) + 100 x (partkey mod 1000)) / 100; {@code p_name}
 * five distinct words of the 92 colours; {@code p_mfgr} {@code Manufacturer#M}, {@code p_brand} {@code Brand#MN}
 * (M, N in [1, 5]); {@code p_type}, {@code p_container} from the syllable lists; {@code p_size} in [1, 50];</li>
 * <li>partsupp: four rows per part with the supplier formula above for i = 0..3; {@code ps_availqty} in [1, 9999];
 * {@code ps_supplycost} in [1.00, 1000.00];</li>
 * <li>supplier and customer: {@code Supplier#}/{@code Customer#} and the key in 9 digits; address a v-string of
 * length [10, 40]; nation key uniform in [0, 24]; phone {@code CC-LLL-LLL-LLLL} with CC = nationkey + 10; account
 * balance in [-999.99, 9999.99]; {@code c_mktsegment} uniform over the five segments; about SF x 5 suppliers
 * (each with probability 1/2000, not exactly SF x 5) carry "Customer Complaints" and as many "Customer Recommends" in
 * their comment;</li>
 * <li>nation and region: the specification's 25 nations (with their region keys) and 5 regions;</li>
 * <li>comments: lengths uniform in the specification's ranges, text from a simplified grammar (see
 * {@link TpchText}), not dbgen's 300 MB text pool.</li>
 * </ul>
 * Row counts are dbgen's: scaled counts truncated, at least 1. Random streams are not dbgen's, so the rows are not
 * dbgen's rows.
 *
 * <p>Thread-safety: immutable after construction (the cached lineitem row count is racy-but-idempotent); any number
 * of threads may generate ranges concurrently. Ownership: every returned batch belongs to the caller.
 */
public final class TpchGenerator
{
    /** The seed used by {@link #TpchGenerator(double)}. */
    public static final long DEFAULT_SEED = 0x5AB07_7C4L;

    /** 1992-01-01, the first order date. */
    public static final int START_DATE = (int) LocalDate.of(1992, 1, 1).toEpochDay();
    /** 1998-12-31, the last date of the data. */
    public static final int END_DATE = (int) LocalDate.of(1998, 12, 31).toEpochDay();
    /** 1995-06-17, the specification's CURRENTDATE that splits return flags and line statuses. */
    public static final int CURRENT_DATE = (int) LocalDate.of(1995, 6, 17).toEpochDay();

    private static final int S_LINES = 1;
    private static final int S_ODATE = 2;
    private static final int S_OCUST = 3;
    private static final int S_OPRIO = 4;
    private static final int S_OCLERK = 5;
    private static final int S_OCOMMENT = 6;
    private static final int S_LPART = 10;
    private static final int S_LSUPP = 11;
    private static final int S_LQTY = 12;
    private static final int S_LDISC = 13;
    private static final int S_LTAX = 14;
    private static final int S_LSHIP = 15;
    private static final int S_LCOMMIT = 16;
    private static final int S_LRECEIPT = 17;
    private static final int S_LRFLAG = 18;
    private static final int S_LINSTR = 19;
    private static final int S_LMODE = 20;
    private static final int S_LCOMMENT = 21;
    private static final int S_PNAME = 30;
    private static final int S_PMFGR = 31;
    private static final int S_PTYPE = 32;
    private static final int S_PSIZE = 33;
    private static final int S_PCONT = 34;
    private static final int S_PCOMMENT = 35;
    private static final int S_PSQTY = 40;
    private static final int S_PSCOST = 41;
    private static final int S_PSCOMMENT = 42;
    private static final int S_SADDR = 50;
    private static final int S_SNATION = 51;
    private static final int S_SPHONE = 52;
    private static final int S_SBAL = 53;
    private static final int S_SCOMMENT = 54;
    private static final int S_SBBB = 55;
    private static final int S_CADDR = 60;
    private static final int S_CNATION = 61;
    private static final int S_CPHONE = 62;
    private static final int S_CBAL = 63;
    private static final int S_CSEG = 64;
    private static final int S_CCOMMENT = 65;
    private static final int S_NCOMMENT = 70;
    private static final int S_RCOMMENT = 71;
    private static final int STREAMS = 72;

    private static final byte[] CUSTOMER = "Customer#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUPPLIER = "Supplier#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLERK = "Clerk#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MANUFACTURER = "Manufacturer#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BRAND = "Brand#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMPLAINTS = "Customer Complaints".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECOMMENDS = "Customer Recommends".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] FLAGS = TpchText.bytes("R", "A", "N", "O", "F", "P");
    private static final int SCRATCH = 512;

    private final double scaleFactor;
    private final long seed;
    private final long parts;
    private final long suppliers;
    private final long customers;
    private final long orders;
    private final long clerks;
    private final long[] streams = new long[STREAMS];
    private volatile long lineitemRows = -1;

    /**
     * @param scaleFactor the TPC-H scale factor (e.g. 0.01, 1, 10), positive.
     */
    public TpchGenerator(final double scaleFactor)
    {
        this(scaleFactor, DEFAULT_SEED);
    }

    /**
     * @param scaleFactor the TPC-H scale factor, positive.
     * @param seed        the seed every value derives from.
     */
    public TpchGenerator(final double scaleFactor, final long seed)
    {
        checkScale(scaleFactor);
        this.scaleFactor = scaleFactor;
        this.seed = seed;
        this.parts = TpchTable.PART.units(scaleFactor);
        this.suppliers = TpchTable.SUPPLIER.units(scaleFactor);
        this.customers = TpchTable.CUSTOMER.units(scaleFactor);
        this.orders = TpchTable.ORDERS.units(scaleFactor);
        this.clerks = Math.max(1, (long) (1000 * scaleFactor));
        for (int s = 0; s < STREAMS; s++)
        {
            streams[s] = TpchRandom.stream(seed, s);
        }
    }

    static void checkScale(final double sf)
    {
        if (!(sf > 0) || Double.isInfinite(sf))
        {
            throw new IllegalArgumentException("scale factor must be positive and finite, got " + sf);
        }
    }

    /**
     * @return the scale factor.
     */
    public double scaleFactor()
    {
        return scaleFactor;
    }

    /**
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param table a table.
     * @return its generation units at this scale factor (orders for {@code LINEITEM}).
     */
    public long units(final TpchTable table)
    {
        return table.units(scaleFactor);
    }

    /**
     * @param table a table.
     * @return its exact row count (for {@code LINEITEM} summed over all orders once, then cached).
     */
    public long rowCount(final TpchTable table)
    {
        if (table != TpchTable.LINEITEM)
        {
            return table.units(scaleFactor);
        }
        long rows = lineitemRows;
        if (rows < 0)
        {
            rows = lineCount(0, orders);
            lineitemRows = rows;
        }
        return rows;
    }

    /**
     * @param firstOrder the first order index (0-based).
     * @param count      the number of orders.
     * @return how many lineitem rows those orders have.
     */
    public long lineCount(final long firstOrder, final long count)
    {
        long rows = 0;
        for (long i = firstOrder; i < firstOrder + count; i++)
        {
            rows += lines(i);
        }
        return rows;
    }

    /**
     * @param orderIndex an order index, 0-based.
     * @return its (sparse) order key.
     */
    public static long orderKey(final long orderIndex)
    {
        return (orderIndex >>> 3 << 5) + (orderIndex & 7) + 1;
    }

    /**
     * Generates units {@code [first, first + count)} of {@code table}.
     *
     * @param table     the table.
     * @param first     the first unit (row, or order for {@code LINEITEM}), 0-based.
     * @param count     how many units, {@code >= 0}; {@code first + count <= units(table)}.
     * @param allocator where the vectors live.
     * @return a new batch owned by the caller.
     */
    public Batch generate(final TpchTable table, final long first, final int count, final BufferAllocator allocator)
    {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(allocator, "allocator");
        final long units = units(table);
        if (first < 0 || count < 0 || first + count > units)
        {
            throw new IllegalArgumentException(table.tableName() + ": units [" + first + ", " + (first + count) +
                ") outside [0, " + units + ")");
        }
        final int rows = table == TpchTable.LINEITEM ? Math.toIntExact(lineCount(first, count)) : count;
        final Columns out = new Columns(table, rows, allocator);
        try
        {
            switch (table)
            {
                case NATION -> nation(first, count, out);
                case REGION -> region(first, count, out);
                case PART -> part(first, count, out);
                case SUPPLIER -> supplier(first, count, out);
                case PARTSUPP -> partsupp(first, count, out);
                case CUSTOMER -> customer(first, count, out);
                case ORDERS -> orders(first, count, out);
                case LINEITEM -> lineitem(first, count, out);
            }
            return out.finish(rows);
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    /**
     * Generates the whole table in batches of {@code batchUnits} units, in order, handing each to {@code consumer}
     * (which takes ownership).
     *
     * @param table      the table.
     * @param batchUnits units per batch (orders for {@code LINEITEM}, so about 4x as many rows), positive.
     * @param allocator  where the vectors live.
     * @param consumer   receives and owns each batch.
     */
    public void forEach(final TpchTable table, final int batchUnits, final BufferAllocator allocator,
        final Consumer<Batch> consumer)
    {
        if (batchUnits <= 0)
        {
            throw new IllegalArgumentException("batchUnits must be positive, got " + batchUnits);
        }
        final long units = units(table);
        for (long first = 0; first < units; first += batchUnits)
        {
            consumer.accept(generate(table, first, (int) Math.min(batchUnits, units - first), allocator));
        }
    }

    /**
     * Generates the whole table into a list of batches.
     *
     * @param table      the table.
     * @param batchUnits units per batch, positive.
     * @param allocator  where the vectors live.
     * @return the batches, owned by the caller.
     */
    public List<Batch> generateAll(final TpchTable table, final int batchUnits, final BufferAllocator allocator)
    {
        final List<Batch> batches = new ArrayList<>();
        try
        {
            forEach(table, batchUnits, allocator, batches::add);
        }
        catch (final RuntimeException | Error e)
        {
            batches.forEach(Batch::close);
            throw e;
        }
        return batches;
    }

    private long h(final int stream, final long row)
    {
        return TpchRandom.hash(streams[stream], row);
    }

    private int lines(final long order)
    {
        return TpchRandom.uniformInt(h(S_LINES, order), 1, 7);
    }

    private int orderDate(final long order)
    {
        return TpchRandom.uniformInt(h(S_ODATE, order), START_DATE, END_DATE - 151);
    }

    private long custKey(final long order)
    {
        final long valid = customers - customers / 3;
        final long j = TpchRandom.uniform(h(S_OCUST, order), 0, valid - 1);
        // The j-th positive integer not divisible by 3.
        return j + j / 2 + 1;
    }

    private long partKey(final long line)
    {
        return TpchRandom.uniform(h(S_LPART, line), 1, parts);
    }

    /**
     * @return the i-th (0..3) supplier of a part, the specification's partsupp formula.
     */
    private long suppKey(final long partKey, final long i)
    {
        return (partKey + i * (suppliers / 4 + (partKey - 1) / suppliers)) % suppliers + 1;
    }

    /**
     * @return {@code p_retailprice} in cents.
     */
    static long retailPriceCents(final long partKey)
    {
        return 90000 + partKey / 10 % 20001 + 100 * (partKey % 1000);
    }

    private static long lineId(final long order, final int lineNumber)
    {
        return order * 8 + lineNumber;
    }

    private void nation(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final int n = (int) (first + r);
            out.bigint(0).set(r, n);
            out.utf8(1, r, TpchText.NATIONS[n].getBytes(StandardCharsets.US_ASCII));
            out.bigint(2).set(r, TpchText.NATION_REGION[n]);
            out.utf8(3, r, scratch, TpchText.comment(rnd.reset(h(S_NCOMMENT, n)), 31, 114, scratch));
        }
    }

    private void region(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final int n = (int) (first + r);
            out.bigint(0).set(r, n);
            out.utf8(1, r, TpchText.REGIONS[n].getBytes(StandardCharsets.US_ASCII));
            out.utf8(2, r, scratch, TpchText.comment(rnd.reset(h(S_RCOMMENT, n)), 31, 115, scratch));
        }
    }

    private void part(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        final int[] picked = new int[5];
        for (int r = 0; r < count; r++)
        {
            final long row = first + r;
            final long key = row + 1;
            out.bigint(0).set(r, key);
            rnd.reset(h(S_PNAME, row));
            int pos = 0;
            for (int w = 0; w < 5; w++)
            {
                int color;
                boolean repeat;
                do
                {
                    color = rnd.nextInt(0, TpchText.COLORS.length - 1);
                    repeat = false;
                    for (int p = 0; p < w; p++)
                    {
                        repeat |= picked[p] == color;
                    }
                }
                while (repeat);
                picked[w] = color;
                if (w > 0)
                {
                    scratch[pos++] = ' ';
                }
                pos = TpchText.put(scratch, pos, TpchText.COLORS[color]);
            }
            out.utf8(1, r, scratch, pos);
            final long mn = h(S_PMFGR, row);
            final int m = TpchRandom.uniformInt(mn, 1, 5);
            final int n = TpchRandom.uniformInt(TpchRandom.mix(mn), 1, 5);
            out.utf8(2, r, scratch, TpchText.digits(scratch, TpchText.put(scratch, 0, MANUFACTURER), m, 1));
            pos = TpchText.digits(scratch, TpchText.put(scratch, 0, BRAND), m, 1);
            out.utf8(3, r, scratch, TpchText.digits(scratch, pos, n, 1));
            rnd.reset(h(S_PTYPE, row));
            pos = TpchText.put(scratch, 0, TpchText.TYPE_1[rnd.nextInt(0, TpchText.TYPE_1.length - 1)]);
            scratch[pos++] = ' ';
            pos = TpchText.put(scratch, pos, TpchText.TYPE_2[rnd.nextInt(0, TpchText.TYPE_2.length - 1)]);
            scratch[pos++] = ' ';
            pos = TpchText.put(scratch, pos, TpchText.TYPE_3[rnd.nextInt(0, TpchText.TYPE_3.length - 1)]);
            out.utf8(4, r, scratch, pos);
            out.int32(5).set(r, TpchRandom.uniformInt(h(S_PSIZE, row), 1, 50));
            rnd.reset(h(S_PCONT, row));
            pos = TpchText.put(scratch, 0, TpchText.CONTAINER_1[rnd.nextInt(0, TpchText.CONTAINER_1.length - 1)]);
            scratch[pos++] = ' ';
            pos = TpchText.put(scratch, pos, TpchText.CONTAINER_2[rnd.nextInt(0, TpchText.CONTAINER_2.length - 1)]);
            out.utf8(6, r, scratch, pos);
            out.decimal(7).set(r, retailPriceCents(key));
            out.utf8(8, r, scratch, TpchText.comment(rnd.reset(h(S_PCOMMENT, row)), 5, 22, scratch));
        }
    }

    private void supplier(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final long row = first + r;
            final long key = row + 1;
            out.bigint(0).set(r, key);
            out.utf8(1, r, scratch, TpchText.padded(SUPPLIER, key, 9, scratch));
            out.utf8(2, r, scratch, TpchText.vstring(rnd.reset(h(S_SADDR, row)), 10, 40, scratch));
            final int nation = TpchRandom.uniformInt(h(S_SNATION, row), 0, 24);
            out.bigint(3).set(r, nation);
            out.utf8(4, r, scratch, TpchText.phone(rnd.reset(h(S_SPHONE, row)), nation, scratch));
            out.decimal(5).set(r, TpchRandom.uniform(h(S_SBAL, row), -99_999, 999_999));
            final int length = TpchText.comment(rnd.reset(h(S_SCOMMENT, row)), 25, 100, scratch);
            final long bbb = h(S_SBBB, row);
            final long which = TpchRandom.uniform(bbb, 0, 1999);
            if (which < 2)
            {
                final byte[] phrase = which == 0 ? COMPLAINTS : RECOMMENDS;
                final int at = TpchRandom.uniformInt(TpchRandom.mix(bbb), 0, length - phrase.length);
                System.arraycopy(phrase, 0, scratch, at, phrase.length);
            }
            out.utf8(6, r, scratch, length);
        }
    }

    private void partsupp(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final long row = first + r;
            final long partKey = row / 4 + 1;
            out.bigint(0).set(r, partKey);
            out.bigint(1).set(r, suppKey(partKey, row % 4));
            out.int32(2).set(r, TpchRandom.uniformInt(h(S_PSQTY, row), 1, 9999));
            out.decimal(3).set(r, TpchRandom.uniform(h(S_PSCOST, row), 100, 100_000));
            out.utf8(4, r, scratch, TpchText.comment(rnd.reset(h(S_PSCOMMENT, row)), 49, 198, scratch));
        }
    }

    private void customer(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final long row = first + r;
            final long key = row + 1;
            out.bigint(0).set(r, key);
            out.utf8(1, r, scratch, TpchText.padded(CUSTOMER, key, 9, scratch));
            out.utf8(2, r, scratch, TpchText.vstring(rnd.reset(h(S_CADDR, row)), 10, 40, scratch));
            final int nation = TpchRandom.uniformInt(h(S_CNATION, row), 0, 24);
            out.bigint(3).set(r, nation);
            out.utf8(4, r, scratch, TpchText.phone(rnd.reset(h(S_CPHONE, row)), nation, scratch));
            out.decimal(5).set(r, TpchRandom.uniform(h(S_CBAL, row), -99_999, 999_999));
            out.utf8(6, r, TpchText.SEGMENTS[TpchRandom.uniformInt(h(S_CSEG, row), 0, 4)]);
            out.utf8(7, r, scratch, TpchText.comment(rnd.reset(h(S_CCOMMENT, row)), 29, 116, scratch));
        }
    }

    private void orders(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        for (int r = 0; r < count; r++)
        {
            final long order = first + r;
            final int date = orderDate(order);
            final int lines = lines(order);
            long total = 0;
            int shipped = 0;
            for (int j = 1; j <= lines; j++)
            {
                final long line = lineId(order, j);
                final long cents = TpchRandom.uniform(h(S_LQTY, line), 1, 50) * retailPriceCents(partKey(line));
                final long discount = TpchRandom.uniform(h(S_LDISC, line), 0, 10);
                final long tax = TpchRandom.uniform(h(S_LTAX, line), 0, 8);
                // cents x (100 - d) x (100 + t) is in 1e-6 units: round half-up to cents.
                total += (cents * (100 - discount) * (100 + tax) + 5_000) / 10_000;
                final int ship = date + TpchRandom.uniformInt(h(S_LSHIP, line), 1, 121);
                shipped += ship > CURRENT_DATE ? 0 : 1;
            }
            out.bigint(0).set(r, orderKey(order));
            out.bigint(1).set(r, custKey(order));
            out.utf8(2, r, FLAGS[shipped == lines ? 4 : shipped == 0 ? 3 : 5]);
            out.decimal(3).set(r, total);
            out.date(4).set(r, date);
            out.utf8(5, r, TpchText.PRIORITIES[TpchRandom.uniformInt(h(S_OPRIO, order), 0, 4)]);
            out.utf8(6, r, scratch, TpchText.padded(CLERK, TpchRandom.uniform(h(S_OCLERK, order), 1, clerks), 9,
                scratch));
            out.int32(7).set(r, 0);
            out.utf8(8, r, scratch, TpchText.comment(rnd.reset(h(S_OCOMMENT, order)), 19, 78, scratch));
        }
    }

    private void lineitem(final long first, final int count, final Columns out)
    {
        final TpchRandom.Sequence rnd = new TpchRandom.Sequence();
        final byte[] scratch = new byte[SCRATCH];
        final BigIntVector orderKeys = out.bigint(0);
        final BigIntVector partKeys = out.bigint(1);
        final BigIntVector suppKeys = out.bigint(2);
        final IntVector lineNumbers = out.int32(3);
        final DecimalVector quantities = out.decimal(4);
        final DecimalVector prices = out.decimal(5);
        final DecimalVector discounts = out.decimal(6);
        final DecimalVector taxes = out.decimal(7);
        final DateDayVector shipDates = out.date(10);
        final DateDayVector commitDates = out.date(11);
        final DateDayVector receiptDates = out.date(12);
        int r = 0;
        for (long order = first; order < first + count; order++)
        {
            final int date = orderDate(order);
            final int lines = lines(order);
            final long key = orderKey(order);
            for (int j = 1; j <= lines; j++, r++)
            {
                final long line = lineId(order, j);
                final long part = partKey(line);
                final long quantity = TpchRandom.uniform(h(S_LQTY, line), 1, 50);
                orderKeys.set(r, key);
                partKeys.set(r, part);
                suppKeys.set(r, suppKey(part, TpchRandom.uniform(h(S_LSUPP, line), 0, 3)));
                lineNumbers.set(r, j);
                quantities.set(r, quantity * 100);
                prices.set(r, quantity * retailPriceCents(part));
                discounts.set(r, TpchRandom.uniform(h(S_LDISC, line), 0, 10));
                taxes.set(r, TpchRandom.uniform(h(S_LTAX, line), 0, 8));
                final int ship = date + TpchRandom.uniformInt(h(S_LSHIP, line), 1, 121);
                final int receipt = ship + TpchRandom.uniformInt(h(S_LRECEIPT, line), 1, 30);
                final int flag = receipt <= CURRENT_DATE ? (int) (h(S_LRFLAG, line) & 1) : 2;
                out.utf8(8, r, FLAGS[flag]);
                out.utf8(9, r, FLAGS[ship > CURRENT_DATE ? 3 : 4]);
                shipDates.set(r, ship);
                commitDates.set(r, date + TpchRandom.uniformInt(h(S_LCOMMIT, line), 30, 90));
                receiptDates.set(r, receipt);
                out.utf8(13, r, TpchText.INSTRUCTIONS[TpchRandom.uniformInt(h(S_LINSTR, line), 0, 3)]);
                out.utf8(14, r, TpchText.MODES[TpchRandom.uniformInt(h(S_LMODE, line), 0, 6)]);
                out.utf8(15, r, scratch, TpchText.comment(rnd.reset(h(S_LCOMMENT, line)), 10, 43, scratch));
            }
        }
    }

    /**
     * The vectors of one batch being generated; closes them on failure.
     */
    private static final class Columns
    {
        private final FieldVector[] vectors;

        Columns(final TpchTable table, final int rows, final BufferAllocator allocator)
        {
            final List<Field> fields = table.schema().getFields();
            vectors = new FieldVector[fields.size()];
            try
            {
                for (int c = 0; c < vectors.length; c++)
                {
                    final FieldVector vector = fields.get(c).createVector(allocator);
                    vectors[c] = vector;
                    if (vector instanceof VarCharVector varChar)
                    {
                        varChar.allocateNew(Math.max(64L, rows * 24L), Math.max(rows, 1));
                    }
                    else
                    {
                        ((BaseFixedWidthVector) vector).allocateNew(Math.max(rows, 1));
                    }
                }
            }
            catch (final RuntimeException | Error e)
            {
                close();
                throw e;
            }
        }

        BigIntVector bigint(final int c)
        {
            return (BigIntVector) vectors[c];
        }

        IntVector int32(final int c)
        {
            return (IntVector) vectors[c];
        }

        DecimalVector decimal(final int c)
        {
            return (DecimalVector) vectors[c];
        }

        DateDayVector date(final int c)
        {
            return (DateDayVector) vectors[c];
        }

        void utf8(final int c, final int row, final byte[] value)
        {
            ((VarCharVector) vectors[c]).setSafe(row, value, 0, value.length);
        }

        void utf8(final int c, final int row, final byte[] value, final int length)
        {
            ((VarCharVector) vectors[c]).setSafe(row, value, 0, length);
        }

        Batch finish(final int rows)
        {
            for (final FieldVector vector : vectors)
            {
                vector.setValueCount(rows);
            }
            return Batch.of(vectors);
        }

        void close()
        {
            for (final FieldVector vector : vectors)
            {
                if (vector != null)
                {
                    vector.close();
                }
            }
        }
    }
}
