package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestReadmeImportConnectorAndAnalyticsExamples runs the README's blocks on importing history,
// connecting Greenhouse and tenant analytics, in that order, against the built binary serving
// a fresh SQLite directory with its workers (the import runs in the background, as it would).
func TestReadmeImportConnectorAndAnalyticsExamples(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"curl", "openssl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	for _, name := range []string{"import", "connector", "analytics"} {
		m := regexp.MustCompile("(?s)<!-- data:" + name + ":start -->\\s*```bash\\n(.*?)```\\s*<!-- data:" + name + ":end -->").FindSubmatch(raw)
		if m == nil {
			t.Fatalf("README.md has no %s block", name)
		}
		script.Write(m[1])
	}

	addr := freeAddr(t)
	cmd := exec.Command(buildBinary(t), "serve")
	cmd.Env = append(os.Environ(), "REBOUND_ADDR="+addr, "REBOUND_DATA_DIR="+t.TempDir(), "DATABASE_URL=", "REBOUND_DISPATCH_INTERVAL=100ms")
	stdout, _ := cmd.StdoutPipe()
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	keyc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := regexp.MustCompile(`REBOUND_API_KEY=(rbk_\S+)`).FindStringSubmatch(sc.Text()); m != nil {
				keyc <- m[1]
			}
		}
	}()
	var key string
	select {
	case key = <-keyc:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve printed no key; logs:\n%s", logs.String())
	}
	base := "http://" + addr
	waitReady(t, base)

	sh := exec.Command("bash", "-c", script.String())
	sh.Dir = t.TempDir()
	sh.Env = append(os.Environ(), "BASE="+base, "REBOUND_API_KEY="+key)
	out, err := sh.CombinedOutput()
	if err != nil {
		t.Fatalf("README examples failed: %v\n%s\nserver logs:\n%s", err, out, logs.String())
	}
	for _, want := range []string{
		`"status":"completed"`, `"rejections_created":3`, `"candidates_created":1`, `"line":3,"pointer":"/stage"`,
		`"historical_after_days":30`,
		`"object":"connector"`, `"outcome":"recorded"`,
		`"object":"analytics"`, `"suppressed":true`,
	} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("the README examples' output lacks %s:\n%s", want, out)
		}
	}
}
