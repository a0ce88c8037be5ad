package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Maps the keys of a batch's rows to dense group ids (0, 1, 2, ... in order of first appearance), inserting new
 * groups. Open addressing with linear probing on a power-of-two table of 16-byte slots, kept at most 1/4 full while
 * small (up to 2^14 slots, cache-resident: fewer second probes, fewer branch misses) and at most 3/4 full beyond:
 *
 * <pre>
 *   slot s (16 bytes, little-endian):
 *   +---------------------------+----------------+----------------+
 *   | word (int64)              | gid + 1 (int32)| unused (int32) |   gid + 1 == 0 means empty
 *   +---------------------------+----------------+----------------+
 *   single fixed-width key: word = the key's 64-bit word, slot = hashLong(word) &amp; mask
 *   anything else:          word = the row's 64-bit hash, slot = hash &amp; mask, then the key columns are compared
 *
 *   direct map (single integer key whose first large null-free batch spans fewer than 2^20 values):
 *   +-----------+-----------+-----+
 *   | gid+1 / 0 | gid+1 / 0 | ... |   int32 per key value directBase, directBase + 1, ...; 0 = ask the table
 *   +-----------+-----------+-----+
 * </pre>
 *
 * <p>With one fixed-width key a probe touches only the slot, since the word is the key itself; the null key is not in
 * the table but is remembered as {@code nullGroup}. The direct map is a cache in front of the table, so keys outside
 * its range or not yet cached simply take the table path. Growth doubles the table and re-inserts groups in
 * group-id order; a rollback (or reset) drops the newest groups from the table and the direct map without allocating.
 * Not thread-safe.
 */
final class GroupTable implements AutoCloseable
{
    static final int INITIAL_SLOTS = 1024;
    private static final int SLOT_BYTES = 16;
    private static final int MAX_SLOTS = 1 << 30;
    /** Tables up to this many slots (256 KiB) are kept sparse. */
    private static final int SPARSE_SLOTS = 1 << 14;

    /** Most entries of the direct map (4 bytes each). */
    static final int DIRECT_MAX = 1 << 20;

    /** Smallest batch that may decide whether to use a direct map. */
    private static final int DIRECT_DECIDE_ROWS = 256;

    private final BufferAllocator allocator;
    final KeyColumn[] keys;
    /** The only key column when there is exactly one fixed-width key, else {@code null}. */
    private final FixedKeyColumn single;
    /** Per-group hashes (generic mode only), used to re-insert on growth. */
    private final OffHeapBuffer groupHashes;
    /** Per-row hashes of the bound batch (generic mode only). */
    private final OffHeapBuffer rowHashes;
    /** Direct map for a single integer key: entry {@code key - directBase} holds gid + 1, or 0 if unknown. */
    private final OffHeapBuffer direct;
    private long directBase;
    private long directSize;
    private boolean directDecided;
    /**
     * Tiny-key map for one or two utf8 keys whose rows are all null, empty or one byte (TPC-H flags): entry
     * {@code code(k0) * 258 + code(k1)} holds gid + 1, or 0 = ask the table. A cache in front of the table, like the
     * direct map; batches with a longer key take the hashing path.
     */
    private final OffHeapBuffer tiny;
    private final boolean tinyEligible;
    private boolean tinyReady;
    private boolean tinyBound;
    private OffHeapBuffer table;
    private long mask;
    private int slots;
    private int capacity;
    private int groupCount;
    private int nullGroup = -1;

    GroupTable(final BufferAllocator allocator, final ColumnKind[] kinds)
    {
        this.allocator = allocator;
        this.keys = new KeyColumn[kinds.length];
        for (int c = 0; c < kinds.length; c++)
        {
            keys[c] = KeyColumn.create(allocator, kinds[c]);
        }
        this.single = kinds.length == 1 && kinds[0] != ColumnKind.UTF8 ? (FixedKeyColumn)keys[0] : null;
        this.groupHashes = new OffHeapBuffer(allocator);
        this.rowHashes = new OffHeapBuffer(allocator);
        this.direct = new OffHeapBuffer(allocator);
        this.directDecided = single == null || !single.kind.isInteger();
        this.tiny = new OffHeapBuffer(allocator);
        boolean allUtf8 = kinds.length <= 2;
        for (final ColumnKind kind : kinds)
        {
            allUtf8 &= kind == ColumnKind.UTF8;
        }
        this.tinyEligible = allUtf8;
    }

