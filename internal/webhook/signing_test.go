package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Standard Webhooks reference test vector (libraries' TestWebhookSign).
const (
	vectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTS     = 1614265330
	vectorBody   = `{"test": 2432232314}`
	vectorSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

// secondSecret is another valid secret, for rotation tests.
const secondSecret = "whsec_" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" // bytes 0..31

// independentVerify is a from-scratch receiver written from the specification only, sharing no
// code with the package: it decodes the secret, builds "<id>.<timestamp>.<body>" itself and
// reports which v1 entries of the signature header match.
func independentVerify(t *testing.T, secret string, h http.Header, body []byte) (matches int) {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		t.Fatalf("test secret %q: %v", secret, err)
	}
	id := h.Get("Webhook-Id")
	ts := h.Get("Webhook-Timestamp")
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + ts + "." + string(body)))
	want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
	for _, sig := range strings.Split(h.Get("Webhook-Signature"), " ") {
		if sig == want {
			matches++
		}
	}
	return matches
}

func TestSignPublishedVector(t *testing.T) {
	got, err := Sign(vectorSecret, vectorID, time.Unix(vectorTS, 0), []byte(vectorBody))
	if err != nil {
		t.Fatal(err)
	}
	if got != vectorSig {
		t.Fatalf("Sign = %s, want the specification's %s", got, vectorSig)
	}
	// The independent implementation agrees with the vector too, so it is a valid oracle.
	h := http.Header{}
	h.Set("webhook-id", vectorID)
	h.Set("webhook-timestamp", strconv.Itoa(vectorTS))
	h.Set("webhook-signature", vectorSig)
	if independentVerify(t, vectorSecret, h, []byte(vectorBody)) != 1 {
		t.Fatal("independent implementation does not reproduce the published vector")
	}
	if err := Verify(vectorSecret, h, []byte(vectorBody), time.Unix(vectorTS+60, 0), 0); err != nil {
		t.Fatalf("Verify rejects the published vector: %v", err)
	}
}

