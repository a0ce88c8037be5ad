package io.sabot.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.sabot.kernels.Batch;
import io.sabot.runtime.api.DataStream;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;
import io.sabot.runtime.source.Source;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.SourceSplit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

public class ExecutorSmokeTest
{
    static final Schema SCHEMA = new Schema(List.of(Field.nullable("a", new ArrowType.Int(64, true)),
        Field.nullable("b", new ArrowType.Int(64, true))));

    record Split(int index) implements SourceSplit
    {
        public String describe()
        {
            return "split" + index;
        }
    }

    public static final class Gen implements Source
    {
        final int splits;
        final int batches;
        final int rows;

        public Gen(final int splits, final int batches, final int rows)
        {
            this.splits = splits;
            this.batches = batches;
            this.rows = rows;
        }

        public Schema schema()
        {
            return SCHEMA;
        }

        public boolean bounded()
        {
            return true;
        }

        public List<SourceSplit> splits(final int parallelism)
        {
            final List<SourceSplit> out = new ArrayList<>();
            for (int i = 0; i < splits; i++)
            {
                out.add(new Split(i));
            }
            return out;
        }

        public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
        {
            final int s = ((Split)split).index;
            return new SourceReader()
            {
                int emitted;

                public Batch poll()
                {
                    if (emitted == batches)
                    {
                        return null;
                    }
                    final BigIntVector a = new BigIntVector("a", allocator);
                    final BigIntVector b = new BigIntVector("b", allocator);
                    a.allocateNew(rows);
                    b.allocateNew(rows);
                    final Random r = new Random(s * 1000L + emitted);
                    for (int i = 0; i < rows; i++)
                    {
                        a.set(i, ((long)s * batches + emitted) * rows + i);
                        if (i % 7 == 0)
                        {
                            b.setNull(i);
                        }
                        else
                        {
                            b.set(i, r.nextInt(100));
                        }
                    }
                    a.setValueCount(rows);
                    b.setValueCount(rows);
                    emitted++;
                    return Batch.of(a, b);
                }

                public boolean finished()
                {
                    return emitted == batches;
                }

                public void close()
                {
                }
            };
        }

        public String describe()
        {
            return "gen";
        }
    }

    public static final class Collect implements Sink
    {
        public final List<long[]> rows = Collections.synchronizedList(new ArrayList<>());
        public boolean committed;

        public boolean parallel()
        {
            return true;
        }

        public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
        {
            return new SinkWriter()
            {
                public void write(final Batch batch)
                {
                    try (batch)
                    {
                        final var r = batch.rows();
                        for (int i = 0; i < r.count(); i++)
                        {
                            final int row = batch.selection() == null ? i : batch.selection().get(i);
                            final long[] out = new long[batch.columnCount()];
                            for (int c = 0; c < out.length; c++)
                            {
                                final BigIntVector v = (BigIntVector)batch.column(c);
                                out[c] = v.isNull(row) ? Long.MIN_VALUE : v.get(row);
                            }
                            rows.add(out);
                        }
                    }
                }

                public void finish()
                {
                }

                public void close()
                {
                }
            };
        }

        public void commit()
        {
            committed = true;
        }

        public String describe()
        {
            return "collect";
        }
    }

    @Test
    void filterProjectParallelMatchesSequential()
    {
        for (final int p : new int[] {1, 2})
        {
            try (RootAllocator root = new RootAllocator();
                 StreamEnvironment env = StreamEnvironment.builder().parallelism(p).morselRows(1000)
                     .allocator(root).build())
            {
                final Collect sink = new Collect();
                final DataStream s = env.from(new Gen(3, 4, 2500)).filter("b > 50").withColumn("c", "a * 2 + b");
                s.writeTo(sink);
                System.out.println(env.explain());
                final JobResult result = env.execute("smoke");
                assertEquals(3 * 4 * 2500, result.rowsRead());
                long expected = 0;
                for (int s2 = 0; s2 < 3; s2++)
                {
                    for (int e = 0; e < 4; e++)
                    {
                        final Random r = new Random(s2 * 1000L + e);
                        for (int i = 0; i < 2500; i++)
                        {
                            if (i % 7 != 0 && r.nextInt(100) > 50)
                            {
                                expected++;
                            }
                        }
                    }
                }
                assertEquals(expected, sink.rows.size());
                for (final long[] row : sink.rows)
                {
                    assertEquals(row[0] * 2 + row[1], row[2]);
                }
                assertEquals(true, sink.committed);
                assertEquals(0, root.getAllocatedMemory());
            }
        }
    }
}