    private int tinySize()
    {
        return keys.length == 1 ? Utf8KeyColumn.TINY_RADIX : Utf8KeyColumn.TINY_RADIX * Utf8KeyColumn.TINY_RADIX;
    }

    int groupCount()
    {
        return groupCount;
    }

    /** @return how many groups fit before the next {@link #grow()}. */
    int capacity()
    {
        return capacity;
    }

    /** @return the group capacity after the next {@link #grow()}. */
    int nextCapacity()
    {
        return capacityOf(slots == 0 ? INITIAL_SLOTS : slots * 2);
    }

    /**
     * Small tables (cache-resident anyway) are kept at most 1/4 full so that most probes hit at the first slot and the
     * probe loop's branch predicts well; large ones at most 3/4 full so that memory and cache misses stay low.
     */
    private static int capacityOf(final int slotCount)
    {
        return slotCount <= SPARSE_SLOTS ? slotCount / 4 : slotCount / 4 * 3;
    }

    /** Allocates the first table; may throw the allocator's exception, leaving this table empty. */
    void ensureAllocated()
    {
        if (table == null)
        {
            final int firstCapacity = capacityOf(INITIAL_SLOTS);
            ensureGroupArrays(firstCapacity);
            table = newTable(INITIAL_SLOTS);
            slots = INITIAL_SLOTS;
            mask = slots - 1;
            capacity = firstCapacity;
        }
    }

    private void ensureGroupArrays(final int newCapacity)
    {
        for (final KeyColumn key : keys)
        {
            key.ensureGroups(newCapacity, groupCount);
        }
        if (single == null)
        {
            groupHashes.ensure(8L * newCapacity, 8L * groupCount);
        }
    }

    private OffHeapBuffer newTable(final int slotCount)
    {
        final OffHeapBuffer fresh = new OffHeapBuffer(allocator);
        try
        {
            fresh.ensure((long)slotCount * SLOT_BYTES, 0);
        }
        catch (final RuntimeException e)
        {
            fresh.close();
            throw e;
        }
        fresh.segment().asSlice(0, (long)slotCount * SLOT_BYTES).fill((byte)0);
        return fresh;
    }

    /** Doubles the table and the per-group key storage; on allocation failure nothing is lost. */
    void grow()
    {
        if (slots >= MAX_SLOTS)
        {
            throw new IllegalStateException("hash aggregation is limited to " + capacity + " groups");
        }
        final int newSlots = slots * 2;
        final int newCapacity = capacityOf(newSlots);
        ensureGroupArrays(newCapacity);
        final OffHeapBuffer grown = newTable(newSlots);
        table.close();
        table = grown;
        slots = newSlots;
        mask = newSlots - 1;
        capacity = newCapacity;
        reinsertAll();
    }

    private void reinsertAll()
    {
        final MemorySegment t = table.segment();
        final long m = mask;
        for (int g = 0; g < groupCount; g++)
        {
            final long word;
            final long hash;
            if (single != null)
            {
                if (g == nullGroup)
                {
                    continue;
                }
                word = single.words.segment().get(Layouts.LONG_UNALIGNED, 8L * g);
                hash = Hash64.hashLong(word);
            }
            else
            {
                word = groupHashes.segment().get(Layouts.LONG_UNALIGNED, 8L * g);
                hash = word;
            }
            long s = hash & m;
            while (t.get(Layouts.INT_UNALIGNED, s * SLOT_BYTES + 8) != 0)
            {
                s = (s + 1) & m;
            }
            t.set(Layouts.LONG_UNALIGNED, s * SLOT_BYTES, word);
            t.set(Layouts.INT_UNALIGNED, s * SLOT_BYTES + 8, g + 1);
        }
    }

