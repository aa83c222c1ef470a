package dispatch

import "time"

// RetrySchedule is the delay before each retry after a failed attempt (Standard Webhooks'
// suggestion, stretched to about three days): after the last, the delivery has failed.
var RetrySchedule = []time.Duration{
	5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour,
	10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour,
}

// DisableAfter is how long an endpoint may fail without a single success before it is disabled.
const DisableAfter = 72 * time.Hour

// NextRetry returns the delay before the next attempt after failed attempts so far (1-based),
// with ±20% jitter so a fleet of retries does not arrive in lockstep, or false when retries are
// exhausted. jitter(n) must return a number in [0, n).
func NextRetry(failed int, jitter func(n int64) int64) (time.Duration, bool) {
	if failed < 1 || failed > len(RetrySchedule) {
		return 0, false
	}
	base := RetrySchedule[failed-1]
	spread := int64(base) * 2 / 5 // 40% wide, centred: ±20%
	if spread <= 0 {
		return base, true
	}
	return base - time.Duration(spread/2) + time.Duration(jitter(spread)), true
}
