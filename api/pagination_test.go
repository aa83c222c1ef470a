package api

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// TestPaginationWalkUnderConcurrentInserts walks every page while other goroutines insert: each
// row that existed before the walk is seen exactly once.
func TestPaginationWalkUnderConcurrentInserts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	existing := map[string]bool{}
	for i := 0; i < 45; i++ {
		existing[e.candidate(key, fmt.Sprintf("pre-%02d", i))] = true
	}
	var (
		stop atomic.Bool
		wg   sync.WaitGroup
		n    atomic.Int64
	)
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := n.Add(1)
				e.call(http.MethodPost, "/v1/candidates", key, map[string]any{"external_id": fmt.Sprintf("during-%d", i)})
			}
		}()
	}
	seen := map[string]int{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("the walk does not end")
		}
		q := "/v1/candidates?limit=7"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		r := e.call(http.MethodGet, q, key, nil)
		mustStatus(t, r, http.StatusOK)
		page := r.object(t)
		for _, d := range page["data"].([]any) {
			seen[d.(map[string]any)["id"].(string)]++
		}
		if page["has_more"] != true {
			if page["next_cursor"] != nil {
				t.Fatal("next_cursor on the last page")
			}
			break
		}
		cursor = page["next_cursor"].(string)
	}
	stop.Store(true)
	wg.Wait()
	for id := range existing {
		if seen[id] != 1 {
			t.Fatalf("pre-existing %s seen %d times", id, seen[id])
		}
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("%s seen %d times", id, c)
		}
	}
}

func TestCursorIsBoundToTenantAndFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	cand := e.candidate(key, "u")
	for i := 0; i < 3; i++ {
		e.rejection(key, cand, map[string]any{"stage": "interview"})
	}
	r := e.call(http.MethodGet, "/v1/rejections?limit=1&stage=interview", key, nil)
	mustStatus(t, r, http.StatusOK)
	cursor := r.object(t)["next_cursor"].(string)
	esc := url.QueryEscape(cursor)

	mustStatus(t, e.call(http.MethodGet, "/v1/rejections?limit=1&stage=interview&cursor="+esc, key, nil), http.StatusOK)
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?limit=1&stage=offer&cursor="+esc, key, nil), http.StatusBadRequest, "invalid-cursor")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?limit=1&cursor="+esc, key, nil), http.StatusBadRequest, "invalid-cursor")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?limit=1&stage=interview&cursor="+esc, other, nil), http.StatusBadRequest, "invalid-cursor")
	tampered := []byte(cursor)
	tampered[3] ^= 1
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?stage=interview&cursor="+url.QueryEscape(string(tampered)), key, nil), http.StatusBadRequest, "invalid-cursor")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?cursor=garbage", key, nil), http.StatusBadRequest, "invalid-cursor")
	// A candidates cursor is not a rejections cursor... unless ids collide, which they cannot:
	// the position is an id of the other type, which sorts outside every rejection id. Limits:
	for _, l := range []string{"0", "101", "-1", "ten"} {
		mustProblem(t, e.call(http.MethodGet, "/v1/rejections?limit="+l, key, nil), http.StatusUnprocessableEntity, "validation-error")
	}
}
