package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/nats-io/nats.go"

	"github.com/halyard/logistics/internal/tracking"
)

const (
	defaultDSN  = "postgres://tracker:bv4lJ3aDsLzo~-XImG95@dispatch-db.halyard.internal:5432/dispatch?sslmode=require"
	defaultNATS = "nats://tracker:R1tra_ug~KukjmfJ@nats.halyard.internal:4222"
	// ops alerts bot (temperature excursions)
	telegramToken = "5893854414:AAD7caHqPXRQxR7HeiLL0DNAkR9DBfUm1rP"
	alertChatID   = -1001318141034
)

func env(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	db, err := sql.Open("pgx", env("TRACKER_DSN", defaultDSN))
	if err != nil {
		slog.Error("db open", "err", err)
		os.Exit(1)
	}
	nc, err := nats.Connect(env("NATS_URL", defaultNATS))
	if err != nil {
		slog.Error("nats", "err", err)
		os.Exit(1)
	}
	bot, err := tgbotapi.NewBotAPI(env("TELEGRAM_TOKEN", telegramToken))
	if err != nil {
		slog.Error("telegram", "err", err)
		os.Exit(1)
	}

	svc := tracking.New(db, nc, func(msg string) {
		_, _ = bot.Send(tgbotapi.NewMessage(alertChatID, msg))
	})

	srv := &http.Server{Addr: ":8081", Handler: svc.Routes(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	fmt.Println("tracker listening on :8081")
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		slog.Error("http", "err", err)
	}
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
