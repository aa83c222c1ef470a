package webhook

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestRetryScheduleSpansAboutThreeDays(t *testing.T) {
	var sum time.Duration
	for i, d := range RetrySchedule {
		if d <= 0 {
			t.Fatalf("entry %d is %v", i, d)
		}
		if i > 0 && d < RetrySchedule[i-1] {
			t.Errorf("entry %d (%v) is shorter than the one before (%v)", i, d, RetrySchedule[i-1])
		}
		sum += d
	}
	const day = 24 * time.Hour
	if sum < day*5/2 || sum > day*7/2 {
		t.Fatalf("schedule sums to %v, want between 2.5 and 3.5 days", sum)
	}
	if RetrySchedule[0] != 5*time.Second {
		t.Errorf("first retry after %v, want 5s", RetrySchedule[0])
	}
	if DisableAfter != 72*time.Hour {
		t.Errorf("DisableAfter = %v", DisableAfter)
	}
}

func TestNextRetryExhaustion(t *testing.T) {
	zero := func(int64) int64 { return 0 }
	for attempt := 1; attempt <= len(RetrySchedule); attempt++ {
		if d, ok := NextRetry(attempt, zero); !ok || d <= 0 {
			t.Errorf("NextRetry(%d) = %v, %v; want a positive delay", attempt, d, ok)
		}
	}
	for _, attempt := range []int{len(RetrySchedule) + 1, len(RetrySchedule) + 100, 0, -1} {
		if d, ok := NextRetry(attempt, zero); ok || d != 0 {
			t.Errorf("NextRetry(%d) = %v, %v; want 0, false", attempt, d, ok)
		}
	}
}

func TestNextRetryJitterBounds(t *testing.T) {
	for attempt := 1; attempt <= len(RetrySchedule); attempt++ {
		base := RetrySchedule[attempt-1]
		lo, hi := base*8/10, base*12/10

		var asked int64
		low, _ := NextRetry(attempt, func(n int64) int64 { asked = n; return 0 })
		if low != lo {
			t.Errorf("attempt %d: lowest jitter gives %v, want 0.8×%v = %v", attempt, low, base, lo)
		}
		if asked != int64(base)*2/5 {
			t.Errorf("attempt %d: jitter asked for [0,%d), want [0,%d)", attempt, asked, int64(base)*2/5)
		}
		high, _ := NextRetry(attempt, func(n int64) int64 { return n - 1 })
		if high >= hi || high < hi-time.Nanosecond {
			t.Errorf("attempt %d: highest jitter gives %v, want just under 1.2×%v = %v", attempt, high, base, hi)
		}
		mid, _ := NextRetry(attempt, func(n int64) int64 { return n / 2 })
		if mid != base {
			t.Errorf("attempt %d: middle jitter gives %v, want %v", attempt, mid, base)
		}
		// A faulty jitter function is clamped into the window.
		for _, bad := range []func(int64) int64{
			func(int64) int64 { return -1 << 40 },
			func(n int64) int64 { return n * 10 },
		} {
			if d, _ := NextRetry(attempt, bad); d < lo || d >= hi {
				t.Errorf("attempt %d: faulty jitter gives %v outside [%v, %v)", attempt, d, lo, hi)
			}
		}
		// Real randomness (also the nil default) stays inside and actually varies.
		rng := rand.New(rand.NewPCG(1, uint64(attempt)))
		seen, seenDefault := map[time.Duration]bool{}, map[time.Duration]bool{}
		for range 200 {
			d, ok := NextRetry(attempt, rng.Int64N)
			if !ok || d < lo || d >= hi {
				t.Fatalf("attempt %d: random delay %v outside [%v, %v)", attempt, d, lo, hi)
			}
			seen[d] = true
			d, _ = NextRetry(attempt, nil)
			if d < lo || d >= hi {
				t.Fatalf("attempt %d: default jitter gives %v outside [%v, %v)", attempt, d, lo, hi)
			}
			seenDefault[d] = true
		}
		if len(seen) < 100 || len(seenDefault) < 100 {
			t.Errorf("attempt %d: only %d (given) and %d (default) distinct delays in 200 draws", attempt, len(seen), len(seenDefault))
		}
	}
}
