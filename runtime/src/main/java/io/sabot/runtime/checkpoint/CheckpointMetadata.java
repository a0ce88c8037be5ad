package io.sabot.runtime.checkpoint;

import io.sabot.common.StateException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a completed checkpoint or savepoint holds besides the operator directories: the plan shape it was taken
 * from, every source split with its position, and every transactional sink's pre-committed handles. Immutable.
 *
 * <pre>
 *   _metadata: "SBCK" | version int | id long | timestamp long | savepoint bool
 *              | stages int | per stage: id int, parallelism int, operators int, per operator: description utf
 *                                         | splits int (-1: not a source stage), per split: bytes, position bytes
 *                                           (length -1: start of split), finished bool
 *              | sinks int | per sink: description utf, handles int, per handle: bytes
 * </pre>
 *
 * @param id        the checkpoint id.
 * @param timestamp when it was triggered (ms since the epoch).
 * @param savepoint whether it is a self-contained savepoint.
 * @param stages    per stage of the plan, in stage order.
 * @param sinks     per transactional sink, in the job's sink order.
 */
public record CheckpointMetadata(long id, long timestamp, boolean savepoint, List<StageState> stages,
                                 List<SinkState> sinks)
{
    private static final int MAGIC = 0x5342434B;
    private static final int VERSION = 1;

    /**
     * One stage.
     *
     * @param stageId     the stage id.
     * @param parallelism its instances when the checkpoint was taken.
     * @param operators   its operators' descriptions (to refuse restoring into another job).
     * @param splits      for a source stage, every split; else null.
     */
    public record StageState(int stageId, int parallelism, List<String> operators, List<SplitState> splits)
    {
    }

    /**
     * One source split.
     *
     * @param split    the split's encoding ({@code CheckpointedSource.encodeSplit}).
     * @param position the reader's position, or null when it had not read yet.
     * @param finished whether the split was read to its end.
     */
    public record SplitState(byte[] split, byte[] position, boolean finished)
    {
    }

    /**
     * One transactional sink.
     *
     * @param description the sink's description.
     * @param handles     per writer instance, its pre-committed transaction.
     */
    public record SinkState(String description, List<byte[]> handles)
    {
    }

    /** @return the encoded metadata. */
    public byte[] encode()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(id);
            out.writeLong(timestamp);
            out.writeBoolean(savepoint);
            out.writeInt(stages.size());
            for (final StageState stage : stages)
            {
                out.writeInt(stage.stageId());
                out.writeInt(stage.parallelism());
                out.writeInt(stage.operators().size());
                for (final String operator : stage.operators())
                {
                    out.writeUTF(operator);
                }
                if (stage.splits() == null)
                {
                    out.writeInt(-1);
                }
                else
                {
                    out.writeInt(stage.splits().size());
                    for (final SplitState split : stage.splits())
                    {
                        writeBytes(out, split.split());
                        writeBytes(out, split.position());
                        out.writeBoolean(split.finished());
                    }
                }
            }
            out.writeInt(sinks.size());
            for (final SinkState sink : sinks)
            {
                out.writeUTF(sink.description());
                out.writeInt(sink.handles().size());
                for (final byte[] handle : sink.handles())
                {
                    writeBytes(out, handle);
                }
            }
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes  an encoding from {@link #encode()}.
     * @param source where the bytes came from (for errors).
     * @return the metadata.
     * @throws StateException when the bytes are not complete checkpoint metadata.
     */
    public static CheckpointMetadata decode(final byte[] bytes, final String source)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            if (in.readInt() != MAGIC)
            {
                throw new StateException(source + " is not Sabot checkpoint metadata");
            }
            final int version = in.readInt();
            if (version != VERSION)
            {
                throw new StateException(source + " has metadata version " + version + ", this Sabot reads " +
                    VERSION);
            }
            final long id = in.readLong();
            final long timestamp = in.readLong();
            final boolean savepoint = in.readBoolean();
            final int stageCount = in.readInt();
            final List<StageState> stages = new ArrayList<>(stageCount);
            for (int s = 0; s < stageCount; s++)
            {
                final int stageId = in.readInt();
                final int parallelism = in.readInt();
                final int operatorCount = in.readInt();
                final List<String> operators = new ArrayList<>(operatorCount);
                for (int k = 0; k < operatorCount; k++)
                {
                    operators.add(in.readUTF());
                }
                final int splitCount = in.readInt();
                List<SplitState> splits = null;
                if (splitCount >= 0)
                {
                    splits = new ArrayList<>(splitCount);
                    for (int k = 0; k < splitCount; k++)
                    {
                        splits.add(new SplitState(readBytes(in), readBytes(in), in.readBoolean()));
                    }
                }
                stages.add(new StageState(stageId, parallelism, List.copyOf(operators), splits));
            }
            final int sinkCount = in.readInt();
            final List<SinkState> sinks = new ArrayList<>(sinkCount);
            for (int s = 0; s < sinkCount; s++)
            {
                final String description = in.readUTF();
                final int handleCount = in.readInt();
                final List<byte[]> handles = new ArrayList<>(handleCount);
                for (int k = 0; k < handleCount; k++)
                {
                    handles.add(readBytes(in));
                }
                sinks.add(new SinkState(description, handles));
            }
            if (in.available() != 0)
            {
                throw new StateException(source + " has " + in.available() + " trailing bytes");
            }
            return new CheckpointMetadata(id, timestamp, savepoint, stages, sinks);
        }
        catch (final IOException e)
        {
            throw new StateException(source + " is truncated or corrupt: " + e, e);
        }
    }

    private static void writeBytes(final DataOutputStream out, final byte[] bytes) throws IOException
    {
        if (bytes == null)
        {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(final DataInputStream in) throws IOException
    {
        final int length = in.readInt();
        if (length < 0)
        {
            return null;
        }
        final byte[] bytes = in.readNBytes(length);
        if (bytes.length != length)
        {
            throw new java.io.EOFException("expected " + length + " bytes, found " + bytes.length);
        }
        return bytes;
    }
}
