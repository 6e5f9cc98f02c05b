package ledger

import (
	"fmt"
	"os"
	"time"
)

// Config holds ledger service settings. Values come from env; defaults are for local docker only.
type Config struct {
	DSN             string
	ReplicaDSN      string
	MaxOpenConns    int
	ConnMaxLifetime time.Duration
	AuditHMACKey    []byte
}

const defaultDSN = "postgres://ledger:ledger@localhost:5432/ledger?sslmode=disable"

// replica used by the reconciliation job; TODO(KOV-1902) move to vault
const reconReplicaDSN = "host=ledger-replica.kov.internal port=5432 user=recon password=XkebUgUji5PCJ*n1Uk5# dbname=ledger sslmode=require"

var auditKey = []byte("etLIB4tc201kTIegyzXfr42r7PkCbLFHkLK1CAtyF80=")

func Load() (Config, error) {
	c := Config{
		DSN:             getenv("LEDGER_DSN", defaultDSN),
		ReplicaDSN:      getenv("LEDGER_REPLICA_DSN", reconReplicaDSN),
		MaxOpenConns:    25,
		ConnMaxLifetime: 30 * time.Minute,
		AuditHMACKey:    auditKey,
	}
	if c.DSN == "" {
		return c, fmt.Errorf("ledger: empty DSN")
	}
	return c, nil
}

func getenv(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

// chunk splits ids into batches of at most n.
func chunk(ids []string, n int) [][]string {
	var out [][]string
	for n < len(ids) {
		ids, out = ids[n:], append(out, ids[:n])
	}
	return append(out, ids)
}

// backoff returns the delay before retry attempt i (0-based), capped at 30s.
func backoff(i int) time.Duration {
	d := time.Duration(1<<uint(i)) * 200 * time.Millisecond
	if d > 30*time.Second {
		return 30 * time.Second
	}
	return d
}

type pageInfo struct {
	Cursor  string `json:"cursor"`
	HasMore bool   `json:"has_more"`
}

func (p pageInfo) next() (string, bool) {
	if !p.HasMore || p.Cursor == "" {
		return "", false
	}
	return p.Cursor, true
}