func TestHeadersVerifyIndependently(t *testing.T) {
	body := []byte(`{"type":"rejection.created","data":{"id":"rej_123","note":"ünïcødé"}}`)
	ts := time.Date(2025, 6, 1, 12, 30, 45, 999_000_000, time.UTC) // sub-second part is dropped
	h, err := Headers([]string{vectorSecret}, "evt_01HZX", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Webhook-Id":        "evt_01HZX",
		"Webhook-Timestamp": strconv.FormatInt(ts.Unix(), 10),
		"Content-Type":      "application/json",
		"User-Agent":        "Rebound-Webhooks/1",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	sig := h.Get("Webhook-Signature")
	if !strings.HasPrefix(sig, "v1,") || strings.Contains(sig, " ") {
		t.Errorf("webhook-signature = %q, want a single v1 signature", sig)
	}
	if n := independentVerify(t, vectorSecret, h, body); n != 1 {
		t.Fatalf("independent verifier matched %d signatures, want 1 (header %q)", n, sig)
	}
	if err := Verify(vectorSecret, h, body, ts, time.Minute); err != nil {
		t.Fatal(err)
	}
}

func TestRotationSignsWithEverySecretInOrder(t *testing.T) {
	body := []byte(`{"a":1}`)
	ts := time.Unix(1_700_000_000, 0)
	h, err := Headers([]string{secondSecret, vectorSecret}, "evt_1", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	sigs := strings.Split(h.Get("webhook-signature"), " ")
	if len(sigs) != 2 {
		t.Fatalf("webhook-signature = %q, want two signatures", h.Get("webhook-signature"))
	}
	for i, secret := range []string{secondSecret, vectorSecret} {
		want, err := Sign(secret, "evt_1", ts, body)
		if err != nil {
			t.Fatal(err)
		}
		if sigs[i] != want {
			t.Errorf("signature %d = %s, want %s (order must follow the secrets)", i, sigs[i], want)
		}
		if n := independentVerify(t, secret, h, body); n != 1 {
			t.Errorf("secret %d: independent verifier matched %d signatures, want 1", i, n)
		}
		if err := Verify(secret, h, body, ts, time.Minute); err != nil {
			t.Errorf("secret %d: %v", i, err)
		}
	}
	if sigs[0] == sigs[1] {
		t.Error("two different secrets produced the same signature")
	}
	other, _ := NewSecret()
	if err := Verify(other, h, body, ts, time.Minute); !errors.Is(err, ErrNoMatchingSignature) {
		t.Errorf("an unrelated secret verified: %v", err)
	}
}

func TestVerifyRejectsTampering(t *testing.T) {
	body := []byte(`{"amount":100}`)
	ts := time.Unix(1_700_000_000, 0)
	h, err := Headers([]string{vectorSecret}, "evt_42", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(vectorSecret, h, body, ts, time.Minute); err != nil {
		t.Fatalf("untampered delivery rejected: %v", err)
	}
	tamper := func(f func(h http.Header) []byte) error {
		hc := h.Clone()
		b := f(hc)
		if b == nil {
			b = body
		}
		return Verify(vectorSecret, hc, b, ts, time.Minute)
	}
	cases := map[string]func(h http.Header) []byte{
		"body":            func(http.Header) []byte { return []byte(`{"amount":900}`) },
		"body whitespace": func(http.Header) []byte { return []byte(`{"amount": 100}`) },
		"id":              func(h http.Header) []byte { h.Set("webhook-id", "evt_43"); return nil },
		"timestamp":       func(h http.Header) []byte { h.Set("webhook-timestamp", strconv.FormatInt(ts.Unix()+1, 10)); return nil },
		"signature version": func(h http.Header) []byte {
			h.Set("webhook-signature", "v2"+h.Get("webhook-signature")[2:])
			return nil
		},
		"signature bit": func(h http.Header) []byte {
			s := []byte(h.Get("webhook-signature"))
			s[5] ^= 1
			h.Set("webhook-signature", string(s))
			return nil
		},
		"signature truncated": func(h http.Header) []byte {
			h.Set("webhook-signature", h.Get("webhook-signature")[:20])
			return nil
		},
	}
	for name, f := range cases {
		if err := tamper(f); !errors.Is(err, ErrNoMatchingSignature) {
			t.Errorf("tampered %s: err = %v, want ErrNoMatchingSignature", name, err)
		}
	}
}

func TestVerifyAcceptsAnyMatchingV1Signature(t *testing.T) {
	body := []byte(`{}`)
	ts := time.Unix(1_700_000_000, 0)
	good, err := Sign(vectorSecret, "evt_1", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("webhook-id", "evt_1")
	h.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("webhook-signature", "v1a,hnO3f9T8Ytu9HwrX garbage v1,!!!notbase64 v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=  "+good+" v2,xyz")
	if err := Verify(vectorSecret, h, body, ts, time.Minute); err != nil {
		t.Fatalf("a matching v1 signature among others was rejected: %v", err)
	}
	// The matching MAC under another version label does not count.
	h.Set("webhook-signature", "v1a,"+strings.TrimPrefix(good, "v1,"))
	if err := Verify(vectorSecret, h, body, ts, time.Minute); !errors.Is(err, ErrNoMatchingSignature) {
		t.Fatalf("err = %v, want ErrNoMatchingSignature", err)
	}
}

func TestVerifyTolerance(t *testing.T) {
	body := []byte(`{}`)
	ts := time.Unix(1_700_000_000, 0)
	h, err := Headers([]string{vectorSecret}, "evt_1", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	tol := 5 * time.Minute
	cases := []struct {
		now  time.Time
		want error
	}{
		{ts, nil},
		{ts.Add(tol), nil},  // exactly at the edge, stale side
		{ts.Add(-tol), nil}, // exactly at the edge, future side
		{ts.Add(tol + time.Second), ErrTimestampOutOfTolerance}, // stale: replay
		{ts.Add(-tol - time.Second), ErrTimestampOutOfTolerance},
		{ts.Add(24 * time.Hour), ErrTimestampOutOfTolerance},
	}
	for _, c := range cases {
		if err := Verify(vectorSecret, h, body, c.now, tol); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("now = ts%+v: err = %v, want %v", c.now.Sub(ts), err, c.want)
		}
	}
	// Zero tolerance means the default five minutes.
	if err := Verify(vectorSecret, h, body, ts.Add(DefaultTolerance), 0); err != nil {
		t.Errorf("default tolerance: %v", err)
	}
	if err := Verify(vectorSecret, h, body, ts.Add(DefaultTolerance+time.Second), 0); !errors.Is(err, ErrTimestampOutOfTolerance) {
		t.Errorf("default tolerance exceeded: err = %v", err)
	}
	// A stale timestamp is reported as such even when the signature is also wrong.
	if err := Verify(vectorSecret, h, []byte("x"), ts.Add(time.Hour), tol); !errors.Is(err, ErrTimestampOutOfTolerance) {
		t.Errorf("err = %v, want ErrTimestampOutOfTolerance", err)
	}
}

func TestVerifyMissingOrMalformedHeaders(t *testing.T) {
	body := []byte(`{}`)
	ts := time.Unix(1_700_000_000, 0)
	h, err := Headers([]string{vectorSecret}, "evt_1", ts, body)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(http.Header){
		"no id":                func(h http.Header) { h.Del("webhook-id") },
		"no timestamp":         func(h http.Header) { h.Del("webhook-timestamp") },
		"no signature":         func(h http.Header) { h.Del("webhook-signature") },
		"blank signature":      func(h http.Header) { h.Set("webhook-signature", "   ") },
		"empty id":             func(h http.Header) { h.Set("webhook-id", "") },
		"two ids":              func(h http.Header) { h.Add("webhook-id", "evt_2") },
		"two timestamps":       func(h http.Header) { h.Add("webhook-timestamp", "1") },
		"timestamp not number": func(h http.Header) { h.Set("webhook-timestamp", "yesterday") },
		"timestamp with sign":  func(h http.Header) { h.Set("webhook-timestamp", "+1700000000") },
		"negative timestamp":   func(h http.Header) { h.Set("webhook-timestamp", "-1") },
		"fractional timestamp": func(h http.Header) { h.Set("webhook-timestamp", "1700000000.5") },
		"timestamp overflow":   func(h http.Header) { h.Set("webhook-timestamp", "99999999999999999999") },
	}
	for name, f := range cases {
		hc := h.Clone()
		f(hc)
		if err := Verify(vectorSecret, hc, body, ts, time.Minute); !errors.Is(err, ErrMissingHeaders) {
			t.Errorf("%s: err = %v, want ErrMissingHeaders", name, err)
		}
	}
	if err := Verify("not-a-secret", h, body, ts, time.Minute); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("bad secret: err = %v, want ErrInvalidSecret", err)
	}
}

func TestNewSecret(t *testing.T) {
	a, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two secrets are equal")
	}
	for _, s := range []string{a, b} {
		if !strings.HasPrefix(s, "whsec_") || len(s) != len("whsec_")+32 {
			t.Errorf("secret %q: want whsec_ and 32 base64 characters", s)
		}
		key, err := ParseSecret(s)
		if err != nil || len(key) != 24 {
			t.Errorf("ParseSecret(%q) = %d bytes, %v; want 24 bytes", s, len(key), err)
		}
	}
}

func TestParseSecret(t *testing.T) {
	enc := func(n int) string { return "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, n)) }
	ok := []string{vectorSecret, secondSecret, enc(24), enc(64)}
	for _, s := range ok {
		if _, err := ParseSecret(s); err != nil {
			t.Errorf("ParseSecret(%q): %v", s, err)
		}
	}
	key, _ := ParseSecret(secondSecret)
	for i, b := range key {
		if int(b) != i {
			t.Fatalf("ParseSecret decoded %v, want bytes 0..31", key)
		}
	}
	bad := []string{
		"",
		"whsec_",
		"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",        // no prefix
		"WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",  // wrong case prefix
		"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",   // bad length
		"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w",  // URL alphabet
		"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw ", // trailing space
		enc(16), // too short
		enc(65), // too long
	}
	for _, s := range bad {
		if _, err := ParseSecret(s); !errors.Is(err, ErrInvalidSecret) {
			t.Errorf("ParseSecret(%q) err = %v, want ErrInvalidSecret", s, err)
		}
	}
}

func TestSignRejectsBadInput(t *testing.T) {
	ts := time.Unix(1_700_000_000, 0)
	for _, id := range []string{"", "evt.1", "evt 1", "evt\n1", "evt\x001", "évt", strings.Repeat("a", 257)} {
		if _, err := Sign(vectorSecret, id, ts, nil); !errors.Is(err, ErrInvalidMessageID) {
			t.Errorf("Sign(id %q) err = %v, want ErrInvalidMessageID", id, err)
		}
	}
	if _, err := Sign("whsec_bad", "evt_1", ts, nil); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("bad secret: err = %v", err)
	}
	if _, err := Sign(vectorSecret, "evt_1", time.Unix(-1, 0), nil); err == nil {
		t.Error("a timestamp before 1970 was signed")
	}
	if _, err := SignatureHeader(nil, "evt_1", ts, nil); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("no secrets: err = %v, want ErrInvalidSecret", err)
	}
	if _, err := Headers([]string{vectorSecret, "whsec_x"}, "evt_1", ts, nil); !errors.Is(err, ErrInvalidSecret) {
		t.Errorf("one bad secret among several: err = %v, want ErrInvalidSecret", err)
	}
}

func TestSignatureHeaderMatchesHeaders(t *testing.T) {
	ts := time.Unix(1_700_000_000, 0)
	secrets := []string{vectorSecret, secondSecret}
	sh, err := SignatureHeader(secrets, "evt_9", ts, []byte("b"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := Headers(secrets, "evt_9", ts, []byte("b"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Get("webhook-signature") != sh {
		t.Fatalf("Headers signature %q != SignatureHeader %q", h.Get("webhook-signature"), sh)
	}
}
