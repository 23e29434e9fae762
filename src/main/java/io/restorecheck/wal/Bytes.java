package io.restorecheck.wal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian field access: WAL is written in the server's byte order, little-endian on x86-64 and ARM64. */
final class Bytes {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] b, int p) {
        return b[p] & 0xFF;
    }

    static int u16(byte[] b, int p) {
        return ((short) I16.get(b, p)) & 0xFFFF;
    }

    static int i32(byte[] b, int p) {
        return (int) I32.get(b, p);
    }

    static long u32(byte[] b, int p) {
        return ((int) I32.get(b, p)) & 0xFFFFFFFFL;
    }

    static long i64(byte[] b, int p) {
        return (long) I64.get(b, p);
    }

    static void putI32(byte[] b, int p, int v) {
        I32.set(b, p, v);
    }

    static void putI64(byte[] b, int p, long v) {
        I64.set(b, p, v);
    }

    static void putI16(byte[] b, int p, int v) {
        I16.set(b, p, (short) v);
    }
}
