// Package dispatch delivers recorded events to webhook endpoints: at least once, in creation
// order per endpoint, signed per the Standard Webhooks specification, with retries and backoff,
// and safely from many replicas sharing one database.
package dispatch

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// Dispatcher sends pending deliveries. Each endpoint is leased to one dispatcher at a time, so
// several replicas never send the same endpoint's events concurrently or out of order.
type Dispatcher struct {
	Store *store.Store
	// App records each attempt's outcome (and the event when an endpoint gets disabled).
	App    *app.App
	Client *http.Client
	Logger *slog.Logger
	// Policy is checked again at every delivery: an endpoint's URL was valid when registered,
	// but the operator's policy may have tightened since.
	Policy webhook.URLPolicy
	// Owner identifies this process in endpoint leases; each turn on an endpoint adds a random
	// suffix, so the lease names that one turn.
	Owner string
	// Interval is the polling period when nothing wakes the dispatcher (default 1s).
	Interval time.Duration
	// Lease is how long an endpoint stays claimed without renewal (default 60s); a dispatcher that
	// dies mid-delivery loses the endpoint after it and another one re-sends the same webhook-id.
	Lease time.Duration
	// Concurrency bounds how many endpoints are served at once (default 8).
	Concurrency int
	// MaxEndpointsPerTick bounds how many endpoints one tick serves (default 1000); the rest
	// wait for the next tick.
	MaxEndpointsPerTick int
	// Now is the clock (default store.Now).
	Now func() time.Time
	// Attempts, when set, counts attempts by outcome (succeeded, retry, failed).
	Attempts *prometheus.CounterVec
	// Backoff says how long to wait after the given number of failed attempts, or false when
	// the delivery has failed for good. Default: NextRetry with random jitter.
	Backoff func(failed int) (time.Duration, bool)

	wake chan struct{}
	once sync.Once
}

func (d *Dispatcher) init() {
	d.once.Do(func() {
		d.wake = make(chan struct{}, 1)
		if d.Interval <= 0 {
			d.Interval = time.Second
		}
		if d.Lease <= 0 {
			d.Lease = time.Minute
		}
		if d.Concurrency <= 0 {
			d.Concurrency = 8
		}
		if d.Backoff == nil {
			d.Backoff = func(failed int) (time.Duration, bool) { return webhook.NextRetry(failed, rand.Int64N) }
		}
		if d.Logger == nil {
			d.Logger = slog.Default()
		}
		if d.MaxEndpointsPerTick <= 0 {
			d.MaxEndpointsPerTick = 1000
		}
		if d.Now == nil {
			d.Now = store.Now
		}
	})
}

