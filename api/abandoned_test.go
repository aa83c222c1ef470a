package api

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestAbandonedRequestsDoNotBreakOthers: clients that give up mid-request (their queries are
// cancelled, and pgx closes the connection they ran on) must not leave broken connections in
// the pool for the next request to find: every request after them answers normally.
func TestAbandonedRequestsDoNotBreakOthers(t *testing.T) {
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, e.rejection(key, cand, nil)["id"].(string))
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	paths := []string{"/v1/rejections/" + ids[0], "/v1/rejections?limit=20", "/v1/candidates/" + cand + "/insights"}
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration((w*40+i)*37%8000)*time.Microsecond)
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.srv.URL+paths[i%len(paths)], nil)
				req.Header.Set("Authorization", "Bearer "+key)
				if res, err := client.Do(req); err == nil {
					res.Body.Close()
				}
				cancel()
			}
		}(w)
	}
	wg.Wait()
	for i := 0; i < 200; i++ {
		path := paths[i%len(paths)]
		if r := e.call(http.MethodGet, path, key, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d after the abandoned ones: GET %s answered %d: %s", i, path, r.Status, r.Body)
		}
	}
}
