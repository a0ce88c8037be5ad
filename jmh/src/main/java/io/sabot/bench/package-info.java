/**
 * Sabot's JMH suite and the {@code ./sabot} entry point: seeded benchmark data, the kernel demo, and one sub-package per kernel family with the SIMD path beside its scalar twin in each class.
 */
package io.sabot.bench;