    /**
     * Drops every group from {@code groups} on, without allocating. Work is proportional to the dropped groups when
     * they are few compared with the table (a reset after a small window stays cheap), else the table is rebuilt
     * from the survivors. Clearing only the newest groups' slots never breaks an older group's probe chain, because
     * groups enter the table in group-id order.
     */
    void rollback(final int groups)
    {
        final int end = groupCount;
        if (groups < end)
        {
            clearDirect(groups, end);
            if (tinyReady)
            {
                tiny.segment().asSlice(0, 4L * tinySize()).fill((byte)0);
            }
            if (table != null)
            {
                if ((long)(end - groups) * 8 < slots)
                {
                    clearSlots(groups, end);
                    groupCount = groups;
                }
                else
                {
                    groupCount = groups;
                    table.segment().asSlice(0, (long)slots * SLOT_BYTES).fill((byte)0);
                    if (nullGroup >= groups)
                    {
                        nullGroup = -1;
                    }
                    reinsertAll();
                }
            }
            groupCount = groups;
        }
        if (nullGroup >= groups)
        {
            nullGroup = -1;
        }
        for (final KeyColumn key : keys)
        {
            key.truncate(groups);
        }
    }

    private void clearDirect(final int from, final int to)
    {
        if (directSize == 0)
        {
            return;
        }
        final MemorySegment map = direct.segment();
        final MemorySegment words = single.words.segment();
        for (int g = from; g < to; g++)
        {
            final long d = words.get(Layouts.LONG_UNALIGNED, 8L * g) - directBase;
            if (g != nullGroup && d >= 0 && d < directSize && map.get(Layouts.INT_UNALIGNED, 4 * d) == g + 1)
            {
                map.set(Layouts.INT_UNALIGNED, 4 * d, 0);
            }
        }
    }

    private void clearSlots(final int from, final int to)
    {
        final MemorySegment t = table.segment();
        for (int g = from; g < to; g++)
        {
            final long hash;
            if (single != null)
            {
                if (g == nullGroup)
                {
                    continue;
                }
                hash = Hash64.hashLong(single.words.segment().get(Layouts.LONG_UNALIGNED, 8L * g));
            }
            else
            {
                hash = groupHashes.segment().get(Layouts.LONG_UNALIGNED, 8L * g);
            }
            long s = hash & mask;
            while (t.get(Layouts.INT_UNALIGNED, s * SLOT_BYTES + 8) != g + 1)
            {
                s = (s + 1) & mask;
            }
            t.set(Layouts.LONG_UNALIGNED, s * SLOT_BYTES, 0L);
            t.set(Layouts.INT_UNALIGNED, s * SLOT_BYTES + 8, 0);
        }
    }

    /** Forgets all groups, keeping the memory. */
    void reset()
    {
        rollback(0);
    }

    /** Reads the key rows of one batch and, unless there is a single fixed-width key, hashes them. */
    void bind(final FieldVector[] vectors, final int offset, final MemorySegment sel, final int n)
    {
        for (int c = 0; c < keys.length; c++)
        {
            keys[c].bind(vectors[c], offset, sel, n, groupCount);
        }
        if (!directDecided && n >= DIRECT_DECIDE_ROWS && single.rowValidity() == null)
        {
            decideDirect(n);
        }
        tinyBound = false;
        if (tinyEligible)
        {
            // Rows are coded (or, for longer keys, hashed) one by one while probing: no up-front hash pass.
            bindTiny();
            return;
        }
        if (single == null)
        {
            rowHashes.ensure(8L * n, 0);
            final MemorySegment hashes = rowHashes.segment();
            if (keys.length == 1)
            {
                keys[0].hash(hashes, n, KeyColumn.HASH_STORE);
            }
            else
            {
                keys[0].hash(hashes, n, KeyColumn.HASH_FIRST);
                for (int c = 1; c < keys.length; c++)
                {
                    keys[c].hash(hashes, n, KeyColumn.HASH_COMBINE);
                }
            }
        }
    }

    private void bindTiny()
    {
        if (!tinyReady)
        {
            tiny.ensure(4L * tinySize(), 0);
            tiny.segment().asSlice(0, 4L * tinySize()).fill((byte)0);
            tinyReady = true;
        }
        tinyBound = true;
    }

