package iban

import "testing"

func TestValidate(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"DE89 3704 0044 0532 0130 00", true},
		{"GB82WEST12345698765432", true},
		{"GB82WEST12345698765433", false}, // wrong check
		{"NL25ABNA2340967559", false}, // bad check digits
		{"FR5413878424108304290823147", false},
		{"XX82WEST12345698765432", false}, // unknown country
		{"", false},
	}
	for _, c := range cases {
		if got := Validate(c.in) == nil; got != c.want {
			t.Errorf("Validate(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestCardMasking(t *testing.T) {
	// Stripe/Braintree public test numbers only.
	for _, pan := range []string{"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"} {
		if m := MaskPAN(pan); m[len(m)-4:] != pan[len(pan)-4:] {
			t.Fatalf("mask lost last4: %s", m)
		}
	}
	// Luhn-invalid: must be rejected before masking
	if _, err := ParsePAN("4111111111111112"); err == nil {
		t.Fatal("expected luhn error")
	}
	// 13-digit epoch millis are not cards
	if _, err := ParsePAN("1718907813879"); err == nil {
		t.Fatal("timestamp accepted as PAN")
	}
}
