package webhook_test

import (
	"fmt"
	"time"

	"github.com/reboundhq/rebound/internal/webhook"
)

// A receiver checks a delivery with the secret shown when the endpoint was created.
func ExampleVerify() {
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	body := []byte(`{"type":"rejection.created","data":{"id":"rej_1"}}`)
	sent := time.Unix(1700000000, 0)

	headers, err := webhook.Headers([]string{secret}, "evt_1", sent, body)
	if err != nil {
		panic(err)
	}
	fmt.Println(webhook.Verify(secret, headers, body, sent.Add(30*time.Second), 5*time.Minute))
	fmt.Println(webhook.Verify(secret, headers, []byte(`{}`), sent, 5*time.Minute))
	fmt.Println(webhook.Verify(secret, headers, body, sent.Add(time.Hour), 5*time.Minute))
	// Output:
	// <nil>
	// webhook: no matching v1 signature
	// webhook: webhook-timestamp is outside the allowed tolerance
}

func ExampleSign() {
	sig, err := webhook.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
		time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	fmt.Println(sig, err)
	// Output: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= <nil>
}
