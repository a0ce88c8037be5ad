/**
 * The physical reference: headline kernels in C, compiled with gcc at benchmark time and called through FFM.
 */
package io.sabot.bench.ref;
