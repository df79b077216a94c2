package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary COPY encoding, read back field by field as PostgreSQL reads it. */
class BinaryCopyTests {

    private static String text(DataInputStream in) throws Exception {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void rowsAreEncodedInCopysBinaryFormatWithPgvectorsLayout() throws Exception {
        // given
        List<EmbeddedRow> rows = List.of(EmbeddedRow.embedded("row-é1", "h1", false, EmbeddedRow.StateRecord.NONE, new float[] {0.5f, -1.25f, 3f}),
                EmbeddedRow.embedded("r2", "hash2", true, EmbeddedRow.StateRecord.WRITTEN_AHEAD, new float[] {1f, 2f, Float.MIN_VALUE}));

        // when
        byte[] bytes = BinaryCopy.encode(rows, 3);

        // then
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] signature = new byte[11];
        in.readFully(signature);
        assertThat(new String(signature, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("PGCOP");
        assertThat(in.readInt()).isZero();
        assertThat(in.readInt()).isZero();
        for (EmbeddedRow r : rows) {
            assertThat(in.readShort()).isEqualTo((short) 4);
            assertThat(text(in)).isEqualTo(r.id());
            assertThat(in.readInt()).isEqualTo(4 + 4 * 3);
            assertThat(in.readShort()).isEqualTo((short) 3);
            assertThat(in.readShort()).isZero();
            for (float f : r.vector()) {
                assertThat(in.readFloat()).isEqualTo(f);
            }
            assertThat(text(in)).isEqualTo(r.hash());
            assertThat(in.readInt()).isEqualTo(2);
            assertThat(in.readShort()).isEqualTo(r.record().code());
        }
        assertThat(in.readShort()).isEqualTo((short) -1);
        assertThat(in.available()).isZero();
    }

    @Test
    void aPageCarriesTheCopyOfItsRowsWithAVectorInPageOrderAndNoneWhenNoRowHasOne() {
        EmbeddedRow a = EmbeddedRow.embedded("1", "h1", false, EmbeddedRow.StateRecord.NONE, new float[] {1f, 0f});
        EmbeddedRow skipped = EmbeddedRow.issue("2", "h2", false, EmbeddedRow.StateRecord.NONE, EmbeddedRow.Issue.SKIPPED, "empty text");
        EmbeddedRow b = EmbeddedRow.embedded("3", "h3", true, EmbeddedRow.StateRecord.EXISTING, new float[] {0f, 1f});

        Page page = new Page(List.of(a, skipped, b), 2);

        assertThat(page.size()).isEqualTo(3);
        assertThat(page.vectorCopy()).isEqualTo(BinaryCopy.encode(List.of(a, b), 2));
        assertThat(new Page(List.of(skipped), 2).vectorCopy()).isNull();
    }
}
