package io.flightdeck.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void theDevelopmentHashesAreTheDevelopmentTokensHashes() {
    assertThat(DevelopmentCredentials.PRODUCER_TOKEN_HASH)
        .isEqualTo(Tokens.hash(DevelopmentCredentials.PRODUCER_TOKEN));
    assertThat(DevelopmentCredentials.SERVICE_TOKEN_HASH)
        .isEqualTo(Tokens.hash(DevelopmentCredentials.SERVICE_TOKEN));
    assertThat(DevelopmentCredentials.OPERATOR_TOKEN_HASH)
        .isEqualTo(Tokens.hash(DevelopmentCredentials.OPERATOR_TOKEN));
  }

  @Test
  void aHashIsSha256InLowerCaseHex() {
    assertThat(Tokens.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void mintedTokensAreRandom64HexDigits() {
    assertThat(Tokens.mint()).matches("[0-9a-f]{64}").isNotEqualTo(Tokens.mint());
  }

  @Test
  void hashesCompareByValue() {
    assertThat(Tokens.sameHash(Tokens.hash("a"), Tokens.hash("a"))).isTrue();
    assertThat(Tokens.sameHash(Tokens.hash("a"), Tokens.hash("b"))).isFalse();
  }
}
