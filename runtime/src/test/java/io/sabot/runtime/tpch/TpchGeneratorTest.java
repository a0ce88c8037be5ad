package io.sabot.runtime.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator against the specification's cardinalities, value ranges, formulas and referential integrity, and
 * its determinism: equal seeds give equal rows, any range generated alone equals the same range of a full run.
 */
class TpchGeneratorTest
{
    private static final double SF = 0.01;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1})
    void rowCountsFollowTheScaleFactor(final double sf)
    {
        final TpchGenerator generator = new TpchGenerator(sf);
        final Map<TpchTable, Long> expected = Map.of(TpchTable.NATION, 25L, TpchTable.REGION, 5L,
            TpchTable.PART, (long) (200_000 * sf), TpchTable.SUPPLIER, (long) (10_000 * sf),
            TpchTable.PARTSUPP, (long) (800_000 * sf), TpchTable.CUSTOMER, (long) (150_000 * sf),
            TpchTable.ORDERS, (long) (1_500_000 * sf));
        for (final TpchTable table : TpchTable.values())
        {
            final long[] rows = new long[1];
            generator.forEach(table, 7_777, memory.allocator(), batch ->
            {
                try (batch)
                {
                    rows[0] += batch.rowCount();
                }
            });
            assertEquals(generator.rowCount(table), rows[0], table.tableName());
            assertEquals(table.rowCount(sf), rows[0], table.tableName());
            if (table == TpchTable.LINEITEM)
            {
                // 1..7 lines per order, mean 4: within 1% of 4 x orders (the spec's SF 1 figure is 6,001,215).
                final double perOrder = (double) rows[0] / expected.get(TpchTable.ORDERS);
                assertTrue(Math.abs(perOrder - 4.0) < 0.04, "lines per order " + perOrder);
            }
            else
            {
                assertEquals(expected.get(table), rows[0], table.tableName());
            }
        }
    }

    @Test
    void ordersAndLineitemFollowTheSpecification()
    {
        final TpchGenerator generator = new TpchGenerator(SF);
        final List<Batch> lineitem = generator.generateAll(TpchTable.LINEITEM, 500, memory.allocator());
        final List<Batch> orders = generator.generateAll(TpchTable.ORDERS, 500, memory.allocator());
        final List<Batch> part = generator.generateAll(TpchTable.PART, 500, memory.allocator());
        final List<Batch> partsupp = generator.generateAll(TpchTable.PARTSUPP, 500, memory.allocator());
        try
        {
            final long[] partKeys = TpchReference.longs(part, "p_partkey");
            final long[] retail = TpchReference.longs(part, "p_retailprice");
            final Map<Long, Long> retailByPart = new HashMap<>();
            for (int i = 0; i < partKeys.length; i++)
            {
                retailByPart.put(partKeys[i], retail[i]);
            }
            final Set<Long> partSupp = new HashSet<>();
            final long[] psPart = TpchReference.longs(partsupp, "ps_partkey");
            final long[] psSupp = TpchReference.longs(partsupp, "ps_suppkey");
            for (int i = 0; i < psPart.length; i++)
            {
                partSupp.add(psPart[i] * 1_000_000_000L + psSupp[i]);
            }

            final long[] orderKey = TpchReference.longs(orders, "o_orderkey");
            final long[] custKey = TpchReference.longs(orders, "o_custkey");
            final String[] status = TpchReference.strings(orders, "o_orderstatus");
            final long[] total = TpchReference.longs(orders, "o_totalprice");
            final int[] orderDate = TpchReference.ints(orders, "o_orderdate");
            final String[] priority = TpchReference.strings(orders, "o_orderpriority");
            final String[] clerk = TpchReference.strings(orders, "o_clerk");
            final Map<Long, Integer> orderRow = new HashMap<>();
            final long customers = generator.units(TpchTable.CUSTOMER);
            for (int i = 0; i < orderKey.length; i++)
            {
                assertEquals(null, orderRow.put(orderKey[i], i), "unique o_orderkey");
                assertEquals(TpchGenerator.orderKey(i), orderKey[i]);
                assertTrue((orderKey[i] - 1) % 32 < 8, "sparse keys: the first 8 of every 32");
                assertTrue(custKey[i] >= 1 && custKey[i] <= customers && custKey[i] % 3 != 0, "o_custkey");
                assertTrue(orderDate[i] >= TpchGenerator.START_DATE && orderDate[i] <= TpchGenerator.END_DATE - 151);
                assertTrue(List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW").contains(priority[i]));
                assertTrue(clerk[i].matches("Clerk#\\d{9}"), clerk[i]);
                final long clerkNumber = Long.parseLong(clerk[i].substring(6));
                assertTrue(clerkNumber >= 1 && clerkNumber <= 10);
            }

            final long[] lOrder = TpchReference.longs(lineitem, "l_orderkey");
            final long[] lPart = TpchReference.longs(lineitem, "l_partkey");
            final long[] lSupp = TpchReference.longs(lineitem, "l_suppkey");
            final int[] lineNumber = TpchReference.ints(lineitem, "l_linenumber");
            final long[] quantity = TpchReference.longs(lineitem, "l_quantity");
            final long[] price = TpchReference.longs(lineitem, "l_extendedprice");
            final long[] discount = TpchReference.longs(lineitem, "l_discount");
            final long[] tax = TpchReference.longs(lineitem, "l_tax");
            final String[] flag = TpchReference.strings(lineitem, "l_returnflag");
            final String[] lineStatus = TpchReference.strings(lineitem, "l_linestatus");
            final int[] ship = TpchReference.ints(lineitem, "l_shipdate");
            final int[] commit = TpchReference.ints(lineitem, "l_commitdate");
            final int[] receipt = TpchReference.ints(lineitem, "l_receiptdate");
            final String[] instruct = TpchReference.strings(lineitem, "l_shipinstruct");
            final String[] mode = TpchReference.strings(lineitem, "l_shipmode");
            final String[] comment = TpchReference.strings(lineitem, "l_comment");
            final long[] recomputedTotal = new long[orderKey.length];
            final int[] lines = new int[orderKey.length];
            final int[] shipped = new int[orderKey.length];
            final Map<String, Integer> flags = new HashMap<>();
            for (int i = 0; i < lOrder.length; i++)
            {
                final Integer o = orderRow.get(lOrder[i]);
                assertTrue(o != null, "every l_orderkey is an order");
                assertEquals(++lines[o], lineNumber[i], "line numbers 1..n in order");
                assertTrue(partSupp.contains(lPart[i] * 1_000_000_000L + lSupp[i]), "(partkey, suppkey) in partsupp");
                assertTrue(quantity[i] >= 100 && quantity[i] <= 5000 && quantity[i] % 100 == 0, "l_quantity");
                assertEquals(quantity[i] / 100 * retailByPart.get(lPart[i]), price[i], "l_extendedprice");
                assertTrue(discount[i] >= 0 && discount[i] <= 10, "l_discount");
                assertTrue(tax[i] >= 0 && tax[i] <= 8, "l_tax");
                assertTrue(ship[i] - orderDate[o] >= 1 && ship[i] - orderDate[o] <= 121, "l_shipdate");
                assertTrue(commit[i] - orderDate[o] >= 30 && commit[i] - orderDate[o] <= 90, "l_commitdate");
                assertTrue(receipt[i] - ship[i] >= 1 && receipt[i] - ship[i] <= 30, "l_receiptdate");
                if (receipt[i] <= TpchGenerator.CURRENT_DATE)
                {
                    assertTrue(flag[i].equals("R") || flag[i].equals("A"), "returned flag");
                }
                else
                {
                    assertEquals("N", flag[i]);
                }
                flags.merge(flag[i], 1, Integer::sum);
                assertEquals(ship[i] > TpchGenerator.CURRENT_DATE ? "O" : "F", lineStatus[i]);
                assertTrue(List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN").contains(instruct[i]));
                assertTrue(List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB").contains(mode[i]));
                assertTrue(comment[i].length() >= 10 && comment[i].length() <= 43, "l_comment length");
                recomputedTotal[o] += (price[i] * (100 - discount[i]) * (100 + tax[i]) + 5_000) / 10_000;
                shipped[o] += lineStatus[i].equals("F") ? 1 : 0;
            }
            // R and A split the returned lines evenly.
            final double r = flags.get("R") / (double) (flags.get("R") + flags.get("A"));
            assertTrue(Math.abs(r - 0.5) < 0.02, "R share " + r);
            for (int o = 0; o < orderKey.length; o++)
            {
                assertTrue(lines[o] >= 1 && lines[o] <= 7, "1..7 lines per order");
                assertEquals(recomputedTotal[o], total[o], "o_totalprice");
                assertEquals(shipped[o] == lines[o] ? "F" : shipped[o] == 0 ? "O" : "P", status[o], "o_orderstatus");
            }
        }
        finally
        {
            for (final List<Batch> table : List.of(lineitem, orders, part, partsupp))
            {
                table.forEach(Batch::close);
            }
        }
    }

    @Test
    void dimensionTablesFollowTheSpecification()
    {
        final TpchGenerator generator = new TpchGenerator(SF);
        final List<Batch> part = generator.generateAll(TpchTable.PART, 300, memory.allocator());
        final List<Batch> supplier = generator.generateAll(TpchTable.SUPPLIER, 300, memory.allocator());
        final List<Batch> partsupp = generator.generateAll(TpchTable.PARTSUPP, 300, memory.allocator());
        final List<Batch> customer = generator.generateAll(TpchTable.CUSTOMER, 300, memory.allocator());
        final List<Batch> nation = generator.generateAll(TpchTable.NATION, 300, memory.allocator());
        final List<Batch> region = generator.generateAll(TpchTable.REGION, 300, memory.allocator());
        try
        {
            final long[] pKey = TpchReference.longs(part, "p_partkey");
            final String[] pName = TpchReference.strings(part, "p_name");
            final String[] mfgr = TpchReference.strings(part, "p_mfgr");
            final String[] brand = TpchReference.strings(part, "p_brand");
            final String[] type = TpchReference.strings(part, "p_type");
            final int[] size = TpchReference.ints(part, "p_size");
            final String[] container = TpchReference.strings(part, "p_container");
            final long[] retail = TpchReference.longs(part, "p_retailprice");
            for (int i = 0; i < pKey.length; i++)
            {
                final long k = i + 1;
                assertEquals(k, pKey[i]);
                final String[] words = pName[i].split(" ");
                assertEquals(5, words.length, pName[i]);
                assertEquals(5, Set.of(words).size(), "distinct colours: " + pName[i]);
                assertTrue(mfgr[i].matches("Manufacturer#[1-5]"), mfgr[i]);
                assertTrue(brand[i].matches("Brand#[1-5][1-5]") && brand[i].charAt(6) == mfgr[i].charAt(13), brand[i]);
                assertTrue(type[i].matches("(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) " +
                    "(ANODIZED|BURNISHED|PLATED|POLISHED|BRUSHED) (TIN|NICKEL|BRASS|STEEL|COPPER)"), type[i]);
                assertTrue(size[i] >= 1 && size[i] <= 50);
                assertTrue(container[i].matches("(SM|LG|MED|JUMBO|WRAP) (CASE|BOX|BAG|JAR|PKG|PACK|CAN|DRUM)"));
                assertEquals(90000 + (k / 10) % 20001 + 100 * (k % 1000), retail[i], "p_retailprice");
            }

            final long suppliers = generator.units(TpchTable.SUPPLIER);
            final long[] sKey = TpchReference.longs(supplier, "s_suppkey");
            final String[] sName = TpchReference.strings(supplier, "s_name");
            final String[] sAddress = TpchReference.strings(supplier, "s_address");
            final long[] sNation = TpchReference.longs(supplier, "s_nationkey");
            final String[] sPhone = TpchReference.strings(supplier, "s_phone");
            final long[] sBal = TpchReference.longs(supplier, "s_acctbal");
            final String[] sComment = TpchReference.strings(supplier, "s_comment");
            for (int i = 0; i < sKey.length; i++)
            {
                assertEquals(i + 1, sKey[i]);
                assertEquals(String.format("Supplier#%09d", i + 1), sName[i]);
                assertTrue(sAddress[i].length() >= 10 && sAddress[i].length() <= 40);
                assertTrue(sNation[i] >= 0 && sNation[i] <= 24);
                assertTrue(sPhone[i].matches((sNation[i] + 10) + "-\\d{3}-\\d{3}-\\d{4}"), sPhone[i]);
                assertTrue(sBal[i] >= -99_999 && sBal[i] <= 999_999);
                assertTrue(sComment[i].length() >= 25 && sComment[i].length() <= 100);
            }

            final long[] psPart = TpchReference.longs(partsupp, "ps_partkey");
            final long[] psSupp = TpchReference.longs(partsupp, "ps_suppkey");
            final int[] avail = TpchReference.ints(partsupp, "ps_availqty");
            final long[] cost = TpchReference.longs(partsupp, "ps_supplycost");
            final Set<Long> pairs = new HashSet<>();
            for (int i = 0; i < psPart.length; i++)
            {
                final long p = i / 4 + 1;
                assertEquals(p, psPart[i]);
                assertEquals((p + (i % 4) * (suppliers / 4 + (p - 1) / suppliers)) % suppliers + 1, psSupp[i]);
                assertTrue(pairs.add(p * 1_000_000L + psSupp[i]), "unique (ps_partkey, ps_suppkey)");
                assertTrue(avail[i] >= 1 && avail[i] <= 9999);
                assertTrue(cost[i] >= 100 && cost[i] <= 100_000);
            }

            final long[] cKey = TpchReference.longs(customer, "c_custkey");
            final String[] cName = TpchReference.strings(customer, "c_name");
            final long[] cNation = TpchReference.longs(customer, "c_nationkey");
            final String[] cPhone = TpchReference.strings(customer, "c_phone");
            final long[] cBal = TpchReference.longs(customer, "c_acctbal");
            final String[] segment = TpchReference.strings(customer, "c_mktsegment");
            final String[] cComment = TpchReference.strings(customer, "c_comment");
            for (int i = 0; i < cKey.length; i++)
            {
                assertEquals(i + 1, cKey[i]);
                assertEquals(String.format("Customer#%09d", i + 1), cName[i]);
                assertTrue(cNation[i] >= 0 && cNation[i] <= 24);
                assertTrue(cPhone[i].startsWith((cNation[i] + 10) + "-"));
                assertTrue(cBal[i] >= -99_999 && cBal[i] <= 999_999);
                assertTrue(List.of("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD")
                    .contains(segment[i]));
                assertTrue(cComment[i].length() >= 29 && cComment[i].length() <= 116);
            }

            final String[] nName = TpchReference.strings(nation, "n_name");
            final long[] nRegion = TpchReference.longs(nation, "n_regionkey");
            assertEquals("ALGERIA", nName[0]);
            assertEquals("UNITED STATES", nName[24]);
            assertEquals(4, nRegion[20], "SAUDI ARABIA is in MIDDLE EAST");
            assertEquals(2, nRegion[18], "CHINA is in ASIA");
            assertEquals(List.of("AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"),
                List.of(TpchReference.strings(region, "r_name")));
        }
        finally
        {
            for (final List<Batch> table : List.of(part, supplier, partsupp, customer, nation, region))
            {
                table.forEach(Batch::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TpchTable.class)
    void aRangeAloneEqualsTheSameRangeOfAFullRun(final TpchTable table)
    {
        final TpchGenerator generator = new TpchGenerator(SF);
        final long units = generator.units(table);
        final int first = (int) Math.min(units - 1, 37);
        final int count = (int) Math.min(units - first, 101);
        final List<List<Object>> full;
        try (Batch all = generator.generate(table, 0, (int) units, memory.allocator()))
        {
            full = values(List.of(all));
        }
        final List<List<Object>> alone;
        try (Batch range = generator.generate(table, first, count, memory.allocator()))
        {
            alone = values(List.of(range));
        }
        final int firstRow = table == TpchTable.LINEITEM ? (int) generator.lineCount(0, first) : first;
        assertEquals(full.subList(firstRow, firstRow + alone.size()), alone);
        // Odd batch sizes concatenate to the full table; so does a second generator with the same seed.
        final List<Batch> odd = generator.generateAll(table, 13, memory.allocator());
        try
        {
            assertEquals(full, values(odd));
        }
        finally
        {
            odd.forEach(Batch::close);
        }
        try (Batch again = new TpchGenerator(SF, TpchGenerator.DEFAULT_SEED).generate(table, 0, (int) units,
            memory.allocator()))
        {
            assertEquals(full, values(List.of(again)));
        }
    }

    @Test
    void anotherSeedGivesOtherRows()
    {
        try (Batch a = new TpchGenerator(SF, 1).generate(TpchTable.LINEITEM, 0, 50, memory.allocator());
            Batch b = new TpchGenerator(SF, 2).generate(TpchTable.LINEITEM, 0, 50, memory.allocator()))
        {
            assertNotEquals(values(List.of(a)), values(List.of(b)));
        }
    }

    @Test
    void emptyAndSingleRangesAndBadRanges()
    {
        final TpchGenerator generator = new TpchGenerator(SF);
        try (Batch empty = generator.generate(TpchTable.ORDERS, 5, 0, memory.allocator()))
        {
            assertEquals(0, empty.rowCount());
            assertEquals(TpchTable.ORDERS.schema(), empty.schema());
        }
        try (Batch one = generator.generate(TpchTable.LINEITEM, 14_999, 1, memory.allocator()))
        {
            assertEquals(generator.lineCount(14_999, 1), one.rowCount());
            assertEquals(TpchTable.LINEITEM.schema(), one.schema());
        }
        assertThrows(IllegalArgumentException.class,
            () -> generator.generate(TpchTable.ORDERS, 14_999, 2, memory.allocator()));
        assertThrows(IllegalArgumentException.class,
            () -> generator.generate(TpchTable.NATION, -1, 2, memory.allocator()));
        assertThrows(IllegalArgumentException.class, () -> new TpchGenerator(0));
        assertThrows(IllegalArgumentException.class, () -> new TpchGenerator(Double.NaN));
    }

    static List<List<Object>> values(final List<Batch> batches)
    {
        final List<List<Object>> rows = new ArrayList<>();
        for (final Batch batch : batches)
        {
            for (int r = 0; r < batch.rowCount(); r++)
            {
                final List<Object> row = new ArrayList<>(batch.columnCount());
                for (final FieldVector v : batch.columns())
                {
                    final Object value = v.getObject(r);
                    row.add(value instanceof final Text text ? text.toString() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
