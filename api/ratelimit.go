package api

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// rateLimiter keeps one token bucket per key. Buckets idle for ten minutes are dropped, so
// memory follows the number of active keys, not every key ever seen.
type rateLimiter struct {
	perSecond float64
	burst     int
	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	limiter  *rate.Limiter
	lastSeen time.Time
}

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	if burst < 1 {
		burst = int(math.Max(1, perSecond*2))
	}
	return &rateLimiter{perSecond: perSecond, burst: burst, buckets: map[string]*bucket{}}
}

// take spends a token of key's bucket; when none is left it says how long until one is.
func (r *rateLimiter) take(key string, now time.Time) (ok bool, remaining int, retryAfter time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.lastSweep) > time.Minute {
		for k, b := range r.buckets {
			if now.Sub(b.lastSeen) > 10*time.Minute {
				delete(r.buckets, k)
			}
		}
		r.lastSweep = now
	}
	b, found := r.buckets[key]
	if !found {
		b = &bucket{limiter: rate.NewLimiter(rate.Limit(r.perSecond), r.burst)}
		r.buckets[key] = b
	}
	b.lastSeen = now
	if b.limiter.AllowN(now, 1) {
		return true, int(b.limiter.TokensAt(now)), 0
	}
	wait := time.Duration((1 - b.limiter.TokensAt(now)) / r.perSecond * float64(time.Second))
	return false, 0, wait
}

// windowSeconds is the time a full bucket takes to refill, the "window" the policy advertises.
func (r *rateLimiter) windowSeconds() int {
	return int(math.Max(1, math.Ceil(float64(r.burst)/r.perSecond)))
}

// middleware enforces the per-key limit and advertises it with the IETF RateLimit headers.
func (r *rateLimiter) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := principal(c).ID
		ok, remaining, wait := r.take(key, time.Now())
		h := c.Response().Header()
		w := r.windowSeconds()
		h.Set("RateLimit-Policy", fmt.Sprintf(`"per-key";q=%d;w=%d`, r.burst, w))
		if !ok {
			secs := int(math.Ceil(wait.Seconds()))
			if secs < 1 {
				secs = 1
			}
			h.Set("RateLimit", fmt.Sprintf(`"per-key";r=0;t=%d`, secs))
			h.Set(echo.HeaderRetryAfter, strconv.Itoa(secs))
			return newProblem(probRateLimited, "This API key sent more than %g requests per second (bursts of %d). Retry after %d second%s.", r.perSecond, r.burst, secs, plural(secs))
		}
		h.Set("RateLimit", fmt.Sprintf(`"per-key";r=%d;t=%d`, remaining, w))
		return next(c)
	}
}
