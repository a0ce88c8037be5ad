package io.sabot.numa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The machine's NUMA layout: which nodes exist, which CPUs belong to each node, and the node distance matrix (ACPI
 * SLIT units: 10 = local, larger = farther).
 *
 * <p>{@link #detect()} asks libnuma when it is available, else parses {@code /sys/devices/system/node}, else builds a
 * single node holding {@code Runtime.availableProcessors()} CPUs; {@link #source()} says which one was used.
 *
 * <p>Node ids and CPU ids are the kernel's ids; they may be sparse (e.g. nodes 0 and 2 only). Thread-safety:
 * immutable, safe to share. No method accepts or returns {@code null}; returned arrays are copies.
 */
public final class NumaTopology
{
    /**
     * Where a topology came from.
     */
    public enum Source
    {
        /** libnuma queries ({@code numa_max_node}, {@code numa_node_of_cpu}, {@code numa_distance}). */
        LIBNUMA,
        /** {@code /sys/devices/system/node/node*}/{@code cpulist} and {@code distance}. */
        SYSFS,
        /** One node with {@code Runtime.availableProcessors()} CPUs numbered from 0. */
        FALLBACK
    }

    /** Distance the kernel reports between a node and itself. */
    public static final int LOCAL_DISTANCE = 10;
    /** Distance assumed between two different nodes when no distance is known. */
    public static final int REMOTE_DISTANCE = 20;
    /** Default sysfs directory read by {@link #detect()}. */
    public static final Path SYSFS_NODE_DIR = Path.of("/sys/devices/system/node");

    private final Source source;
    private final int[] nodeIds;
    private final int[][] cpusByNodeIndex;
    private final int[][] distanceByIndex;
    private final int[] nodeIndexOfCpu;
    private final int[] cpus;

    private NumaTopology(
        final Source source, final int[] nodeIds, final int[][] cpusByNodeIndex, final int[][] distanceByIndex)
    {
        this.source = source;
        this.nodeIds = nodeIds;
        this.cpusByNodeIndex = cpusByNodeIndex;
        this.distanceByIndex = distanceByIndex;
        int maxCpu = -1;
        int cpuCount = 0;
        for (final int[] nodeCpus : cpusByNodeIndex)
        {
            cpuCount += nodeCpus.length;
            for (final int cpu : nodeCpus)
            {
                maxCpu = Math.max(maxCpu, cpu);
            }
        }
        this.nodeIndexOfCpu = new int[maxCpu + 1];
        Arrays.fill(nodeIndexOfCpu, -1);
        final int[] all = new int[cpuCount];
        int k = 0;
        for (int i = 0; i < cpusByNodeIndex.length; i++)
        {
            for (final int cpu : cpusByNodeIndex[i])
            {
                if (nodeIndexOfCpu[cpu] != -1)
                {
                    throw new IllegalArgumentException("cpu " + cpu + " is listed in two nodes");
                }
                nodeIndexOfCpu[cpu] = i;
                all[k++] = cpu;
            }
        }
        Arrays.sort(all);
        this.cpus = all;
    }

    /**
     * Builds a topology from explicit tables (used by the detectors and by tests).
     *
     * @param source   where the data came from.
     * @param nodeIds  node ids, strictly ascending, at least one.
     * @param cpus     {@code cpus[i]} = the CPU ids of node {@code nodeIds[i]} (may be empty: a memory-only node).
     * @param distance {@code distance[i][j]} = distance from node {@code nodeIds[i]} to {@code nodeIds[j]}.
     * @return the topology (arrays are copied).
     * @throws IllegalArgumentException if the tables are inconsistent.
     */
    public static NumaTopology of(final Source source, final int[] nodeIds, final int[][] cpus, final int[][] distance)
    {
        if (nodeIds.length == 0 || cpus.length != nodeIds.length || distance.length != nodeIds.length)
        {
            throw new IllegalArgumentException("need one cpu list and one distance row per node");
        }
        for (int i = 1; i < nodeIds.length; i++)
        {
            if (nodeIds[i] <= nodeIds[i - 1])
            {
                throw new IllegalArgumentException("node ids must be strictly ascending: " + Arrays.toString(nodeIds));
            }
        }
        final int[][] cpuCopy = new int[cpus.length][];
        final int[][] distCopy = new int[distance.length][];
        for (int i = 0; i < nodeIds.length; i++)
        {
            if (distance[i].length != nodeIds.length)
            {
                throw new IllegalArgumentException("distance row " + i + " has " + distance[i].length + " entries");
            }
            cpuCopy[i] = cpus[i].clone();
            for (final int cpu : cpuCopy[i])
            {
                if (cpu < 0)
                {
                    throw new IllegalArgumentException("negative cpu id " + cpu);
                }
            }
            Arrays.sort(cpuCopy[i]);
            distCopy[i] = distance[i].clone();
        }
        return new NumaTopology(source, nodeIds.clone(), cpuCopy, distCopy);
    }

    /**
     * Detects the topology: libnuma, else sysfs, else the single-node fallback. Never fails.
     *
     * @return the detected topology.
     */
    public static NumaTopology detect()
    {
        final Optional<NumaTopology> fromLib = LibNumaTopology.read();
        if (fromLib.isPresent())
        {
            return fromLib.get();
        }
        return detectWithoutLibnuma();
    }

    /**
     * Detects the topology from sysfs, else the single-node fallback, ignoring libnuma. Never fails.
     *
     * @return the detected topology.
     */
    public static NumaTopology detectWithoutLibnuma()
    {
        try
        {
            final Optional<NumaTopology> fromSysfs = fromSysfs(SYSFS_NODE_DIR);
            if (fromSysfs.isPresent())
            {
                return fromSysfs.get();
            }
        }
        catch (final RuntimeException ignored)
        {
            // unreadable or malformed sysfs: the portable fallback is still correct, just less informed
        }
        return fallback(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cpuCount number of CPUs, at least 1.
     * @return one node (id 0) holding CPUs {@code 0..cpuCount-1}, source {@link Source#FALLBACK}.
     */
    public static NumaTopology fallback(final int cpuCount)
    {
        if (cpuCount < 1)
        {
            throw new IllegalArgumentException("cpuCount must be >= 1: " + cpuCount);
        }
        final int[] cpuIds = new int[cpuCount];
        Arrays.setAll(cpuIds, i -> i);
        return new NumaTopology(
            Source.FALLBACK, new int[] {0}, new int[][] {cpuIds}, new int[][] {{LOCAL_DISTANCE}});
    }

    /**
     * Parses a sysfs node directory laid out as the kernel's:
     * <pre>
     *   root/
     *     node0/cpulist     "0-3,8-11"      (missing or empty: a node without CPUs)
     *     node0/distance    "10 21"         (one entry per node, in ascending node-id order; missing: 10/20)
     *     node1/...
     * </pre>
     *
     * @param root the directory holding {@code node<N>} subdirectories.
     * @return the topology, or empty if {@code root} is missing or holds no {@code node<N>} directory.
     * @throws IllegalArgumentException if a cpulist or distance file is malformed.
     * @throws UncheckedIOException     if a present file cannot be read.
     */
    public static Optional<NumaTopology> fromSysfs(final Path root)
    {
        if (!Files.isDirectory(root))
        {
            return Optional.empty();
        }
        final List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "node[0-9]*"))
        {
            for (final Path dir : dirs)
            {
                final String name = dir.getFileName().toString().substring(4);
                if (Files.isDirectory(dir) && !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                {
                    ids.add(Integer.parseInt(name));
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        if (ids.isEmpty())
        {
            return Optional.empty();
        }
        final int[] nodeIds = ids.stream().mapToInt(Integer::intValue).sorted().toArray();
        final int n = nodeIds.length;
        final int[][] cpuLists = new int[n][];
        final int[][] distance = new int[n][];
        for (int i = 0; i < n; i++)
        {
            final Path dir = root.resolve("node" + nodeIds[i]);
            final String cpulist = readOrNull(dir.resolve("cpulist"));
            cpuLists[i] = cpulist == null ? new int[0] : parseCpuList(cpulist);
            final String dist = readOrNull(dir.resolve("distance"));
            distance[i] = dist == null ? defaultDistanceRow(i, n) : parseDistanceRow(dist, i, n, dir);
        }
        return Optional.of(of(Source.SYSFS, nodeIds, cpuLists, distance));
    }

    /**
     * Parses the kernel's CPU list format ({@code cpulist}, {@code cpuset.cpus}): comma-separated ids and inclusive
     * ranges, e.g. {@code "0-3,8-11"}, {@code "5"}, {@code ""}; surrounding whitespace is ignored.
     *
     * @param text the list.
     * @return the ids in ascending order without duplicates.
     * @throws IllegalArgumentException if the text is malformed.
     */
    public static int[] parseCpuList(final String text)
    {
        final String trimmed = text.strip();
        if (trimmed.isEmpty())
        {
            return new int[0];
        }
        final List<Integer> out = new ArrayList<>();
        for (final String part : trimmed.split(","))
        {
            final String p = part.strip();
            try
            {
                final int dash = p.indexOf('-');
                if (dash < 0)
                {
                    out.add(nonNegative(Integer.parseInt(p), text));
                }
                else
                {
                    final int lo = nonNegative(Integer.parseInt(p.substring(0, dash)), text);
                    final int hi = nonNegative(Integer.parseInt(p.substring(dash + 1)), text);
                    if (hi < lo)
                    {
                        throw new IllegalArgumentException("descending range '" + p + "' in cpu list '" + text + "'");
                    }
                    for (int c = lo; c <= hi; c++)
                    {
                        out.add(c);
                    }
                }
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("malformed cpu list '" + text + "'", e);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    /**
     * @return where this topology came from.
     */
    public Source source()
    {
        return source;
    }

    /**
     * @return the number of nodes (at least 1).
     */
    public int nodeCount()
    {
        return nodeIds.length;
    }

    /**
     * @return the node ids in ascending order.
     */
    public int[] nodeIds()
    {
        return nodeIds.clone();
    }

    /**
     * @return the number of CPUs over all nodes.
     */
    public int cpuCount()
    {
        return cpus.length;
    }

    /**
     * @return every CPU id in ascending order.
     */
    public int[] cpus()
    {
        return cpus.clone();
    }

    /**
     * @param node a node id.
     * @return its CPU ids in ascending order (empty for a memory-only node).
     * @throws IllegalArgumentException if the node does not exist.
     */
    public int[] cpusOfNode(final int node)
    {
        return cpusByNodeIndex[indexOfNode(node)].clone();
    }

    /**
     * @param cpu a CPU id.
     * @return its node id, or {@code -1} if the CPU is not in this topology.
     */
    public int nodeOfCpu(final int cpu)
    {
        if (cpu < 0 || cpu >= nodeIndexOfCpu.length || nodeIndexOfCpu[cpu] < 0)
        {
            return -1;
        }
        return nodeIds[nodeIndexOfCpu[cpu]];
    }

    /**
     * @param from a node id.
     * @param to   a node id.
     * @return the distance from {@code from} to {@code to} (10 = local).
     * @throws IllegalArgumentException if either node does not exist.
     */
    public int distance(final int from, final int to)
    {
        return distanceByIndex[indexOfNode(from)][indexOfNode(to)];
    }

    /**
     * Steal order for a worker on {@code node}: every node, nearest first ({@code node} itself first); ties by
     * ascending id.
     *
     * @param node a node id.
     * @return all node ids ordered by distance from {@code node}.
     */
    public int[] nodesByDistanceFrom(final int node)
    {
        final int from = indexOfNode(node);
        final Integer[] order = new Integer[nodeIds.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) ->
        {
            if ((a == from) != (b == from))
            {
                return a == from ? -1 : 1;
            }
            final int c = Integer.compare(distanceByIndex[from][a], distanceByIndex[from][b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        final int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = nodeIds[order[i]];
        }
        return out;
    }

    /**
     * Steal order for a worker on {@code cpu}: every CPU, {@code cpu} itself first, then by distance of their nodes
     * from {@code cpu}'s node; CPUs at equal distance come in ascending id rotated to start after {@code cpu}, so
     * neighbouring workers do not all pick the same first victim.
     *
     * @param cpu a CPU id of this topology.
     * @return all CPU ids in steal order.
     * @throws IllegalArgumentException if the CPU is not in this topology.
     */
    public int[] cpusByDistanceFrom(final int cpu)
    {
        final int node = nodeOfCpu(cpu);
        if (node < 0)
        {
            throw new IllegalArgumentException("cpu " + cpu + " is not in the topology " + this);
        }
        final int from = indexOfNode(node);
        final int span = nodeIndexOfCpu.length;
        final Integer[] order = new Integer[cpus.length];
        for (int i = 0; i < cpus.length; i++)
        {
            order[i] = cpus[i];
        }
        Arrays.sort(order, (a, b) ->
        {
            final int c = Integer.compare(
                distanceByIndex[from][nodeIndexOfCpu[a]], distanceByIndex[from][nodeIndexOfCpu[b]]);
            if (c != 0)
            {
                return c;
            }
            return Integer.compare(Math.floorMod(a - cpu, span), Math.floorMod(b - cpu, span));
        });
        final int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = order[i];
        }
        return out;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("NumaTopology{source=").append(source);
        for (int i = 0; i < nodeIds.length; i++)
        {
            sb.append(", node").append(nodeIds[i]).append("=cpus").append(Arrays.toString(cpusByNodeIndex[i]))
                .append(" dist").append(Arrays.toString(distanceByIndex[i]));
        }
        return sb.append('}').toString();
    }

    private int indexOfNode(final int node)
    {
        final int i = Arrays.binarySearch(nodeIds, node);
        if (i < 0)
        {
            throw new IllegalArgumentException("no node " + node + " in " + Arrays.toString(nodeIds));
        }
        return i;
    }

    private static int[] defaultDistanceRow(final int self, final int n)
    {
        final int[] row = new int[n];
        Arrays.fill(row, REMOTE_DISTANCE);
        row[self] = LOCAL_DISTANCE;
        return row;
    }

    private static int[] parseDistanceRow(final String text, final int self, final int n, final Path dir)
    {
        final String trimmed = text.strip();
        if (trimmed.isEmpty())
        {
            return defaultDistanceRow(self, n);
        }
        final String[] parts = trimmed.split("\\s+");
        if (parts.length != n)
        {
            // a node directory appeared or vanished (hotplug) or a fake tree is partial: keep the sane default
            return defaultDistanceRow(self, n);
        }
        final int[] row = new int[n];
        for (int j = 0; j < n; j++)
        {
            try
            {
                row[j] = Integer.parseInt(parts[j]);
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("malformed distance '" + trimmed + "' in " + dir, e);
            }
        }
        return row;
    }

    private static String readOrNull(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final NoSuchFileException e)
        {
            return null;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int nonNegative(final int v, final String text)
    {
        if (v < 0)
        {
            throw new IllegalArgumentException("negative cpu id in '" + text + "'");
        }
        return v;
    }
}
