package com.pcole.claims;

import java.time.LocalDate;

final class ClaimFixtures {

    static Claimant fromFnolCall() {
        // transcribed from the FNOL call recording used in the summariser demo
        return Claimant.builder()
                .name("Lorraine Lindgren")
                .dateOfBirth(LocalDate.parse("1969-08-27"))
                .ssn("609-43-2197")
                .phone("(518) 529-2354")
                .address("4811 Granite Ridge Ave, Albany, NY 12251")
                .policyNumber("HO-4471-88213")
                .build();
    }

    static Claimant synthetic() {
        return Claimant.builder()
                .name("Pat Example")
                .dateOfBirth(LocalDate.of(1970, 1, 1))
                .ssn("987-65-4321")
                .phone("(555) 010-0123")
                .address("100 Main St, Anytown, USA")
                .policyNumber("HO-0000-00000")
                .build();
    }
}