    /**
     * Sets up the direct map when the first large enough batch has keys in a narrow range: then a probe is one load
     * from a small int array. Entries are a cache of the hash table (0 = ask the table), so keys outside the range,
     * or not yet cached, stay correct.
     */
    private void decideDirect(final int n)
    {
        final MemorySegment in = single.boundWords;
        final long base = single.boundBase;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++)
        {
            final long word = in.get(Layouts.LONG_UNALIGNED, base + 8L * i);
            min = Math.min(min, word);
            max = Math.max(max, word);
        }
        final long range = max - min;
        if (range >= 0 && range < DIRECT_MAX)
        {
            final long size = Math.min(DIRECT_MAX, range + 1 + (range + 1) / 2);
            direct.ensure(4 * size, 0);
            final MemorySegment map = direct.segment();
            map.asSlice(0, 4 * size).fill((byte)0);
            for (int g = 0; g < groupCount; g++)
            {
                final long d = single.words.segment().get(Layouts.LONG_UNALIGNED, 8L * g) - min;
                if (g != nullGroup && d >= 0 && d < size)
                {
                    map.set(Layouts.INT_UNALIGNED, 4 * d, g + 1);
                }
            }
            directBase = min;
            directSize = size;
        }
        directDecided = true;
    }

    /**
     * Writes the group id of bound rows {@code from..n-1} into {@code gids} (int32 per row), inserting new groups,
     * until the table is full.
     *
     * @return {@code n} when done, else the first row not yet mapped (call {@link #grow()} and continue from it).
     */
    int probe(final int from, final int n, final MemorySegment gids)
    {
        if (tinyBound)
        {
            return probeTiny(from, n, gids);
        }
        if (single == null)
        {
            return probeGeneric(from, n, gids);
        }
        final MemorySegment valid = single.rowValidity();
        if (valid != null)
        {
            return probeWordsNullable(from, n, gids, valid);
        }
        return directSize > 0 ? probeDirect(from, n, gids) : probeWords(from, n, gids);
    }

    private int probeDirect(final int from, final int n, final MemorySegment gids)
    {
        final MemorySegment map = direct.segment();
        final MemorySegment in = single.boundWords;
        final long base = single.boundBase;
        final long lowest = directBase;
        final long size = directSize;
        for (int i = from; i < n; i++)
        {
            final long word = in.get(Layouts.LONG_UNALIGNED, base + 8L * i);
            final long d = word - lowest;
            final boolean inRange = d >= 0 && d < size;
            if (inRange)
            {
                final int entry = map.get(Layouts.INT_UNALIGNED, 4 * d);
                if (entry != 0)
                {
                    gids.set(Layouts.INT_UNALIGNED, 4L * i, entry - 1);
                    continue;
                }
            }
            final int gid = findOrInsert(word);
            if (gid < 0)
            {
                return i;
            }
            if (inRange)
            {
                map.set(Layouts.INT_UNALIGNED, 4 * d, gid + 1);
            }
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        return n;
    }

    /** @return the group of a non-null single key word, inserting it; -1 when the table is full. */
    private int findOrInsert(final long word)
    {
        final MemorySegment t = table.segment();
        long s = Hash64.hashLong(word) & mask;
        while (true)
        {
            final long at = s * SLOT_BYTES;
            final int entry = t.get(Layouts.INT_UNALIGNED, at + 8);
            if (entry == 0)
            {
                if (groupCount == capacity)
                {
                    return -1;
                }
                final int gid = groupCount++;
                t.set(Layouts.LONG_UNALIGNED, at, word);
                t.set(Layouts.INT_UNALIGNED, at + 8, gid + 1);
                single.words.segment().set(Layouts.LONG_UNALIGNED, 8L * gid, word);
                single.groupValid.segment().set(Layouts.BYTE, gid, (byte)1);
                return gid;
            }
            if (t.get(Layouts.LONG_UNALIGNED, at) == word)
            {
                return entry - 1;
            }
            s = (s + 1) & mask;
        }
    }

    private int probeWords(final int from, final int n, final MemorySegment gids)
    {
        final MemorySegment t = table.segment();
        final MemorySegment in = single.boundWords;
        final long base = single.boundBase;
        final MemorySegment groupWords = single.words.segment();
        final MemorySegment groupValid = single.groupValid.segment();
        final long m = mask;
        final int limit = capacity;
        int groups = groupCount;
        for (int i = from; i < n; i++)
        {
            final long word = in.get(Layouts.LONG_UNALIGNED, base + 8L * i);
            long s = Hash64.hashLong(word) & m;
            int gid;
            while (true)
            {
                final long at = s * SLOT_BYTES;
                final int entry = t.get(Layouts.INT_UNALIGNED, at + 8);
                if (entry == 0)
                {
                    if (groups == limit)
                    {
                        groupCount = groups;
                        return i;
                    }
                    gid = groups++;
                    t.set(Layouts.LONG_UNALIGNED, at, word);
                    t.set(Layouts.INT_UNALIGNED, at + 8, gid + 1);
                    groupWords.set(Layouts.LONG_UNALIGNED, 8L * gid, word);
                    groupValid.set(Layouts.BYTE, gid, (byte)1);
                    break;
                }
                if (t.get(Layouts.LONG_UNALIGNED, at) == word)
                {
                    gid = entry - 1;
                    break;
                }
                s = (s + 1) & m;
            }
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        groupCount = groups;
        return n;
    }

    private int probeWordsNullable(final int from, final int n, final MemorySegment gids, final MemorySegment valid)
    {
        final MemorySegment t = table.segment();
        final MemorySegment in = single.boundWords;
        final long base = single.boundBase;
        final MemorySegment groupWords = single.words.segment();
        final MemorySegment groupValid = single.groupValid.segment();
        final long m = mask;
        final int limit = capacity;
        int groups = groupCount;
        for (int i = from; i < n; i++)
        {
            int gid;
            if (valid.get(Layouts.BYTE, i) == 0)
            {
                if (nullGroup < 0)
                {
                    if (groups == limit)
                    {
                        groupCount = groups;
                        return i;
                    }
                    nullGroup = groups++;
                    single.appendNull(nullGroup);
                }
                gid = nullGroup;
            }
            else
            {
                final long word = in.get(Layouts.LONG_UNALIGNED, base + 8L * i);
                long s = Hash64.hashLong(word) & m;
                while (true)
                {
                    final long at = s * SLOT_BYTES;
                    final int entry = t.get(Layouts.INT_UNALIGNED, at + 8);
                    if (entry == 0)
                    {
                        if (groups == limit)
                        {
                            groupCount = groups;
                            return i;
                        }
                        gid = groups++;
                        t.set(Layouts.LONG_UNALIGNED, at, word);
                        t.set(Layouts.INT_UNALIGNED, at + 8, gid + 1);
                        groupWords.set(Layouts.LONG_UNALIGNED, 8L * gid, word);
                        groupValid.set(Layouts.BYTE, gid, (byte)1);
                        break;
                    }
                    if (t.get(Layouts.LONG_UNALIGNED, at) == word)
                    {
                        gid = entry - 1;
                        break;
                    }
                    s = (s + 1) & m;
                }
            }
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        groupCount = groups;
        return n;
    }

    /**
     * One or two utf8 keys: a row whose keys are each null, empty or one byte maps through the tiny map (code
     * {@code 0} null, {@code 1} empty, {@code 2 + b} the byte b; two keys combine as {@code c0 * 258 + c1}); any
     * other row, and a code not cached yet, goes through the hash table.
     */
    private int probeTiny(final int from, final int n, final MemorySegment gids)
    {
        final MemorySegment map = tiny.segment();
        final Utf8KeyColumn k0 = (Utf8KeyColumn)keys[0];
        final Utf8KeyColumn k1 = keys.length > 1 ? (Utf8KeyColumn)keys[1] : k0;
        final boolean two = keys.length > 1;
        final MemorySegment off0 = k0.offsets;
        final MemorySegment data0 = k0.data;
        final MemorySegment valid0 = k0.anyNull ? k0.validity : null;
        final MemorySegment off1 = k1.offsets;
        final MemorySegment data1 = k1.data;
        final MemorySegment valid1 = k1.anyNull ? k1.validity : null;
        final MemorySegment sel = k0.sel;
        final int offset = k0.offset;
        if (sel == null && valid0 == null && valid1 == null && oneByteEach(off0, offset + from, n - from) &&
            (!two || oneByteEach(off1, offset + from, n - from)))
        {
            return probeOneByte(from, n, gids, map, two);
        }
        for (int i = from; i < n; i++)
        {
            final int row = sel == null ? offset + i : sel.get(Layouts.INT_UNALIGNED, 4L * i);
            final int start0 = off0.get(Layouts.INT_UNALIGNED, 4L * row);
            final int length0 = off0.get(Layouts.INT_UNALIGNED, 4L * row + 4) - start0;
            int code = length0 == 1 ? 2 + (data0.get(Layouts.BYTE, start0) & 0xFF) : length0 == 0 ? 1 : -1;
            if (valid0 != null && !Columns.isValid(valid0, row))
            {
                code = 0;
            }
            if (two)
            {
                final int start1 = off1.get(Layouts.INT_UNALIGNED, 4L * row);
                final int length1 = off1.get(Layouts.INT_UNALIGNED, 4L * row + 4) - start1;
                int code1 = length1 == 1 ? 2 + (data1.get(Layouts.BYTE, start1) & 0xFF) : length1 == 0 ? 1 : -1;
                if (valid1 != null && !Columns.isValid(valid1, row))
                {
                    code1 = 0;
                }
                code = code < 0 || code1 < 0 ? -1 : code * Utf8KeyColumn.TINY_RADIX + code1;
            }
            if (code >= 0)
            {
                final int entry = map.get(Layouts.INT_UNALIGNED, 4L * code);
                if (entry != 0)
                {
                    gids.set(Layouts.INT_UNALIGNED, 4L * i, entry - 1);
                    continue;
                }
            }
            final int gid = findOrInsertRow(rowHash(i), i);
            if (gid < 0)
            {
                return i;
            }
            if (code >= 0)
            {
                map.set(Layouts.INT_UNALIGNED, 4L * code, gid + 1);
            }
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        return n;
    }

    /** @return true when rows {@code first..first+count-1} of a utf8 column all hold exactly one byte. */
    private static boolean oneByteEach(final MemorySegment offsets, final int first, final int count)
    {
        final int base = offsets.get(Layouts.INT_UNALIGNED, 4L * first);
        if (offsets.get(Layouts.INT_UNALIGNED, 4L * (first + count)) - base != count)
        {
            return false;
        }
        // Two offsets per 64-bit load, compared with the expected pair (base + i, base + i + 1).
        long bad = 0;
        long expected = (base & 0xFFFFFFFFL) | ((long)(base + 1) << 32);
        final long start = 4L * first;
        int i = 0;
        for (; i + 1 < count; i += 2)
        {
            bad |= offsets.get(Layouts.LONG_UNALIGNED, start + 4L * i) ^ expected;
            expected += 0x0000000200000002L;
        }
        for (; i < count; i++)
        {
            bad |= offsets.get(Layouts.INT_UNALIGNED, start + 4L * i) - (base + i);
        }
        return bad == 0;
    }

    /**
     * The tiny-key probe when every row's keys are one byte (contiguous, no nulls): the code is read straight from
     * the data bytes, {@code (2 + b0) * 258 + (2 + b1)}.
     */
    private int probeOneByte(final int from, final int n, final MemorySegment gids, final MemorySegment map,
        final boolean two)
    {
        final Utf8KeyColumn k0 = (Utf8KeyColumn)keys[0];
        final Utf8KeyColumn k1 = two ? (Utf8KeyColumn)keys[1] : k0;
        final int offset = k0.offset;
        final MemorySegment data0 = k0.data;
        final MemorySegment data1 = k1.data;
        final long base0 = k0.offsets.get(Layouts.INT_UNALIGNED, 4L * (offset + from)) - from;
        final long base1 = k1.offsets.get(Layouts.INT_UNALIGNED, 4L * (offset + from)) - from;
        final int radix = two ? Utf8KeyColumn.TINY_RADIX : 0;
        final int low = two ? 2 : 0;
        for (int i = from; i < n; i++)
        {
            final int b0 = data0.get(Layouts.BYTE, base0 + i) & 0xFF;
            final int b1 = two ? data1.get(Layouts.BYTE, base1 + i) & 0xFF : 0;
            // One key: code = 2 + b0; two keys: (2 + b0) * 258 + 2 + b1.
            final int code = two ? (2 + b0) * radix + low + b1 : 2 + b0;
            final int entry = map.get(Layouts.INT_UNALIGNED, 4L * code);
            if (entry != 0)
            {
                gids.set(Layouts.INT_UNALIGNED, 4L * i, entry - 1);
                continue;
            }
            final int gid = findOrInsertRow(rowHash(i), i);
            if (gid < 0)
            {
                return i;
            }
            map.set(Layouts.INT_UNALIGNED, 4L * code, gid + 1);
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        return n;
    }

    /** @return the multi-column hash of bound row {@code i}, as {@link #bind} computes it for every row. */
    private long rowHash(final int i)
    {
        if (keys.length == 1)
        {
            return keys[0].hashRow(i);
        }
        long hash = Hash64.combine(Hash64.SEED, keys[0].hashRow(i));
        for (int c = 1; c < keys.length; c++)
        {
            hash = Hash64.combine(hash, keys[c].hashRow(i));
        }
        return hash;
    }

    /** Generic-mode lookup of one row; @return its group, inserting it, or -1 when the table is full. */
    private int findOrInsertRow(final long hash, final int i)
    {
        final MemorySegment t = table.segment();
        long s = hash & mask;
        while (true)
        {
            final long at = s * SLOT_BYTES;
            final int entry = t.get(Layouts.INT_UNALIGNED, at + 8);
            if (entry == 0)
            {
                if (groupCount == capacity)
                {
                    return -1;
                }
                final int gid = groupCount;
                for (final KeyColumn column : keys)
                {
                    column.append(gid, i);
                }
                groupCount++;
                t.set(Layouts.LONG_UNALIGNED, at, hash);
                t.set(Layouts.INT_UNALIGNED, at + 8, gid + 1);
                groupHashes.segment().set(Layouts.LONG_UNALIGNED, 8L * gid, hash);
                return gid;
            }
            if (t.get(Layouts.LONG_UNALIGNED, at) == hash && equalsRow(keys, entry - 1, i))
            {
                return entry - 1;
            }
            s = (s + 1) & mask;
        }
    }

    private int probeGeneric(final int from, final int n, final MemorySegment gids)
    {
        final MemorySegment t = table.segment();
        final MemorySegment hashes = rowHashes.segment();
        final MemorySegment stored = groupHashes.segment();
        final KeyColumn[] columns = keys;
        final long m = mask;
        final int limit = capacity;
        int groups = groupCount;
        for (int i = from; i < n; i++)
        {
            final long hash = hashes.get(Layouts.LONG_UNALIGNED, 8L * i);
            long s = hash & m;
            int gid;
            while (true)
            {
                final long at = s * SLOT_BYTES;
                final int entry = t.get(Layouts.INT_UNALIGNED, at + 8);
                if (entry == 0)
                {
                    if (groups == limit)
                    {
                        groupCount = groups;
                        return i;
                    }
                    gid = groups;
                    for (final KeyColumn column : columns)
                    {
                        column.append(gid, i);
                    }
                    groups++;
                    t.set(Layouts.LONG_UNALIGNED, at, hash);
                    t.set(Layouts.INT_UNALIGNED, at + 8, gid + 1);
                    stored.set(Layouts.LONG_UNALIGNED, 8L * gid, hash);
                    break;
                }
                if (t.get(Layouts.LONG_UNALIGNED, at) == hash && equalsRow(columns, entry - 1, i))
                {
                    gid = entry - 1;
                    break;
                }
                s = (s + 1) & m;
            }
            gids.set(Layouts.INT_UNALIGNED, 4L * i, gid);
        }
        groupCount = groups;
        return n;
    }

    private static boolean equalsRow(final KeyColumn[] columns, final int gid, final int i)
    {
        for (final KeyColumn column : columns)
        {
            if (!column.equalsRow(gid, i))
            {
                return false;
            }
        }
        return true;
    }

    /** @return the total off-heap bytes of the table itself (for diagnostics). */
    long tableBytes()
    {
        return table == null ? 0 : table.capacity();
    }

    @Override
    public void close()
    {
        for (final KeyColumn key : keys)
        {
            key.close();
        }
        groupHashes.close();
        rowHashes.close();
        tiny.close();
        direct.close();
        directSize = 0;
        if (table != null)
        {
            table.close();
            table = null;
        }
        groupCount = 0;
        nullGroup = -1;
    }
}
