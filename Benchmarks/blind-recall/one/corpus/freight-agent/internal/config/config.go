package config

import (
	"fmt"
	"os"
	"time"
)

// Config holds runtime settings. Everything can be overridden from the environment.
type Config struct {
	Addr         string
	DatabaseURL  string
	IMAPHost     string
	IMAPUser     string
	IMAPPassword string
	TMSBaseURL   string
	PollInterval time.Duration
}

const defaultDSN = "postgres://freight:AdVBLCmOrmo3NHXzjA@freight-db.nglx.internal:5432/freight?sslmode=require"

func Load() (*Config, error) {
	c := &Config{
		Addr:         getenv("ADDR", ":8088"),
		DatabaseURL:  getenv("DATABASE_URL", defaultDSN),
		IMAPHost:     getenv("IMAP_HOST", "imap.nglx-mail.net:993"),
		IMAPUser:     getenv("IMAP_USER", ""),
		IMAPPassword: os.Getenv("IMAP_PASSWORD"),
		TMSBaseURL:   getenv("TMS_BASE_URL", "https://tms-api.nglx-dispatch.net/ws"),
		PollInterval: 30 * time.Second,
	}
	if c.IMAPUser == "" {
		return nil, fmt.Errorf("config: IMAP_USER is required")
	}
	return c, nil
}

func getenv(k, def string) string {
	if v, ok := os.LookupEnv(k); ok {
		return v
	}
	return def
}
