// Command rebound is Rebound's single binary: the API server and the operator's tools.
//
//	rebound serve                                   run the API and the workers (migrates first, see openStore)
//	rebound worker                                  run only the workers (dispatcher, scheduler, janitor)
//	rebound migrate                                 apply database migrations and exit
//	rebound tenant create --name NAME               create a tenant; prints its first API key
//	rebound key create --tenant ID --scopes read,write [--name NAME]
//	rebound key revoke ID
//	rebound healthcheck                             exit 0 when the local server answers /readyz
//
// DATABASE_URL selects PostgreSQL; without it an SQLite file under REBOUND_DATA_DIR is used.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // candidates' time zones must load on hosts without a tz database

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

const usage = `usage:
  rebound serve              (the API and, unless REBOUND_WORKERS=0, the background workers)
  rebound worker             (only the background workers, with /healthz, /readyz and /metrics)
  rebound migrate
  rebound tenant create --name NAME
  rebound key create --tenant ID --scopes read,write[,admin] [--name NAME]
  rebound key revoke ID
  rebound healthcheck        (exit 0 when the local server is ready; for container health checks)
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "rebound:", err)
		os.Exit(1)
	}
}

// errUsage marks a command line that does not parse.
var errUsage = errors.New("invalid command line")

// run dispatches a command line. It takes its environment and outputs as arguments so tests can
// drive it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(stderr, cfg.LogLevel)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch strings.Join(args[:min(len(args), 2)], " ") {
	case "tenant create":
		return tenantCreate(ctx, cfg, args[2:], stdout, stderr)
	case "key create":
		return keyCreate(ctx, cfg, args[2:], stdout, stderr)
	case "key revoke":
		return keyRevoke(ctx, cfg, args[2:], stdout, stderr)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, logger, stdout)
	case "worker":
		return worker(ctx, cfg, logger, stdout)
	case "healthcheck":
		return healthcheck(ctx, cfg)
	case "migrate":
		if cfg.DBPoolMode == store.PoolTransaction && cfg.MigrateDatabaseURL == "" {
			return errMigrateThroughPooler
		}
		st, err := openStore(ctx, cfg, nil)
		if err != nil {
			return err
		}
		defer st.Close()
		fmt.Fprintf(stdout, "migrations applied (%s)\n", st.Dialect())
		return nil
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

func tenantCreate(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tenant create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("name", "", "tenant name (required)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if strings.TrimSpace(*name) == "" || len(*name) > 200 || fs.NArg() > 0 {
		fmt.Fprint(stderr, "tenant create needs --name NAME (at most 200 characters)\n")
		return errUsage
	}
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	t, key, err := app.New(app.Config{Store: st}).CreateTenant(ctx, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "tenant %s (%s) created with API key %s (scopes %s).\nThe key is shown once; store it now:\n%s\n", t.ID, t.Name, key.Key.ID, key.Key.Scopes, key.Secret)
	return nil
}

func keyCreate(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("key create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tenant := fs.String("tenant", "", "tenant id (required)")
	scopes := fs.String("scopes", "read,write", "comma-separated scopes: read, write, admin")
	name := fs.String("name", "", "a label for the key")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	normalized, ok := model.NormalizeScopes(strings.Split(*scopes, ","))
	if !model.ValidID(model.PrefixTenant, *tenant) || !ok || fs.NArg() > 0 {
		fmt.Fprint(stderr, "key create needs --tenant ten_… and --scopes from read,write,admin\n")
		return errUsage
	}
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Tenant(ctx, *tenant); err != nil {
		return fmt.Errorf("tenant %s: %w", *tenant, err)
	}
	out, err := app.New(app.Config{Store: st}).CreateAPIKey(ctx, *tenant, *name, strings.Split(normalized, ","))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "API key %s created for tenant %s (scopes %s). The key is shown once; store it now:\n%s\n", out.Key.ID, *tenant, out.Key.Scopes, out.Secret)
	return nil
}

func keyRevoke(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 || !model.ValidID(model.PrefixAPIKey, args[0]) {
		fmt.Fprint(stderr, "key revoke needs one API key id (key_…)\n")
		return errUsage
	}
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	key, err := app.New(app.Config{Store: st}).RevokeAPIKeyAnyTenant(ctx, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "API key %s of tenant %s revoked at %s\n", key.ID, key.TenantID, key.RevokedAt.UTC().Format("2006-01-02T15:04:05Z"))
	return nil
}

// healthcheck asks the local server's /readyz, for container health checks in images that have
// no curl.
func healthcheck(ctx context.Context, cfg config) error {
	host := cfg.Addr
	if strings.HasPrefix(host, ":") {
		host = "127.0.0.1" + host
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+host+"/readyz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s", res.Status)
	}
	return nil
}
