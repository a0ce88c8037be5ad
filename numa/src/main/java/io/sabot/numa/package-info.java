/**
 * NUMA awareness for Sabot's workers: the machine topology ({@link io.sabot.numa.NumaTopology}), pinning threads to
 * CPUs or nodes ({@link io.sabot.numa.CpuAffinity}, {@link io.sabot.numa.PinnedThreadFactory}), node-local off-heap
 * memory ({@link io.sabot.numa.NodeMemory}) and an Arrow allocation manager that places buffers on a chosen node
 * ({@link io.sabot.numa.NumaAllocationManager}).
 *
 * <p>Everything here degrades rather than fails: without libnuma the topology comes from sysfs (else a single node),
 * without libc pinning is a reported no-op, and memory falls back to plain {@code malloc}. The system property
 * {@code sabot.native.disable=libc,libnuma,all} forces these portable paths (tests run both).
 */
package io.sabot.numa;
