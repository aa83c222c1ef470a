package main

import (
	"context"
	"database/sql"
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

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.opentelemetry.io/otel/trace"

	"github.com/reboundhq/rebound/api"
	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/dispatch"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// runtime is what serve and worker share: the database, the application layer, the dispatcher
// and the metrics registry.
type runtime struct {
	store      *store.Store
	app        *app.App
	dispatcher *dispatch.Dispatcher
	registry   *prometheus.Registry
	cursorKey  []byte
	// importWake wakes this process's import worker when an import was queued here.
	importWake chan struct{}
	// tracer is nil when tracing is off; stopTracing flushes the spans not yet exported.
	tracer      trace.TracerProvider
	stopTracing func(context.Context) error
}

// openRuntime opens the database (migrating it, or behind a transaction pooler checking it, see
// openStore), sets up tracing when configured, and wires the application layer, the dispatcher
// and the process metrics. withDispatcher wakes the dispatcher after writes in this process.
func openRuntime(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer, withDispatcher bool) (*runtime, error) {
	tp, stopTracing, err := newTracerProvider(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("tracing: %w", err)
	}
	st, err := openStore(ctx, cfg, tp)
	if err != nil {
		stopTracing(context.Background())
		return nil, err
	}
	rt := &runtime{store: st, registry: prometheus.NewRegistry(), importWake: make(chan struct{}, 1), tracer: tp, stopTracing: stopTracing}
	policy := webhook.URLPolicy{AllowHTTP: cfg.WebhookAllowHTTP, AllowPrivate: cfg.WebhookAllowPrivate}
	attempts := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "rebound_webhook_deliveries_total",
		Help: "Webhook delivery attempts by outcome: succeeded, retry (failed, will be retried) or failed (given up).",
	}, []string{"outcome"})
	for _, outcome := range []string{"succeeded", "retry", "failed"} {
		attempts.WithLabelValues(outcome) // exported as 0 from the start, so rates and alerts see them
	}
	rt.dispatcher = &dispatch.Dispatcher{
		Store:    st,
		Client:   webhook.NewClient(webhook.ClientOptions{AllowPrivate: cfg.WebhookAllowPrivate}),
		Policy:   policy,
		Logger:   logger,
		Owner:    workerID(),
		Interval: cfg.DispatchInterval,
		Lease:    cfg.DispatchLease,
		Attempts: attempts,
	}
	appCfg := app.Config{Store: st, PublicURL: cfg.PublicURL, Webhooks: policy, Logger: logger, ImportsQueued: rt.wakeImports}
	if withDispatcher {
		appCfg.Notify = rt.dispatcher.Notify
	}
	rt.app = app.New(appCfg)
	rt.dispatcher.App = rt.app
	if err := bootstrap(ctx, rt.app, cfg, stdout); err != nil {
		rt.close()
		return nil, err
	}
	if rt.cursorKey, err = st.ServerSecret(ctx, "cursor"); err != nil {
		rt.close()
		return nil, err
	}
	sqlDB, err := st.GormDB().DB()
	if err != nil {
		rt.close()
		return nil, err
	}
	rt.registerMetrics(sqlDB, attempts)
	return rt, nil
}

// close flushes the spans not yet exported, for up to five seconds, and closes the database.
func (rt *runtime) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = rt.stopTracing(ctx)
	rt.store.Close()
}

// registerMetrics adds the process, pool and worker series to the registry the API's own
// request metrics also use. The gauges ask the database at scrape time, bounded by a timeout.
func (rt *runtime) registerMetrics(sqlDB *sql.DB, attempts *prometheus.CounterVec) {
	gauge := func(name, help string, read func(context.Context) (time.Duration, error)) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			d, err := read(ctx)
			if err != nil {
				return -1
			}
			return d.Seconds()
		})
	}
	rt.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(sqlDB, "rebound"),
		attempts,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "rebound_db_statements_total",
			Help: "Statements sent to PostgreSQL, BEGIN and COMMIT included (0 on SQLite): divided by requests, the database cost of a request.",
		}, func() float64 { return float64(rt.store.Statements()) }),
		gauge("rebound_webhook_backlog_oldest_age_seconds", "Age of the oldest pending webhook delivery that is due (0 when none; -1 when the database did not answer).", rt.app.WebhookBacklogAge),
		gauge("rebound_step_due_lag_seconds", "How long the oldest unannounced plan step has been due everywhere (0 when none; -1 when the database did not answer).", rt.app.StepDueLag),
	)
}

// serve runs the API — and, unless REBOUND_WORKERS=0, the background workers — until ctx is
// cancelled (SIGTERM or SIGINT), then drains in-flight requests for up to the shutdown timeout
// before closing the database.
func serve(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer) error {
	rt, err := openRuntime(ctx, cfg, logger, stdout, cfg.Workers > 0)
	if err != nil {
		return err
	}
	defer rt.close()
	srv := api.New(api.Config{
		App: rt.app, Logger: logger, RateLimit: cfg.RateLimit, RateBurst: cfg.RateBurst,
		PublicURL: cfg.PublicURL, CursorKey: rt.cursorKey, Registry: rt.registry,
		TrustedProxies: cfg.TrustedProxies, RequestTimeout: cfg.RequestTimeout,
		AddressRateLimit: cfg.AddressRateLimit, AddressRateBurst: cfg.AddressRateBurst, TracerProvider: rt.tracer,
	})
	return runHTTP(ctx, cfg, logger, rt, srv, cfg.Workers, "rebound serving")
}

