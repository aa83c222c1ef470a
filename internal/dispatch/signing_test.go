package dispatch

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestStandardWebhooksVector reproduces the example signature published with the Standard
// Webhooks specification.
func TestStandardWebhooksVector(t *testing.T) {
	sig, err := Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if sig != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Fatalf("signature %s does not match the specification's example", sig)
	}
}

// independentVerify is a from-scratch receiver written from the specification's text, sharing
// no code with the signer.
func independentVerify(secret string, h http.Header, body []byte) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	content := h.Get("webhook-id") + "." + h.Get("webhook-timestamp") + "." + string(body)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(content))
	expected := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, part := range strings.Split(h.Get("webhook-signature"), " ") {
		version, sig, ok := strings.Cut(part, ",")
		if ok && version == "v1" && hmac.Equal([]byte(sig), []byte(expected)) {
			return true
		}
	}
	return false
}

func TestHeadersVerifyIndependently(t *testing.T) {
	oldSecret, newSecret := NewSecret(), NewSecret()
	body := []byte(`{"object":"event","id":"evt_1"}`)
	now := time.Now()
	h, err := Headers([]string{newSecret, oldSecret}, "evt_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.Fields(h.Get("webhook-signature"))) != 2 {
		t.Fatalf("rotation overlap must send two signatures: %q", h.Get("webhook-signature"))
	}
	for _, s := range []string{newSecret, oldSecret} {
		if !independentVerify(s, h, body) {
			t.Fatal("an independent verifier rejects the signature")
		}
		if err := Verify(s, h, body, now, 5*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if independentVerify(NewSecret(), h, body) {
		t.Fatal("a foreign secret verifies")
	}
	tampered := h.Clone()
	tampered.Set("webhook-id", "evt_2")
	if independentVerify(newSecret, tampered, body) || Verify(newSecret, tampered, body, now, time.Minute) == nil {
		t.Fatal("a changed webhook-id still verifies")
	}
	if independentVerify(newSecret, h, append(body, ' ')) {
		t.Fatal("a changed body still verifies")
	}
	if err := Verify(newSecret, h, body, now.Add(10*time.Minute), 5*time.Minute); err != ErrTimestampOutOfTolerance {
		t.Fatalf("stale timestamp: %v", err)
	}
	if _, err := Sign("sk_nope", "x", now, body); err != ErrInvalidSecret {
		t.Fatalf("bad secret: %v", err)
	}
}

func TestRetrySchedule(t *testing.T) {
	var total time.Duration
	for _, d := range RetrySchedule {
		total += d
	}
	if total < 60*time.Hour || total > 84*time.Hour {
		t.Fatalf("retries span %v, want about three days", total)
	}
	low, _ := NextRetry(2, func(int64) int64 { return 0 })
	high, _ := NextRetry(2, func(n int64) int64 { return n - 1 })
	if low < 4*time.Minute || high > 6*time.Minute || low >= high {
		t.Fatalf("jitter bounds %v..%v around 5m", low, high)
	}
	if _, ok := NextRetry(len(RetrySchedule)+1, func(int64) int64 { return 0 }); ok {
		t.Fatal("retries never end")
	}
}
