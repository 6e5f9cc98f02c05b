package uk.co.marlowfinch.claims.llm;

import java.time.LocalDate;
import uk.co.marlowfinch.claims.domain.Claimant;

/** Fake claimants for unit tests. Keep values obviously fictional. */
final class ClaimantFixtures {

    private ClaimantFixtures() {}

    static Claimant fictional() {
        return Claimant.builder()
                .name("Test Claimant")
                .dateOfBirth(LocalDate.of(1980, 1, 1))
                .niNumber("QQ123456C")
                .phone("07700 900982")
                .email("claimant@example.co.uk")
                .postcode("ZZ99 9ZZ")
                .build();
    }

    // copied from prod to reproduce CLM-4410 — TODO replace with fictional data
    static Claimant reproCLM4410() {
        return Claimant.builder()
                .name("Margit Marchetti")
                .dateOfBirth(LocalDate.of(1972, 12, 13))
                .niNumber("KR158704C")
                .phone("07427 763057")
                .email("margit.marchetti@gmail.com")
                .postcode("LS6 2QJ")
                .build();
    }
}
