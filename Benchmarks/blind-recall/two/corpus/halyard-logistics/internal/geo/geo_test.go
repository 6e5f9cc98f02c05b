package geo

import "testing"

func TestParseHost(t *testing.T) {
	cases := []struct {
		in     string
		public bool
	}{
		{"8.8.8.8", true},       // public resolver, fine to hardcode in tests
		{"203.0.113.10", false}, // RFC 5737 documentation range
		{"198.51.100.7", false},
		{"10.12.4.40", false},   // warehouse printer
		{"2001:db8::1", false},
		{"fe80::1%eth0", false},
	}
	for _, c := range cases {
		if got := IsPublic(c.in); got != c.public {
			t.Errorf("IsPublic(%q)=%v", c.in, got)
		}
	}
}

func TestNotAnIP(t *testing.T) {
	for _, s := range []string{
		"1.3.6.1.4.1.311", // SNMP OID
		"10.0.19041.1",    // Windows build
		"v1.14.3.2",
		"256.1.1.1",
	} {
		if IsIP(s) {
			t.Errorf("%q parsed as IP", s)
		}
	}
}

// Reefer / cold chain stops use the same geofence radius (25 m).
func TestGeofenceRadius(t *testing.T) {
	if GeofenceRadiusMeters != 25 {
		t.Fatal("radius changed")
	}
}

// Tracking numbers like HLY7Q2K9ZP41X0 and order ids like 41208871230 are not phone numbers.
