package api

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestIdempotentReplay(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	body := `{"external_id":"u-1","display_name":"Dana"}`
	first := e.call(http.MethodPost, "/v1/candidates", key, body, "Idempotency-Key", "k-1")
	mustStatus(t, first, http.StatusCreated)
	again := e.call(http.MethodPost, "/v1/candidates", key, body, "Idempotency-Key", "k-1")
	mustStatus(t, again, http.StatusCreated)
	if !bytes.Equal(first.Body, again.Body) || again.Header.Get("Idempotent-Replayed") != "true" || again.Header.Get("Location") != first.Header.Get("Location") || again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("replay differs:\n%s\n%s\n%v", first.Body, again.Body, again.Header)
	}
	if first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("the first response claims to be a replay")
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/candidates", key, `{"external_id":"u-2"}`, "Idempotency-Key", "k-1"), http.StatusUnprocessableEntity, "idempotency-key-reused")

	// Keys are per tenant: another tenant's identical key is a new request.
	_, other := e.tenant("globex")
	r := e.call(http.MethodPost, "/v1/candidates", other, body, "Idempotency-Key", "k-1")
	mustStatus(t, r, http.StatusCreated)
	if r.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("a key replayed across tenants")
	}

	// A failed request releases its key, so the client can fix the request and retry with it.
	mustProblem(t, e.call(http.MethodPost, "/v1/rejections", key, `{"candidate_id":"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b","company":"c","role_title":"r","stage":"interview"}`, "Idempotency-Key", "k-2"), http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodPost, "/v1/candidates", key, `{"external_id":"u-9"}`, "Idempotency-Key", strings.Repeat("k", 256)), http.StatusUnprocessableEntity, "validation-error")
}

// TestIdempotencyUnderConcurrency sends 20 identical requests with one key at once: exactly one
// candidate results, and every response is that candidate's 201 or the in-flight 409.
func TestIdempotencyUnderConcurrency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	body := `{"external_id":"concurrent","display_name":"Dana"}`
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		responses []response
		start     = make(chan struct{})
	)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r := e.call(http.MethodPost, "/v1/candidates", key, body, "Idempotency-Key", "same-key")
			mu.Lock()
			responses = append(responses, r)
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	var created []byte
	for _, r := range responses {
		switch r.Status {
		case http.StatusCreated:
			if created == nil {
				created = r.Body
			} else if !bytes.Equal(created, r.Body) {
				t.Fatalf("two different 201 bodies:\n%s\n%s", created, r.Body)
			}
		case http.StatusConflict:
			mustProblem(t, r, http.StatusConflict, "idempotency-in-flight")
		default:
			t.Fatalf("unexpected status %d: %s", r.Status, r.Body)
		}
	}
	if created == nil {
		t.Fatal("no request succeeded")
	}
	list := e.call(http.MethodGet, "/v1/candidates", key, nil).object(t)
	if n := len(list["data"].([]any)); n != 1 {
		t.Fatalf("%d candidates exist, want exactly 1", n)
	}
}

// TestEveryPOSTHonoursIdempotencyKey covers the POSTs that are not creates: repeating one with
// the same key replays the first answer instead of acting twice.
func TestEveryPOSTHonoursIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	first := e.call(http.MethodPost, "/v1/feedback-requests/"+f.request+"/sent", f.key, nil, "Idempotency-Key", "sent-1")
	mustStatus(t, first, http.StatusOK)
	again := e.call(http.MethodPost, "/v1/feedback-requests/"+f.request+"/sent", f.key, nil, "Idempotency-Key", "sent-1")
	mustStatus(t, again, http.StatusOK)
	if again.Header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(first.Body, again.Body) {
		t.Fatalf("retrying sent with its key was not a replay: %s", again.Body)
	}
	w := e.create("/v1/webhook-endpoints", f.key, map[string]any{"url": "https://hooks.example.com/x", "enabled_events": []string{"*"}})
	rot := e.call(http.MethodPost, "/v1/webhook-endpoints/"+w["id"].(string)+"/rotate-secret", f.key, nil, "Idempotency-Key", "rot-1")
	rot2 := e.call(http.MethodPost, "/v1/webhook-endpoints/"+w["id"].(string)+"/rotate-secret", f.key, nil, "Idempotency-Key", "rot-1")
	mustStatus(t, rot, http.StatusOK)
	mustStatus(t, rot2, http.StatusOK)
	// The replay shows the endpoint without the secret (shown once), and the secret in force is
	// still the one the first rotation returned.
	replayed := rot2.object(t)
	if rot2.Header.Get("Idempotent-Replayed") != "true" || replayed["secret"] != nil || replayed["secret_redacted"] != true {
		t.Fatalf("replayed rotation: %s", rot2.Body)
	}
	var secret string
	if err := e.st.GormDB().Raw(`SELECT secret FROM webhook_endpoints WHERE id = ?`, w["id"]).Scan(&secret).Error; err != nil || secret != rot.object(t)["secret"] {
		t.Fatalf("a retried rotation rotated twice: secret in force %q (%v)", secret, err)
	}
	p1 := e.call(http.MethodPost, "/v1/webhook-endpoints/"+w["id"].(string)+"/test", f.key, nil, "Idempotency-Key", "ping-1")
	p2 := e.call(http.MethodPost, "/v1/webhook-endpoints/"+w["id"].(string)+"/test", f.key, nil, "Idempotency-Key", "ping-1")
	if p1.Status != http.StatusAccepted || !bytes.Equal(p1.Body, p2.Body) {
		t.Fatal("a retried ping was sent twice")
	}
}
