package io.sabot.bench.agg;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Rows;
import io.sabot.kernels.hashagg.HashAggregator;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The aggregation of TPC-H Q1 over {@code size} lineitem-like rows, one thread: group by two 1-byte utf8 flags (4
 * groups, N/O about half the rows) and compute sum(qty), sum(price), sum(disc_price) [decimal(31,4)],
 * sum(charge) [decimal(38,6)], avg(qty), avg(price), avg(disc) and count(*), with qty/price/disc decimal(15,2)
 * (values as TPC-H draws them). The two derived columns are precomputed, so this measures the aggregation only.
 *
 * <p>{@code sabot}: {@link HashAggregator} fed in morsels of {@value #MORSEL} rows. {@code scalarTwin}: the same
 * work as a plain Java loop over on-heap {@code long[]} unscaled values and a {@code byte[]} group code per flag, with
 * {@code long} sums (no overflow check, no 128-bit state): the bound a hand-written loop reaches. The {@code rows} aux
 * counter reports rows/s; one operation is one pass (after a {@code reset()} that keeps the aggregator's memory).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecimalAggBench
{
    private static final int MORSEL = 1 << 16;

    /** Rows per pass (SF 1 lineitem has ~6M). */
    @Param({"6000000"})
    public int size;

    private BufferAllocator allocator;
    private VarCharVector returnFlag;
    private VarCharVector lineStatus;
    private DecimalVector quantity;
    private DecimalVector price;
    private DecimalVector discount;
    private DecimalVector discPrice;
    private DecimalVector charge;
    private List<FieldVector> keys;
    private List<FieldVector> inputs;
    private Rows[] morsels;
    private HashAggregator aggregator;

    private byte[] flagCode;
    private long[] qtyArray;
    private long[] priceArray;
    private long[] discArray;
    private long[] discPriceArray;
    private long[] chargeArray;

    /** Rows processed, reported by JMH as rows/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters
    {
        /** Rows aggregated. */
        public long rows;
    }

    /** Draws the rows and fills the Arrow vectors (off-heap) and the on-heap arrays of the twin. */
    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        returnFlag = new VarCharVector("l_returnflag", allocator);
        lineStatus = new VarCharVector("l_linestatus", allocator);
        quantity = new DecimalVector("l_quantity", allocator, 15, 2);
        price = new DecimalVector("l_extendedprice", allocator, 15, 2);
        discount = new DecimalVector("l_discount", allocator, 15, 2);
        discPrice = new DecimalVector("disc_price", allocator, 31, 4);
        charge = new DecimalVector("charge", allocator, 38, 6);
        returnFlag.allocateNew(size, size);
        lineStatus.allocateNew(size, size);
        for (final DecimalVector v : new DecimalVector[] {quantity, price, discount, discPrice, charge})
        {
            v.allocateNew(size);
        }
        flagCode = new byte[size];
        qtyArray = new long[size];
        priceArray = new long[size];
        discArray = new long[size];
        discPriceArray = new long[size];
        chargeArray = new long[size];
        final SplittableRandom random = new SplittableRandom(42);
        final byte[][] flags = {"A".getBytes(StandardCharsets.UTF_8), "N".getBytes(StandardCharsets.UTF_8),
            "R".getBytes(StandardCharsets.UTF_8)};
        final byte[][] statuses = {"F".getBytes(StandardCharsets.UTF_8), "O".getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; i < size; i++)
        {
            // Shipped before the cut-off: A or R with F; after it: N with O; a sliver of N/F.
            final int draw = random.nextInt(100);
            final int flag = draw < 25 ? 0 : draw < 50 ? 2 : 1;
            final int status = flag == 1 && draw < 99 ? 1 : 0;
            returnFlag.set(i, flags[flag]);
            lineStatus.set(i, statuses[status]);
            flagCode[i] = (byte)(flag * 2 + status);
            final long qty = (1 + random.nextInt(50)) * 100L;
            final long partPrice = 90_000 + random.nextInt(20_000);
            final long extended = qty * partPrice / 100;
            final long disc = random.nextInt(11);
            final long tax = random.nextInt(9);
            qtyArray[i] = qty;
            priceArray[i] = extended;
            discArray[i] = disc;
            discPriceArray[i] = extended * (100 - disc);
            chargeArray[i] = extended * (100 - disc) * (100 + tax);
            setUnscaled(quantity, i, qty);
            setUnscaled(price, i, extended);
            setUnscaled(discount, i, disc);
            setUnscaled(discPrice, i, discPriceArray[i]);
            setUnscaled(charge, i, chargeArray[i]);
        }
        for (final FieldVector v : new FieldVector[] {returnFlag, lineStatus, quantity, price, discount, discPrice,
            charge})
        {
            v.setValueCount(size);
        }
        keys = List.of(returnFlag, lineStatus);
        inputs = List.of(quantity, price, discPrice, charge, quantity, price, discount);
        morsels = new Rows[(size + MORSEL - 1) / MORSEL];
        for (int m = 0; m < morsels.length; m++)
        {
            final int offset = m * MORSEL;
            morsels[m] = Rows.range(offset, Math.min(MORSEL, size - offset));
        }
        aggregator = HashAggregator.builder(allocator).groupBy("l_returnflag", "l_linestatus")
            .sum("l_quantity").sum("l_extendedprice").sum("disc_price").sum("charge")
            .mean("l_quantity").mean("l_extendedprice").mean("l_discount").count().build();
        check();
    }

    /** Writes a 16-byte two's-complement unscaled value (sign-extended long) and marks it valid. */
    private static void setUnscaled(final DecimalVector vector, final int i, final long unscaled)
    {
        final ArrowBuf data = vector.getDataBuffer();
        data.setLong(16L * i, unscaled);
        data.setLong(16L * i + 8, unscaled >> 63);
        vector.setIndexDefined(i);
    }

    /** Fails the trial when Sabot's sum(charge) per group differs from the twin's. */
    private void check()
    {
        sabot(new Counters(), null);
        final long[][] twin = twinPass();
        try (var result = aggregator.result(allocator))
        {
            final VarCharVector f = (VarCharVector)result.column("l_returnflag");
            final VarCharVector s = (VarCharVector)result.column("l_linestatus");
            final DecimalVector sums = (DecimalVector)result.column("sum(charge)");
            for (int r = 0; r < result.rowCount(); r++)
            {
                final int flag = "ANR".indexOf(new String(f.get(r), StandardCharsets.UTF_8));
                final int status = "FO".indexOf(new String(s.get(r), StandardCharsets.UTF_8));
                final BigDecimal expected = BigDecimal.valueOf(twin[3][flag * 2 + status], 6);
                if (expected.compareTo(sums.getObject(r)) != 0)
                {
                    throw new IllegalStateException("sum(charge) mismatch: " + sums.getObject(r) + " vs " + expected);
                }
            }
        }
    }

    /** Frees the aggregator and the vectors. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        aggregator.close();
        for (final FieldVector v : new FieldVector[] {returnFlag, lineStatus, quantity, price, discount, discPrice,
            charge})
        {
            v.close();
        }
        allocator.close();
    }

    /**
     * Sabot: reset, then add every morsel.
     *
     * @param counters  rows counter.
     * @param blackhole sink.
     */
    @Benchmark
    public void sabot(final Counters counters, final Blackhole blackhole)
    {
        final HashAggregator agg = aggregator;
        agg.reset();
        for (final Rows morsel : morsels)
        {
            agg.add(morsel, keys, inputs);
        }
        counters.rows += size;
        if (blackhole != null)
        {
            blackhole.consume(agg.groupCount());
        }
    }

    /**
     * The scalar twin: one fused loop, long sums per group indexed by the flag code.
     *
     * @param counters  rows counter.
     * @param blackhole sink.
     */
    @Benchmark
    public void scalarTwin(final Counters counters, final Blackhole blackhole)
    {
        blackhole.consume(twinPass());
        counters.rows += size;
    }

    private long[][] twinPass()
    {
        final long[] sumQty = new long[6];
        final long[] sumPrice = new long[6];
        final long[] sumDiscPrice = new long[6];
        final long[] sumCharge = new long[6];
        final long[] sumDisc = new long[6];
        final long[] count = new long[6];
        final byte[] code = flagCode;
        final long[] qty = qtyArray;
        final long[] prices = priceArray;
        final long[] disc = discArray;
        final long[] discPrices = discPriceArray;
        final long[] charges = chargeArray;
        for (int i = 0; i < code.length; i++)
        {
            final int g = code[i];
            sumQty[g] += qty[i];
            sumPrice[g] += prices[i];
            sumDiscPrice[g] += discPrices[i];
            sumCharge[g] += charges[i];
            sumDisc[g] += disc[i];
            count[g]++;
        }
        return new long[][] {sumQty, sumPrice, sumDiscPrice, sumCharge, sumDisc, count};
    }
}
