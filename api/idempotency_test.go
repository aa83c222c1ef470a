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
