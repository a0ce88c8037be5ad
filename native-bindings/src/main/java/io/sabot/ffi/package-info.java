/**
 * Hand-written FFM bindings to libc, libnuma (and, in {@code io.sabot.ffi.uring}, the io_uring syscalls) in the shape
 * jextract emits: one final class per library, descriptors and layouts as constants, downcall handles created once in
 * a nested holder, static methods named like the C functions plus typed wrappers that throw
 * {@link io.sabot.ffi.NativeException} (function, errno, strerror).
 *
 * <p>Every binding reports a {@link io.sabot.ffi.NativeStatus} (available, or library not found, symbol missing, not
 * supported, forced off via {@code -Dsabot.native.disable=libc,libnuma,io_uring|all}); callers check
 * {@code isAvailable()} and take a portable path otherwise. Calling an unavailable binding throws
 * {@link io.sabot.ffi.NativeUnavailableException}.
 */
package io.sabot.ffi;
