package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/reboundhq/rebound/api"
	"github.com/reboundhq/rebound/internal/dispatch"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// serve runs the API until ctx is cancelled (SIGTERM or SIGINT), then drains in-flight requests
// for up to the shutdown timeout before closing the database.
func serve(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bootstrap(ctx, st, cfg, stdout); err != nil {
		return err
	}
	cursorKey, err := st.ServerSecret(ctx, "cursor")
	if err != nil {
		return err
	}
	dispatcher := &dispatch.Dispatcher{
		Store:           st,
		Client:          webhook.NewClient(webhook.ClientOptions{AllowPrivate: cfg.WebhookAllowPrivate}),
		Policy:          webhook.URLPolicy{AllowHTTP: cfg.WebhookAllowHTTP, AllowPrivate: cfg.WebhookAllowPrivate},
		Logger:          logger,
		Owner:           workerID(),
		Interval:        cfg.DispatchInterval,
		Lease:           cfg.DispatchLease,
		DisabledPayload: api.WebhookEndpointPayload,
	}
	apiCfg := api.Config{
		Store: st, Logger: logger, RateLimit: cfg.RateLimit, RateBurst: cfg.RateBurst,
		PublicURL: cfg.PublicURL, CursorKey: cursorKey,
		Webhooks:       api.WebhookPolicy{AllowHTTP: cfg.WebhookAllowHTTP, AllowPrivate: cfg.WebhookAllowPrivate},
		TrustedProxies: cfg.TrustedProxies,
	}
	if cfg.Workers > 0 {
		apiCfg.Notify = dispatcher.Notify
	}
	srv := api.New(apiCfg)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	workerCtx, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	var workers sync.WaitGroup
	if cfg.Workers > 0 {
		dispatcher.Concurrency = 8 * cfg.Workers
		workers.Add(3)
		go func() { defer workers.Done(); janitor(workerCtx, st, srv, cfg, logger) }()
		go func() { defer workers.Done(); dispatcher.Run(workerCtx) }()
		go func() { defer workers.Done(); stepScheduler(workerCtx, srv, cfg, logger) }()
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	logger.Info("rebound serving", "addr", ln.Addr().String(), "database", st.Dialect(), "docs", cfg.PublicURL+"/docs")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: draining in-flight requests", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		stopWorkers()
		return fmt.Errorf("shutdown: %w", err)
	}
	// Workers stop after the last request: an in-flight delivery is abandoned and stays pending,
	// so the next dispatcher re-sends it with the same webhook-id.
	stopWorkers()
	workers.Wait()
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// workerID names this process in endpoint leases: host, pid and a random suffix.
func workerID() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(model.RandomToken(4)))
}

// bootstrap creates a first tenant on an empty database and prints its key, so a fresh
// `make run` can be called with curl at once.
func bootstrap(ctx context.Context, st *store.Store, cfg config, stdout io.Writer) error {
	n, err := st.CountTenants(ctx)
	if err != nil || n > 0 {
		return err
	}
	t, key, secret, err := createTenantWithKey(ctx, st, "default")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nEmpty database: created tenant %q (%s) with API key %s (scopes %s).\n", t.Name, t.ID, key.ID, key.Scopes)
	fmt.Fprintf(stdout, "The key is shown once; store it now:\n\n  export REBOUND_API_KEY=%s\n\nAPI reference: %s/docs\n\n", secret, cfg.PublicURL)
	return nil
}

// stepScheduler announces plan steps as they fall due (recovery_plan.step_due), checking every
// dispatch interval, at most every few seconds.
func stepScheduler(ctx context.Context, srv *api.Server, cfg config, logger *slog.Logger) {
	every := max(cfg.DispatchInterval, 5*time.Second)
	if cfg.DispatchInterval < time.Second {
		every = cfg.DispatchInterval // tests run fast
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := srv.EmitDueSteps(ctx, 500); err != nil && ctx.Err() == nil {
			logger.Warn("announce due steps", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// janitor purges expired idempotency records and events past their retention and records the
// expiry of feedback links, every few minutes. Deletes are batched so one pass never holds locks for long.
func janitor(ctx context.Context, st *store.Store, srv *api.Server, cfg config, logger *slog.Logger) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		purge(ctx, st, cfg, logger)
		if _, err := srv.SweepExpiredFeedbackRequests(ctx, 500); err != nil && ctx.Err() == nil {
			logger.Warn("expire feedback requests", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// purge runs one maintenance pass.
func purge(ctx context.Context, st *store.Store, cfg config, logger *slog.Logger) {
	const batch = 1000
	for i := 0; i < 100; i++ {
		n, err := st.PurgeIdempotencyKeys(ctx, batch)
		if err != nil {
			logger.Warn("purge idempotency keys", "error", err.Error())
			break
		}
		if n < batch {
			break
		}
	}
	tenants, err := st.TenantIDs(ctx)
	if err != nil {
		logger.Warn("purge events", "error", err.Error())
		return
	}
	cutoff := time.Now().Add(-cfg.EventRetention)
	for _, tenant := range tenants {
		for i := 0; i < 100; i++ {
			n, err := st.PurgeEvents(ctx, tenant, cutoff, batch)
			if err != nil {
				logger.Warn("purge events", "tenant_id", tenant, "error", err.Error())
				break
			}
			if n < batch {
				break
			}
		}
	}
}
