package dispatch

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// SecretPrefix starts every signing secret, as the Standard Webhooks specification names them.
const SecretPrefix = "whsec_"

// ErrInvalidSecret means a secret is not "whsec_" followed by base64.
var ErrInvalidSecret = errors.New("webhook secret must be whsec_ followed by base64")

// NewSecret returns a fresh signing secret: 24 random bytes (192 bits), base64-encoded.
func NewSecret() string {
	return SecretPrefix + base64.StdEncoding.EncodeToString(model.RandomToken(24))
}

// secretKey decodes a secret into its HMAC key.
func secretKey(secret string) ([]byte, error) {
	raw, ok := strings.CutPrefix(secret, SecretPrefix)
	if !ok {
		return nil, ErrInvalidSecret
	}
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(key) == 0 {
		return nil, ErrInvalidSecret
	}
	return key, nil
}

// Sign computes one Standard Webhooks signature: "v1," and the base64 HMAC-SHA256 of
// "<msgID>.<unix seconds>.<body>".
func Sign(secret, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := secretKey(secret)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// Headers are the request headers of one delivery: the message id (the event id, identical on
// every retry so receivers can deduplicate), the timestamp and one signature per secret — two
// during a rotation's overlap.
func Headers(secrets []string, msgID string, ts time.Time, body []byte) (http.Header, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		sig, err := Sign(s, msgID, ts, body)
		if err != nil {
			return nil, err
		}
		sigs = append(sigs, sig)
	}
	h := http.Header{}
	h.Set("webhook-id", msgID)
	h.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("webhook-signature", strings.Join(sigs, " "))
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Rebound-Webhooks/1")
	return h, nil
}

// Verification errors.
var (
	ErrMissingHeaders          = errors.New("webhook-id, webhook-timestamp or webhook-signature missing")
	ErrTimestampOutOfTolerance = errors.New("webhook-timestamp too far from now")
	ErrNoMatchingSignature     = errors.New("no webhook-signature matches")
)

// Verify checks a received delivery the way a receiver should (the docs' reference): a v1
// signature made with secret must match, and the timestamp must be within tolerance of now.
func Verify(secret string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	id, tsRaw, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || tsRaw == "" || sigs == "" {
		return ErrMissingHeaders
	}
	secs, err := strconv.ParseInt(tsRaw, 10, 64)
	if err != nil {
		return ErrMissingHeaders
	}
	ts := time.Unix(secs, 0)
	if d := now.Sub(ts); d > tolerance || d < -tolerance {
		return ErrTimestampOutOfTolerance
	}
	want, err := Sign(secret, id, ts, body)
	if err != nil {
		return err
	}
	for _, sig := range strings.Fields(sigs) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return nil
		}
	}
	return ErrNoMatchingSignature
}