// Notify wakes the dispatcher early (new deliveries were queued). It never blocks.
func (d *Dispatcher) Notify() {
	d.init()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run dispatches until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	d.init()
	t := time.NewTicker(d.Interval)
	defer t.Stop()
	for {
		if err := d.Tick(ctx); err != nil && ctx.Err() == nil {
			d.Logger.Warn("webhook dispatch", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// Tick serves every endpoint that has a due delivery once. It finds them with one indexed
// query across tenants, so a tick costs the same with ten tenants or ten thousand, and it
// returns only after every endpoint it started on has finished, on every path.
func (d *Dispatcher) Tick(ctx context.Context) error {
	d.init()
	endpoints, err := d.Store.EndpointsWithDueDeliveries(ctx, d.Now(), d.MaxEndpointsPerTick)
	if err != nil {
		return err
	}
	sem := make(chan struct{}, d.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, ep := range endpoints {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		wg.Add(1)
		go func(ep store.EndpointRef) {
			defer wg.Done()
			defer func() { <-sem }()
			if err := d.serveEndpoint(ctx, ep.TenantID, ep.EndpointID); err != nil && ctx.Err() == nil {
				d.Logger.Warn("webhook endpoint dispatch", "tenant_id", ep.TenantID, "endpoint_id", ep.EndpointID, "error", err.Error())
			}
		}(ep)
	}
	return nil
}

// maxPerTurn bounds how many deliveries one endpoint gets per turn, so a busy endpoint cannot
// starve the others.
const maxPerTurn = 100

// serveEndpoint claims the endpoint and sends its due deliveries in order.
func (d *Dispatcher) serveEndpoint(ctx context.Context, tenant, endpointID string) error {
	// This turn's own lease token: a renewal or release by an older turn of this process (still
	// finishing after its lease ran out) cannot touch this one's lease.
	token := d.Owner + "/" + hex.EncodeToString(model.RandomToken(6))
	now := d.Now()
	ok, err := d.Store.ClaimEndpoint(ctx, tenant, endpointID, token, now, now.Add(d.Lease))
	if err != nil || !ok {
		return err
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = d.Store.ReleaseEndpoint(rctx, tenant, endpointID, token)
	}()
	for i := 0; i < maxPerTurn; i++ {
		if ctx.Err() != nil {
			return nil
		}
		delivery, ev, err := d.Store.NextPendingDelivery(ctx, tenant, endpointID)
		if errors.Is(err, model.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if delivery.NextAttemptAt.After(d.Now()) {
			return nil // the oldest is waiting for its retry; the ones behind it wait too
		}
		endpoint, err := d.Store.WebhookEndpoint(ctx, tenant, endpointID)
		if err != nil {
			return err
		}
		if endpoint.Disabled {
			return nil
		}
		// Renew the lease before each send so a long queue keeps it; a lease lost to another
		// holder ends this turn.
		now := d.Now()
		if ok, err := d.Store.ClaimEndpoint(ctx, tenant, endpointID, token, now, now.Add(d.Lease)); err != nil || !ok {
			return err
		}
		outcome := d.send(ctx, endpoint, delivery, ev)
		if ctx.Err() != nil && !outcome.Succeeded {
			return nil // shutting down mid-send: leave the delivery pending, it will be re-sent
		}
		if _, err := d.App.RecordDeliveryAttempt(ctx, delivery, outcome, webhook.DisableAfter); err != nil {
			return err
		}
		d.count(outcome)
		if !outcome.Succeeded {
			return nil
		}
	}
	return nil
}

// count records an attempt's outcome in the metrics.
func (d *Dispatcher) count(o store.AttemptOutcome) {
	if d.Attempts == nil {
		return
	}
	switch {
	case o.Succeeded:
		d.Attempts.WithLabelValues("succeeded").Inc()
	case o.NextRetry != nil:
		d.Attempts.WithLabelValues("retry").Inc()
	default:
		d.Attempts.WithLabelValues("failed").Inc()
	}
}

// send makes one signed HTTP attempt.
func (d *Dispatcher) send(ctx context.Context, endpoint model.WebhookEndpoint, delivery model.WebhookDelivery, ev model.Event) store.AttemptOutcome {
	now := d.Now()
	out := store.AttemptOutcome{At: now}
	fail := func(msg string) store.AttemptOutcome {
		out.Error = msg
		if delay, ok := d.Backoff(delivery.Attempts + 1); ok {
			next := d.Now().Add(delay)
			out.NextRetry = &next
		}
		return out
	}
	if err := webhook.ValidateEndpointURL(endpoint.URL, d.Policy); err != nil {
		return fail("endpoint URL refused: " + err.Error())
	}
	headers, err := webhook.Headers(endpoint.SigningSecrets(now), ev.ID, now, ev.Payload)
	if err != nil {
		return fail("signing failed: " + err.Error())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint.URL, bytes.NewReader(ev.Payload))
	if err != nil {
		return fail("invalid endpoint URL: " + err.Error())
	}
	req.Header = headers
	start := time.Now()
	res, err := d.Client.Do(req)
	out.Duration = time.Since(start)
	if err != nil {
		return fail(err.Error())
	}
	defer res.Body.Close()
	snippet, _ := webhook.ReadResponseSnippet(res.Body) // a broken body still has a status code
	code := res.StatusCode
	out.StatusCode, out.Snippet = &code, snippet
	if code >= 200 && code < 300 {
		out.Succeeded = true
		return out
	}
	return fail(fmt.Sprintf("HTTP %d", code))
}
