package io.sabot.numa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sabot.common.SabotException;
import io.sabot.ffi.LibNuma;

/**
 * Reads a {@link NumaTopology} through libnuma: nodes {@code 0..numa_max_node()} whose self-distance is non-zero
 * (libnuma reports 0 for a node that does not exist, so sparse ids work), CPUs {@code 0..numa_num_configured_cpus()-1}
 * placed with {@code numa_node_of_cpu}, and {@code numa_distance} for the matrix.
 *
 * <p>Thread-safety: stateless.
 */
final class LibNumaTopology
{
    private LibNumaTopology()
    {
    }

    /**
     * @return the topology, or empty when libnuma is unavailable or answers inconsistently.
     */
    static Optional<NumaTopology> read()
    {
        if (!LibNuma.isAvailable())
        {
            return Optional.empty();
        }
        try
        {
            final int maxNode = LibNuma.numa_max_node();
            final List<Integer> nodes = new ArrayList<>();
            for (int node = 0; node <= maxNode; node++)
            {
                if (LibNuma.numa_distance(node, node) != 0)
                {
                    nodes.add(node);
                }
            }
            if (nodes.isEmpty())
            {
                return Optional.empty();
            }
            final int n = nodes.size();
            final int[] nodeIds = nodes.stream().mapToInt(Integer::intValue).toArray();
            final List<List<Integer>> cpus = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                cpus.add(new ArrayList<>());
            }
            final int cpuCount = LibNuma.numa_num_configured_cpus();
            for (int cpu = 0; cpu < cpuCount; cpu++)
            {
                final int node = LibNuma.numa_node_of_cpu(cpu);
                final int index = nodes.indexOf(node);
                if (index >= 0)
                {
                    cpus.get(index).add(cpu);
                }
            }
            final int[][] cpuLists = new int[n][];
            final int[][] distance = new int[n][n];
            for (int i = 0; i < n; i++)
            {
                cpuLists[i] = cpus.get(i).stream().mapToInt(Integer::intValue).toArray();
                for (int j = 0; j < n; j++)
                {
                    distance[i][j] = LibNuma.numa_distance(nodeIds[i], nodeIds[j]);
                }
            }
            return Optional.of(NumaTopology.of(NumaTopology.Source.LIBNUMA, nodeIds, cpuLists, distance));
        }
        catch (final SabotException | IllegalArgumentException e)
        {
            // a partial or inconsistent answer: sysfs is the better source then
            return Optional.empty();
        }
    }
}
