package api

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
)

// eventBodies returns every event of the tenant, each read by id (as a platform would).
func eventBodies(t *testing.T, e *env, key string) []string {
	t.Helper()
	var out []string
	for _, d := range e.call(http.MethodGet, "/v1/events?limit=100", key, nil).object(t)["data"].([]any) {
		r := e.call(http.MethodGet, "/v1/events/"+d.(map[string]any)["id"].(string), key, nil)
		mustStatus(t, r, http.StatusOK)
		out = append(out, string(r.Body))
	}
	return out
}

// TestDeletingRedactsEvents: after a rejection is deleted, no event still holds its contact's
// name or e-mail or its feedback's words; after feedback alone is deleted, no event holds its
// words — while the events themselves stay, so pollers still see the sequence.
func TestDeletingRedactsEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"contacts": []map[string]any{{"name": "Imogen Vasquez-Thorne", "role": "recruiter", "email": "imogen@secret.example"}}})["id"].(string)
	e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "coach", "summary": "Practise the Zanzibar estimation question",
		"items": []map[string]any{{"category": "skills", "polarity": "improvement", "detail": "Kubernetes operators in Quokkalang"}}})
	before := eventBodies(t, e, key)
	if !strings.Contains(strings.Join(before, ""), "Imogen") || !strings.Contains(strings.Join(before, ""), "Quokkalang") {
		t.Fatal("the fixture's data is not in the events to begin with")
	}
	// Feedback deleted: its words leave every event, the rejection's contact stays.
	fb := e.call(http.MethodGet, "/v1/rejections/"+rej+"/feedback", key, nil).object(t)["data"].([]any)[0].(map[string]any)["id"].(string)
	mustStatus(t, e.call(http.MethodDelete, "/v1/feedback/"+fb, key, nil), http.StatusNoContent)
	after := strings.Join(eventBodies(t, e, key), "\n")
	for _, secret := range []string{"Quokkalang", "Zanzibar"} {
		if strings.Contains(after, secret) {
			t.Fatalf("an event still holds the deleted feedback's %q", secret)
		}
	}
	// Rejection deleted: nothing of it is left in any event.
	mustStatus(t, e.call(http.MethodDelete, "/v1/rejections/"+rej, key, nil), http.StatusNoContent)
	all := eventBodies(t, e, key)
	joined := strings.Join(all, "\n")
	for _, secret := range []string{"Imogen", "imogen@secret.example", "Vasquez", "Northwind"} {
		if strings.Contains(joined, secret) {
			t.Fatalf("an event still holds the deleted rejection's %q", secret)
		}
	}
	if len(all) < len(before) {
		t.Fatalf("events disappeared: %d before, %d after", len(before), len(all))
	}
}

// TestIdempotentReplaysNeverHoldSecrets: the stored response of a request that created a secret
// (an API key, a webhook signing secret, a feedback link) never holds it, and a replay — even
// after the key was revoked — returns the resource without it, saying so.
func TestIdempotentReplaysNeverHoldSecrets(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, nil)["id"].(string)
	cases := []struct {
		path, field string
		body        any
	}{
		{"/v1/api-keys", "secret", map[string]any{"scopes": []string{"read"}}},
		{"/v1/webhook-endpoints", "secret", map[string]any{"url": "https://hooks.example.com/x", "enabled_events": []string{"*"}}},
		{"/v1/rejections/" + rej + "/feedback-requests", "response_token", map[string]any{"recipient": map[string]any{"name": "Priya"}}},
	}
	for i, c := range cases {
		idem := "secret-" + itoa(i)
		first := e.call(http.MethodPost, c.path, key, c.body, "Idempotency-Key", idem)
		mustStatus(t, first, http.StatusCreated)
		secret, _ := first.object(t)[c.field].(string)
		if len(secret) < 20 {
			t.Fatalf("%s: no %s in the first response: %s", c.path, c.field, first.Body)
		}
		var stored []byte
		sqlDB, _ := e.st.GormDB().DB()
		if err := sqlDB.QueryRow(`SELECT response_body FROM idempotency_keys WHERE key = $1`, idem).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if len(stored) == 0 || bytes.Contains(stored, []byte(secret)) {
			t.Fatalf("%s: the stored replay holds the secret: %s", c.path, stored)
		}
		if c.path == "/v1/api-keys" {
			mustStatus(t, e.call(http.MethodDelete, "/v1/api-keys/"+first.object(t)["id"].(string), key, nil), http.StatusOK)
		}
		replay := e.call(http.MethodPost, c.path, key, c.body, "Idempotency-Key", idem)
		mustStatus(t, replay, http.StatusCreated)
		obj := replay.object(t)
		if replay.Header.Get("Idempotent-Replayed") != "true" || obj["secret_redacted"] != true || obj[c.field] != nil || bytes.Contains(replay.Body, []byte(secret)) {
			t.Fatalf("%s: replay %s", c.path, replay.Body)
		}
		if obj["id"] != first.object(t)["id"] {
			t.Fatalf("%s: the replay names another resource", c.path)
		}
	}
}

// syncLog collects the server's log lines.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) lines() []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(l.buf.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

// TestClientHangUpIsNotAServerError: a client that gives up while its write waits in the
// database is logged once, at info level, with status 499 — no ERROR line, no 5xx in the
// metrics — and nothing it sent was stored.
func TestClientHangUpIsNotAServerError(t *testing.T) {
	t.Parallel()
	st, _, _ := openTimedStore(t, 10*time.Second)
	logs := &syncLog{}
	e := newEnvOn(t, st, func(c *Config, a *app.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(logs, nil))
		a.Logger = c.Logger
	})
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	ctx := context.Background()
	sqlDB, _ := st.GormDB().DB()
	locker, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	if _, err := locker.ExecContext(ctx, `BEGIN; LOCK TABLE rejections IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	reqCtx, cancel := context.WithCancel(ctx)
	body, _ := json.Marshal(map[string]any{"candidate_id": cand, "company": "Hangup Ltd", "role_title": "X", "stage": "interview"})
	req, _ := http.NewRequestWithContext(reqCtx, http.MethodPost, e.srv.URL+"/v1/rejections", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan error, 1)
	go func() {
		res, err := e.srv.Client().Do(req)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	// Wait until the request is waiting on the lock, then hang up. (Polled from the pool, not
	// from the locking session: inside a transaction pg_stat_activity is a frozen snapshot.)
	deadline := time.Now().Add(5 * time.Second)
	for {
		var waiting int
		sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&waiting)
		if waiting > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the request never waited on the lock")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	locker.ExecContext(ctx, `ROLLBACK`)
	var line map[string]any
	for logged := time.Now().Add(3 * time.Second); time.Now().Before(logged) && line == nil; {
		for _, l := range logs.lines() {
			if l["msg"] == "request" && l["route"] == "/v1/rejections" && l["method"] == "POST" {
				line = l
			}
			if l["level"] == "ERROR" {
				t.Fatalf("a hang-up was logged as an error: %v", l)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	if line == nil || line["status"] != float64(499) || line["level"] != "INFO" {
		t.Fatalf("access log of the hang-up: %v", line)
	}
	m := string(e.call(http.MethodGet, "/metrics", "", nil).Body)
	if !strings.Contains(m, `route="/v1/rejections",status="499"`) || strings.Contains(m, `route="/v1/rejections",status="500"`) {
		t.Fatal("the hang-up was not counted as 499 apart from 5xx")
	}
	if list := e.call(http.MethodGet, "/v1/rejections?company=Hangup%20Ltd", key, nil).object(t)["data"].([]any); len(list) != 0 {
		t.Fatal("the abandoned write was stored")
	}
}
