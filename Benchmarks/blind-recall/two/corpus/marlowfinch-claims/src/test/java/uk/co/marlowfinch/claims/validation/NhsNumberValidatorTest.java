package uk.co.marlowfinch.claims.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberValidatorTest {

    private final NhsNumberValidator validator = new NhsNumberValidator();

    // NHS Digital reserves 999 000 0000 – 999 999 9999 for testing; these pass mod-11.
    @ParameterizedTest
    @ValueSource(strings = {
        "999 851 4835",
        "999 224 3449",
        "9990066736",
        "943 476 5919"
    })
    void acceptsValidNumbers(String n) {
        assertThat(validator.isValid(n)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "7824770110",
        "6671353852",
        "943-476 5919",
        "12345",
        ""
    })
    void rejectsInvalidNumbers(String n) {
        assertThat(validator.isValid(n)).isFalse();
    }

    // Transport: the NHS Spine requires mutual TLS; the validator itself is offline.
    // Claim reference numbers like CLM-2024-0512001 must not be treated as NHS numbers.
}
