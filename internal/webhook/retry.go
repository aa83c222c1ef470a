package webhook

import (
	"math/rand/v2"
	"time"
)

// RetrySchedule is the delay before each retry, indexed by the number of failed attempts so far
// minus one. It follows the Standard Webhooks example (quick retries first, then hours apart) and
// spans about three days — 67 h 35 min 5 s before jitter — so a receiver that is down over a
// weekend still gets its events. After the last entry the delivery has failed for good.
var RetrySchedule = []time.Duration{
	5 * time.Second,
	5 * time.Minute,
	30 * time.Minute,
	2 * time.Hour,
	5 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
}

// DisableAfter is how long an endpoint may fail continuously, without a single success, before
// it is disabled, so Rebound stops spending effort on receivers that are gone.
const DisableAfter = 72 * time.Hour

// NextRetry returns how long to wait before the next attempt, given the number of failed
// attempts so far (1-based), or false when the schedule is exhausted (or attempt < 1, which is
// a caller error). The delay is the schedule's entry with ±20% jitter, so retries of many
// deliveries that failed together do not hit the receiver in lockstep. jitter(n) must return a
// value in [0, n) — tests pass a deterministic function; nil uses math/rand/v2. Values outside
// that range are clamped, so a faulty jitter function cannot produce a delay outside ±20%.
func NextRetry(attempt int, jitter func(n int64) int64) (time.Duration, bool) {
	if attempt < 1 || attempt > len(RetrySchedule) {
		return 0, false
	}
	if jitter == nil {
		jitter = rand.Int64N
	}
	base := int64(RetrySchedule[attempt-1])
	spread := base * 2 / 5 // the window [0.8·base, 1.2·base)
	if spread <= 0 {
		return time.Duration(base), true
	}
	j := jitter(spread)
	j = max(0, min(j, spread-1))
	return time.Duration(base - base/5 + j), true
}
