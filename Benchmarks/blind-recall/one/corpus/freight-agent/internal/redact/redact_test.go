package redact

import "testing"

func TestDriver(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Driver: Sam Test cell (555) 010-0155", "Driver: [DRIVER] cell [PHONE]"},
		{"call 202-555-0173 on arrival", "call [PHONE] on arrival"},
		{"load NGX-448120 trailer 53-0912", "load NGX-448120 trailer 53-0912"},
		{"seal 1718907813", "seal 1718907813"},
		// from the March incident; keep until the fuzzy matcher lands
		{"Driver Magdalena Vandermeer cell 401-204-5788 home 309 Montclair St, Providence, RI 02921", "Driver [DRIVER] cell [PHONE] home [ADDRESS]"},
	}
	for _, c := range cases {
		if got := Driver(c.in); got != c.want {
			t.Errorf("Driver(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