// worker runs only the background workers (dispatcher, step scheduler, janitor), with the
// health, readiness and metrics endpoints on REBOUND_ADDR, so workers scale apart from the API.
func worker(ctx context.Context, cfg config, logger *slog.Logger, stdout io.Writer) error {
	rt, err := openRuntime(ctx, cfg, logger, stdout, true)
	if err != nil {
		return err
	}
	defer rt.close()
	ops := api.NewOperations(api.Config{App: rt.app, Logger: logger, Registry: rt.registry})
	return runHTTP(ctx, cfg, logger, rt, ops, max(cfg.Workers, 1), "rebound worker running")
}

// runHTTP serves handler with the workers beside it until ctx ends, then drains.
func runHTTP(ctx context.Context, cfg config, logger *slog.Logger, rt *runtime, handler http.Handler, workers int, started string) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.RequestTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	workerCtx, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	var running sync.WaitGroup
	if workers > 0 {
		rt.dispatcher.Concurrency = 8 * workers
		running.Add(4)
		go func() { defer running.Done(); janitor(workerCtx, rt.app, cfg, logger) }()
		go func() { defer running.Done(); rt.dispatcher.Run(workerCtx) }()
		go func() { defer running.Done(); stepScheduler(workerCtx, rt.app, cfg, logger) }()
		go func() { defer running.Done(); importWorker(workerCtx, rt, cfg, logger) }()
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	logger.Info(started, "addr", ln.Addr().String(), "database", rt.store.Dialect(), "workers", workers, "docs", cfg.PublicURL+"/docs")
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
	running.Wait()
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
func bootstrap(ctx context.Context, a *app.App, cfg config, stdout io.Writer) error {
	n, err := a.Store().CountTenants(ctx)
	if err != nil || n > 0 {
		return err
	}
	t, key, err := a.CreateTenant(ctx, "default")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nEmpty database: created tenant %q (%s) with API key %s (scopes %s).\n", t.Name, t.ID, key.Key.ID, key.Key.Scopes)
	fmt.Fprintf(stdout, "The key is shown once; store it now:\n\n  export REBOUND_API_KEY=%s\n\nAPI reference: %s/docs\n\n", key.Secret, cfg.PublicURL)
	return nil
}

// stepScheduler announces plan steps as they fall due (recovery_plan.step_due), checking every
// dispatch interval, at most every few seconds.
func stepScheduler(ctx context.Context, a *app.App, cfg config, logger *slog.Logger) {
	every := max(cfg.DispatchInterval, 5*time.Second)
	if cfg.DispatchInterval < time.Second {
		every = cfg.DispatchInterval // tests run fast
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := a.EmitDueSteps(ctx, 500); err != nil && ctx.Err() == nil {
			logger.Warn("announce due steps", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// wakeImports nudges the import worker without blocking: one pending wake-up is enough.
func (rt *runtime) wakeImports() {
	select {
	case rt.importWake <- struct{}{}:
	default:
	}
}

// importWorker works through queued imports (and ones abandoned by a stopped replica) as soon
// as one is queued in this process, and otherwise every few seconds, so an import queued on
// another replica or left behind by a crash is picked up too. Several replicas may run it:
// each import is leased to one worker at a time.
func importWorker(ctx context.Context, rt *runtime, cfg config, logger *slog.Logger) {
	every := max(cfg.DispatchInterval, 5*time.Second)
	if cfg.DispatchInterval < time.Second {
		every = cfg.DispatchInterval // tests run fast
	}
	owner := workerID()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := rt.app.RunImports(ctx, owner); err != nil && ctx.Err() == nil {
			logger.Warn("run imports", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-rt.importWake:
		}
	}
}

// janitor purges expired idempotent responses and events past their retention, records the
// expiry of feedback links, purges personal data past each tenant's retention, deletes
// abandoned import uploads and forgets old connector delivery ids, every few minutes. Deletes
// are batched so one pass never holds locks for long.
func janitor(ctx context.Context, a *app.App, cfg config, logger *slog.Logger) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		if _, err := a.PurgeExpired(ctx, cfg.EventRetention); err != nil && ctx.Err() == nil {
			logger.Warn("purge expired records", "error", err.Error())
		}
		if _, err := a.SweepExpiredFeedbackRequests(ctx, 500); err != nil && ctx.Err() == nil {
			logger.Warn("expire feedback requests", "error", err.Error())
		}
		if _, err := a.PurgeRetained(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("purge personal data past the tenants' retention", "error", err.Error())
		}
		if _, err := a.PurgeStaleUploads(ctx, 100); err != nil && ctx.Err() == nil {
			logger.Warn("purge abandoned import uploads", "error", err.Error())
		}
		if _, err := a.PurgeConnectorReceipts(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("purge connector receipts", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
