// Package app is Rebound's application layer: every use case once — record a rejection,
// collect feedback, reflect, regenerate a plan, announce due steps, manage webhook endpoints,
// erase or export a candidate — each with its transaction, its events and its plan
// regeneration. The HTTP API, the history importer, the ATS connectors and the CLI all call it,
// so there is one way to record a rejection. It takes and returns domain types from
// internal/model and reports typed errors; it knows nothing of HTTP.
package app

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
	"github.com/reboundhq/rebound/internal/wire"
)

// Clock tells the time. Tests inject a fixed or stepping clock instead of sleeping.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, in UTC and truncated to the microsecond PostgreSQL keeps, so
// a time written and read back compares equal.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return store.Now() }

// Config wires an App.
type Config struct {
	Store *store.Store
	// Clock defaults to SystemClock.
	Clock Clock
	// NewID makes identifiers; defaults to model.NewID (a type prefix over a UUIDv7).
	NewID func(prefix string) string
	// PublicURL is the externally visible base URL, for the links Rebound hands out.
	PublicURL string
	// Webhooks is the outbound policy for endpoint URLs.
	Webhooks webhook.URLPolicy
	// Notify, when set, is called after a commit that queued webhook deliveries, to wake the
	// dispatcher in this process.
	Notify func()
	Logger *slog.Logger
}

// App holds the use cases.
type App struct {
	store     *store.Store
	clock     Clock
	newID     func(prefix string) string
	publicURL string
	webhooks  webhook.URLPolicy
	notify    func()
	log       *slog.Logger
	keys      *keyCache
	hooks     hooks
}

// hooks let tests stop a use case at a precise point to race another against it
// deterministically (no sleeps). They are nil in production.
type hooks struct {
	// planLocked runs in syncPlan once the rejection, the plan and its steps are locked.
	planLocked func(rejectionID string)
}

// New builds the application layer.
func New(cfg Config) *App {
	a := &App{store: cfg.Store, clock: cfg.Clock, newID: cfg.NewID, publicURL: cfg.PublicURL, webhooks: cfg.Webhooks, notify: cfg.Notify, log: cfg.Logger}
	if a.clock == nil {
		a.clock = SystemClock{}
	}
	if a.newID == nil {
		a.newID = model.NewID
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	a.keys = newKeyCache()
	return a
}

// Store exposes the persistence handle for operational needs (readiness, metrics, the CLI's
// migrations); use cases never leave through it.
func (a *App) Store() *store.Store { return a.store }

// now is the application's time: UTC, microsecond precision.
func (a *App) now() time.Time { return a.clock.Now().UTC().Truncate(time.Microsecond) }

// txState is the transaction a use case runs in, carried on the context so that a caller (the
// HTTP layer's idempotency, the importer's batches) can run several use cases, or a use case
// and its own write, in one transaction.
type txState struct {
	tx         *store.Tx
	deliveries int                     // webhook deliveries queued; the dispatcher is woken after the commit
	after      []func(context.Context) // work that must follow the commit (refreshing sibling plans)
}

type txKey struct{}

// inTx runs fn in the transaction already on ctx, or in a new one that commits when fn
// returns nil. After a new transaction that queued deliveries commits, the dispatcher is woken.
func (a *App) inTx(ctx context.Context, fn func(ctx context.Context, tx *store.Tx) error) error {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		return fn(ctx, st.tx)
	}
	st := &txState{}
	err := a.store.InTx(ctx, func(tx *store.Tx) error {
		st.tx = tx
		return fn(context.WithValue(ctx, txKey{}, st), tx)
	})
	if err != nil {
		return err
	}
	for _, f := range st.after {
		f(ctx)
	}
	if st.deliveries > 0 && a.notify != nil {
		a.notify()
	}
	return nil
}

// afterCommit runs f once the transaction on ctx has committed (not at all if it rolls back).
// Outside a transaction f runs at once.
func (a *App) afterCommit(ctx context.Context, f func(context.Context)) {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		st.after = append(st.after, f)
		return
	}
	f(ctx)
}

// eventRefs say what an event is about, for erasure, redaction and the candidate filter.
type eventRefs struct {
	candidateID string // whose personal data the payload holds
	rejectionID string // the rejection it belongs to
	subjectID   string // the record it is about, when not the rejection itself
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// record writes an event about object (its wire representation) in the transaction on ctx.
func (a *App) record(ctx context.Context, tx *store.Tx, tenantID, eventType string, object any, refs eventRefs) (model.Event, error) {
	now := a.now()
	ev := model.Event{TenantID: tenantID, ID: a.newID(model.PrefixEvent), Type: eventType, CreatedAt: now,
		CandidateID: optional(refs.candidateID), RejectionID: optional(refs.rejectionID), SubjectID: optional(refs.subjectID)}
	payload, err := wire.EncodeEvent(ev.ID, eventType, now, object)
	if err != nil {
		return ev, err
	}
	ev.Payload = payload
	n, err := tx.RecordEvent(ctx, &ev)
	if err != nil {
		return ev, err
	}
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		st.deliveries += n
	}
	return ev, nil
}

// itoa formats an index for a JSON Pointer.
func itoa(i int) string { return strconv.Itoa(i) }

// Ping checks that the database answers (readiness).
func (a *App) Ping(ctx context.Context) error { return a.store.Ping(ctx) }

// Now is the application's clock, for callers that render time-dependent state (a feedback
// request shows as expired once its link ran out).
func (a *App) Now() time.Time { return a.now() }
