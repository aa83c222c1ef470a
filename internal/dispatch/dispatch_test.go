package dispatch

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
	"github.com/reboundhq/rebound/internal/webhook"
)

// independentVerify is a receiver written from the Standard Webhooks text alone, sharing no code
// with the signer.
func independentVerify(secret string, h http.Header, body []byte) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(h.Get("webhook-id") + "." + h.Get("webhook-timestamp") + "." + string(body)))
	expected := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, part := range strings.Split(h.Get("webhook-signature"), " ") {
		version, sig, ok := strings.Cut(part, ",")
		if ok && version == "v1" && hmac.Equal([]byte(sig), []byte(expected)) {
			return true
		}
	}
	return false
}

// receiver is a webhook receiver on loopback that verifies signatures independently and
// records what it acknowledged.
type receiver struct {
	t      *testing.T
	secret string
	mu     sync.Mutex
	fail   int               // answer 500 to this many requests first
	acked  map[string]int    // webhook-id → 2xx answers
	order  []string          // webhook-ids in the order first received
	seen   map[string]bool   // webhook-ids received at all
	bodies map[string][]byte // webhook-id → body
	bad    int               // requests whose signature did not verify
	srv    *httptest.Server
}

func newReceiver(t *testing.T, fail int) *receiver {
	r := &receiver{t: t, fail: fail, acked: map[string]int{}, seen: map[string]bool{}, bodies: map[string][]byte{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		if !independentVerify(r.secret, req.Header, body) {
			r.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		id := req.Header.Get("webhook-id")
		if !r.seen[id] {
			r.seen[id] = true
			r.order = append(r.order, id)
		}
		if r.fail > 0 {
			r.fail--
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		r.acked[id]++
		r.bodies[id] = body
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) ackedCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.acked)
}

type fixture struct {
	st       *store.Store
	app      *app.App
	tenant   string
	endpoint model.WebhookEndpoint
	events   []string
}

func setup(t *testing.T, rcv *receiver, events int) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Postgres(t)
	a := app.New(app.Config{Store: st, Webhooks: webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true}})
	ten, _, err := a.CreateTenant(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	w, err := a.CreateWebhookEndpoint(ctx, ten.ID, rcv.srv.URL, []string{"*"}, "")
	if err != nil {
		t.Fatal(err)
	}
	rcv.secret = w.Secret
	f := &fixture{st: st, app: a, tenant: ten.ID, endpoint: w.Endpoint}
	for i := 0; i < events; i++ {
		if _, err := a.CreateCandidate(ctx, ten.ID, model.Candidate{ExternalID: fmt.Sprintf("u-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	evs, _, err := a.Events(ctx, ten.ID, model.EventFilter{}, model.Page{Limit: events + 1, Oldest: true})
	if err != nil || len(evs) != events {
		t.Fatalf("%d events (%v)", len(evs), err)
	}
	for _, ev := range evs {
		f.events = append(f.events, ev.ID)
	}
	return f
}

func (f *fixture) newDispatcher(owner string) *Dispatcher {
	return &Dispatcher{
		Store: f.st, App: f.app, Client: webhook.NewClient(webhook.ClientOptions{AllowPrivate: true}), Owner: owner,
		Policy:  webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true},
		Backoff: func(int) (time.Duration, bool) { return 10 * time.Millisecond, true },
	}
}

func runUntil(t *testing.T, done func() bool, dispatchers ...*Dispatcher) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatal("deliveries did not finish in time")
		}
		var wg sync.WaitGroup
		for _, d := range dispatchers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := d.Tick(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDeliversSignedEventsInOrder(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t, 0)
	f := setup(t, rcv, 25)
	d := f.newDispatcher("a")
	runUntil(t, func() bool { return rcv.ackedCount() == 25 }, d)
	if rcv.bad != 0 {
		t.Fatalf("%d deliveries failed verification", rcv.bad)
	}
	for i, id := range f.events {
		if rcv.order[i] != id {
			t.Fatalf("delivery %d was %s, want %s (creation order)", i, rcv.order[i], id)
		}
		if rcv.acked[id] != 1 {
			t.Fatalf("%s acknowledged %d times", id, rcv.acked[id])
		}
	}
	ev, _ := f.st.Event(context.Background(), f.tenant, f.events[0])
	if string(rcv.bodies[f.events[0]]) != string(ev.Payload) {
		t.Fatal("the delivered body is not the event payload")
	}
}

// TestFailingReceiverRecovers: a receiver that fails for a while, then recovers, ends up with
// every event acknowledged exactly once per webhook-id, still in creation order.
func TestFailingReceiverRecovers(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t, 7)
	f := setup(t, rcv, 30)
	d := f.newDispatcher("a")
	runUntil(t, func() bool { return rcv.ackedCount() == 30 }, d)
	for i, id := range f.events {
		if rcv.acked[id] != 1 || rcv.order[i] != id {
			t.Fatalf("event %d (%s): acked %d times, order %v", i, id, rcv.acked[id], rcv.order[i])
		}
	}
	rows, _, err := f.st.WebhookDeliveries(context.Background(), f.tenant, f.endpoint.ID, model.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	attempts := 0
	for _, r := range rows {
		attempts += r.Attempts
		if r.Status != model.DeliverySucceeded {
			t.Fatalf("delivery %s is %s", r.ID, r.Status)
		}
	}
	if attempts != 37 {
		t.Fatalf("%d attempts recorded, want 30 successes + 7 failures", attempts)
	}
	w, _ := f.st.WebhookEndpoint(context.Background(), f.tenant, f.endpoint.ID)
	if w.FailingSince != nil {
		t.Fatal("a success did not end the failure streak")
	}
}

// TestTwoDispatchersDeliverEachEventOnce runs two dispatchers (two replicas) on one database.
func TestTwoDispatchersDeliverEachEventOnce(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t, 0)
	f := setup(t, rcv, 120)
	a, b := f.newDispatcher("replica-a"), f.newDispatcher("replica-b")
	runUntil(t, func() bool { return rcv.ackedCount() == 120 }, a, b)
	// Every delivery is recorded as succeeded, so nothing is left that either could send again.
	if rows, _, err := f.st.WebhookDeliveries(context.Background(), f.tenant, f.endpoint.ID, model.Page{Limit: 200}); err != nil || len(rows) != 120 {
		t.Fatalf("%d deliveries (%v)", len(rows), err)
	} else {
		for _, d := range rows {
			if d.Status != model.DeliverySucceeded {
				t.Fatalf("delivery %s is %s after all were acknowledged", d.ID, d.Status)
			}
		}
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	for i, id := range f.events {
		if rcv.acked[id] != 1 {
			t.Fatalf("%s delivered %d times", id, rcv.acked[id])
		}
		if rcv.order[i] != id {
			t.Fatalf("out of order at %d", i)
		}
	}
}

func TestEndpointDisabledAfterThreeDaysOfFailures(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t, 1000)
	f := setup(t, rcv, 1)
	ctx := context.Background()
	d := f.newDispatcher("a")
	// The dispatcher's own clock: three days of failures pass without waiting for them.
	now := store.Now()
	d.Now = func() time.Time { return now }
	d.Backoff = func(int) (time.Duration, bool) { return time.Hour, true }
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	w, _ := f.st.WebhookEndpoint(ctx, f.tenant, f.endpoint.ID)
	if w.FailingSince == nil || w.Disabled {
		t.Fatalf("after one failure: failing_since %v, disabled %v", w.FailingSince, w.Disabled)
	}
	now = now.Add(73 * time.Hour)
	if err := d.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	w, _ = f.st.WebhookEndpoint(ctx, f.tenant, f.endpoint.ID)
	if !w.Disabled || w.DisabledReason == "" {
		t.Fatal("an endpoint failing for three days was not disabled")
	}
	evs, _, err := f.st.Events(ctx, f.tenant, model.EventFilter{Type: model.EventWebhookEndpointDisabled}, model.Page{Limit: 10})
	if err != nil || len(evs) != 1 {
		t.Fatalf("webhook_endpoint.disabled events: %d (%v)", len(evs), err)
	}
	// A disabled endpoint gets nothing more.
	before := fmt.Sprint(rcv.seen)
	d.Tick(ctx)
	if fmt.Sprint(rcv.seen) != before {
		t.Fatal("a disabled endpoint still receives deliveries")
	}
}
