package dispatch

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
)

func TestIsForbiddenAddress(t *testing.T) {
	for _, s := range []string{"127.0.0.1", "::1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "100.64.0.1", "0.0.0.0", "fc00::1", "::", "224.0.0.1"} {
		if !IsForbiddenAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s should be forbidden", s)
		}
	}
	for _, s := range []string{"93.184.216.34", "2606:4700::1111", "8.8.8.8"} {
		if IsForbiddenAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s should be allowed", s)
		}
	}
}

func TestValidateEndpointURL(t *testing.T) {
	bad := []string{"", "ftp://x.example", "http://hooks.example.com", "https://user:pw@hooks.example.com", "https://127.0.0.1/x", "https://10.0.0.1/", "https://[::1]/", "https://169.254.169.254/latest", "https://localhost:8443/", "https://metadata.google.internal/", "/relative", "https://" + strings.Repeat("a", 2050) + ".com"}
	for _, u := range bad {
		if ValidateEndpointURL(u, URLPolicy{}) == nil {
			t.Errorf("%q accepted", u)
		}
	}
	if err := ValidateEndpointURL("https://hooks.example.com/rebound?x=1", URLPolicy{}); err != nil {
		t.Error(err)
	}
	if err := ValidateEndpointURL("http://127.0.0.1:9000/hook", URLPolicy{AllowHTTP: true, AllowPrivate: true}); err != nil {
		t.Error(err)
	}
}

// fakeDNS answers every A query with the address mapped to the name, over UDP on loopback, so
// the test controls what a hostname resolves to without any outside network.
func fakeDNS(t *testing.T, answers map[string]string) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			q := buf[:n]
			// Parse the question name.
			var labels []string
			i := 12
			for i < len(q) && q[i] != 0 {
				l := int(q[i])
				labels = append(labels, string(q[i+1:i+1+l]))
				i += 1 + l
			}
			qEnd := i + 5 // zero byte, type, class
			qtype := binary.BigEndian.Uint16(q[i+1 : i+3])
			name := strings.Join(labels, ".")
			resp := append([]byte{}, q[:2]...) // id
			resp = append(resp, 0x81, 0x80)    // response, recursion available
			resp = append(resp, 0, 1)          // one question
			ip, ok := answers[name]
			if ok && qtype == 1 {
				resp = append(resp, 0, 1) // one answer
			} else {
				resp = append(resp, 0, 0)
			}
			resp = append(resp, 0, 0, 0, 0)    // no authority, no additional
			resp = append(resp, q[12:qEnd]...) // the question
			if ok && qtype == 1 {
				a := netip.MustParseAddr(ip).As4()
				resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4)
				resp = append(resp, a[:]...)
			}
			pc.WriteTo(resp, addr)
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

func TestClientRefusesForbiddenTargetsWithoutConnecting(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	resolver := fakeDNS(t, map[string]string{"loopback.test": "127.0.0.1", "private.test": "10.0.0.1", "metadata.test": "169.254.169.254"})
	client := NewClient(ClientOptions{Resolver: resolver})
	for _, u := range []string{srv.URL, "http://loopback.test:" + port + "/", "http://private.test:" + port + "/", "http://metadata.test/latest/meta-data/", "http://localhost:" + port + "/"} {
		_, err := client.Post(u, "application/json", strings.NewReader("{}"))
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: %v, want ErrForbiddenAddress", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("the refused client still reached the server %d times", hits.Load())
	}
	allowed := NewClient(ClientOptions{AllowPrivate: true, Resolver: resolver})
	res, err := allowed.Post("http://loopback.test:"+port+"/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if hits.Load() != 1 {
		t.Fatal("with AllowPrivate the loopback server was not reached")
	}
}

func TestClientFollowsNoRedirectAndCapsBodies(t *testing.T) {
	var targetHits atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { targetHits.Add(1) }))
	defer target.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusFound)
	}))
	defer redirect.Close()
	client := NewClient(ClientOptions{AllowPrivate: true})
	res, err := client.Post(redirect.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound || targetHits.Load() != 0 {
		t.Fatalf("redirect followed: status %d, target hits %d", res.StatusCode, targetHits.Load())
	}
	big := strings.NewReader(strings.Repeat("é", MaxResponseBody))
	s := ReadResponseSnippet(big)
	if len(s) > 1024 || !strings.HasPrefix(s, "éé") {
		t.Fatalf("snippet of %d bytes", len(s))
	}
	if rest := big.Len(); rest != 2*MaxResponseBody-MaxResponseBody {
		t.Fatalf("read %d bytes, want at most %d", 2*MaxResponseBody-rest, MaxResponseBody)
	}
}
