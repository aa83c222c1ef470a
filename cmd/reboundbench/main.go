// Command reboundbench is Rebound's load benchmark (make bench). It creates its own database,
// seeds it, starts `rebound serve` and a raw baseline (net/http and pgx, see baseline.go) as
// two processes, drives POST /v1/rejections and GET /v1/rejections/{id} at the same
// concurrency against each in alternating rounds, and prints req/s, p50 and p99, statements per
// request and the ratio to the baseline, with Rebound's resident memory. -scenario rows
// measures reads at 10,000 rows and again at 1,000,000 (rows.go). docs/performance.md holds
// the figures and how to read them.
//
//	go run ./cmd/reboundbench [-duration 8s] [-rounds 2] [-concurrency 16] [-smoke]
//	go run ./cmd/reboundbench -scenario rows [-rows 1000000]
//
// -smoke runs everything for a moment and fails only when a request fails: make test runs it
// so the benchmark cannot rot; it asserts no timing.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reboundbench:", err)
		os.Exit(1)
	}
}

type options struct {
	databaseURL string
	rebound     string
	scenario    string
	duration    time.Duration
	warmup      time.Duration
	rounds      int
	concurrency int
	candidates  int
	rows        int
	smoke       bool
	keep        bool
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "baseline" {
		return baselineCommand(ctx, args[1:])
	}
	fs := flag.NewFlagSet("reboundbench", flag.ContinueOnError)
	var o options
	fs.StringVar(&o.databaseURL, "database", envOr("REBOUND_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"),
		"PostgreSQL server to benchmark on (a URL whose user may create databases; the benchmark makes its own)")
	fs.StringVar(&o.rebound, "rebound", "bin/rebound", "the rebound binary to start (make bench builds it)")
	fs.StringVar(&o.scenario, "scenario", "hot", "hot: the two hottest calls against the baseline; rows: reads at 10,000 and 1,000,000 rows")
	fs.DurationVar(&o.duration, "duration", 8*time.Second, "how long each round drives one call against one server")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "load before the measured rounds, per server")
	fs.IntVar(&o.rounds, "rounds", 3, "rounds; each runs the baseline and Rebound in turn, so drift on the machine hits both")
	fs.IntVar(&o.concurrency, "concurrency", 16, "concurrent clients, each on its own keep-alive connection")
	fs.IntVar(&o.candidates, "candidates", 50000, "candidates per server the creates are spread over, round robin (the default gives each at most one rejection in a default run: the create itself; fewer give candidates several open rejections, whose plans every new one refreshes)")
	fs.IntVar(&o.rows, "rows", 1000000, "rows scenario: the rejections of the large database")
	fs.BoolVar(&o.smoke, "smoke", false, "run briefly with small data, fail only on errors (no timing is asserted)")
	fs.BoolVar(&o.keep, "keep", false, "keep the benchmark's database afterwards")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.smoke {
		o.duration, o.warmup, o.rounds, o.candidates, o.rows = 500*time.Millisecond, 200*time.Millisecond, 1, 200, 20000
	}
	switch o.scenario {
	case "hot":
		return hotPath(ctx, o, out)
	case "rows":
		return rowsScenario(ctx, o, out)
	}
	return fmt.Errorf("unknown scenario %q (want hot or rows)", o.scenario)
}

func baselineCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	dbURL := fs.String("database", "", "database URL")
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	steps := fs.Int("steps", 8, "plan steps per create")
	events := fs.Int("events", 2, "events per create")
	conns := fs.Int("conns", 20, "pool size (Rebound's default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return runBaseline(ctx, *dbURL, *addr, baselineShape{steps: *steps, events: *events}, int32(*conns))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
