package dev.preflight.migration.prisma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prisma's checksum and comparison, with the values prisma-engines' own tests use. */
class PrismaChecksumTests {

    @Test
    void checksumIsZeroPaddedSha256Hex() {
        assertThat(PrismaChecksum.of("hello")).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void lineEndingsDoNotMatterButContentDoes() {
        String[][] same = {{"ab\ncd\nef\ngh\rab", "ab\r\ncd\r\nef\r\ngh\rab"}, {"ab\ncd\nef\ngh\rab\n", "ab\r\ncd\r\nef\r\ngh\rab\r\n"}};
        for (String[] pair : same) {
            for (String a : pair) {
                for (String b : pair) {
                    assertThat(PrismaChecksum.matches(a, PrismaChecksum.of(b))).as(a + " vs " + b).isTrue();
                }
            }
        }
        assertThat(PrismaChecksum.matches("abc", PrismaChecksum.of("abcd"))).isFalse();
        assertThat(PrismaChecksum.matches("abc\n", PrismaChecksum.of("abc"))).isFalse();
    }

    @Test
    void unpaddedChecksumsOfOlderPrismaVersionsMatch() {
        // "hello" hashes to bytes that include 0x0e: the old format wrote it as "e" (and 0x04 as "4"), 62 characters in all
        String old = PrismaChecksum.unpadded(dev.preflight.migration.MigrationText.sha256("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(old).isEqualTo("2cf24dba5fb0a3e26e83b2ac5b9e29e1b161e5c1fa7425e7343362938b9824");
        assertThat(PrismaChecksum.matches("hello", old)).isTrue();
        assertThat(PrismaChecksum.matches("hellO", old)).isFalse();
    }
}
