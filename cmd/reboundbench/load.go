package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// request is one call the load generator makes: built fresh per call so each create can name
// a different candidate.
type request struct {
	method, path string
	body         []byte
	headers      map[string]string
	want         int // the status a success answers
}

// result is what one round of load measured.
type result struct {
	requests  int
	failures  int
	firstFail string
	elapsed   time.Duration
	latencies []time.Duration // sorted
	bodies    [][]byte        // the successful responses' bodies, when kept
}

func (r result) perSecond() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// quantile is the q-th latency (q in [0,1]) by nearest rank.
func (r result) quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(q*float64(len(r.latencies))+0.5) - 1
	return r.latencies[max(0, min(i, len(r.latencies)-1))]
}

// newClient is an HTTP client with enough idle connections for the concurrency, so every
// worker keeps its own keep-alive connection, as wrk does.
func newClient(concurrency int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        concurrency * 2,
			MaxIdleConnsPerHost: concurrency * 2,
			IdleConnTimeout:     time.Minute,
		},
	}
}

// drive runs concurrency workers for the duration (or until total requests when total > 0),
// each calling next() and sending it, and measures every call. keepBodies keeps up to that many
// successful response bodies (for the ids a later round reads).
func drive(ctx context.Context, client *http.Client, base string, concurrency int, d time.Duration, total int, keepBodies int, next func(i int) request) result {
	// The round's end stops the workers from starting calls but lets those in flight finish:
	// cancelling them would abort their queries on the server and leave it connections to
	// replace, which the next round would measure.
	stop, cancel := context.WithCancel(ctx)
	if total == 0 {
		stop, cancel = context.WithTimeout(ctx, d)
	}
	defer cancel()
	var (
		seq      atomic.Int64
		mu       sync.Mutex
		res      result
		wg       sync.WaitGroup
		lats     = make([][]time.Duration, concurrency)
		started  = time.Now()
		failures atomic.Int64
	)
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for stop.Err() == nil {
				i := int(seq.Add(1)) - 1
				if total > 0 && i >= total {
					return
				}
				rq := next(i)
				t0 := time.Now()
				status, body, err := send(ctx, client, base, rq)
				lat := time.Since(t0)
				if ctx.Err() != nil && err != nil {
					return // interrupted mid-call: not a failure, not a sample
				}
				if err != nil || status != rq.want {
					failures.Add(1)
					mu.Lock()
					if res.firstFail == "" {
						res.firstFail = fmt.Sprintf("%s %s: status %d, error %v: %.300s", rq.method, rq.path, status, err, body)
					}
					mu.Unlock()
					continue
				}
				lats[w] = append(lats[w], lat)
				if keepBodies > 0 {
					mu.Lock()
					if len(res.bodies) < keepBodies {
						res.bodies = append(res.bodies, body)
					}
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()
	res.elapsed = time.Since(started)
	for _, l := range lats {
		res.latencies = append(res.latencies, l...)
	}
	slices.Sort(res.latencies)
	res.requests = len(res.latencies)
	res.failures = int(failures.Load())
	return res
}

func send(ctx context.Context, client *http.Client, base string, rq request) (int, []byte, error) {
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, base+rq.path, body)
	if err != nil {
		return 0, nil, err
	}
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range rq.headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}
