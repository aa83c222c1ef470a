package api

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium binary. make test installs Debian's chromium and sets
// REBOUND_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("REBOUND_REQUIRE_BROWSER") != "" {
		t.Fatal("Chromium is required (REBOUND_REQUIRE_BROWSER is set) but not installed")
	}
	t.Skip("Chromium is not installed; make test installs it")
	return ""
}

// newBrowser starts headless Chromium for one test.
func newBrowser(t *testing.T) (context.Context, func()) {
	t.Helper()
	browser := chromiumPath(t)
	profile, err := os.MkdirTemp("", "rebound-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(profile),
		chromedp.WindowSize(412, 915),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	return ctx, func() {
		cancelTimeout()
		_ = chromedp.Cancel(ctx)
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
	}
}

// TestCommentOnlyAnswerInRealBrowser: the most common answer — only the comment box filled in —
// goes through in a real browser, and the page is written in each of the four languages, with
// every row's control labelled by its row, a switch between languages and a footer that says
// who receives the answer.
func TestCommentOnlyAnswerInRealBrowser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	ctx, done := newBrowser(t)
	defer done()

	var lang, footer, thanks string
	var labels []string
	var labelNodes []*cdp.Node
	run := func(actions ...chromedp.Action) {
		t.Helper()
		for i, a := range actions {
			if err := chromedp.Run(ctx, a); err != nil {
				t.Fatalf("browser step %d: %v", i, err)
			}
		}
	}
	// The page in each language, through its own switch.
	for _, want := range []struct{ code, footerWord string }{{"de", "Plattform"}, {"es", "plataforma"}, {"fr", "plateforme"}, {"en", "platform"}} {
		run(chromedp.Navigate(e.srv.URL+"/f/"+f.token+"?lang="+want.code),
			chromedp.WaitVisible(`#summary`, chromedp.ByQuery),
			chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
			chromedp.Text(`footer`, &footer, chromedp.ByQuery),
			chromedp.Nodes(`label[for^="strength_category_"], label[for^="improvement_category_"]`, &labelNodes, chromedp.ByQueryAll))
		if lang != want.code || !strings.Contains(footer, want.footerWord) || strings.Contains(footer, "only to them") {
			t.Fatalf("page in %s: lang %q, footer %q", want.code, lang, footer)
		}
		labels = labels[:0]
		for _, n := range labelNodes {
			var text string
			run(chromedp.Text(`label[for="`+n.AttributeValue("for")+`"]`, &text, chromedp.ByQuery))
			labels = append(labels, text)
		}
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] {
				t.Fatalf("two controls labelled %q in %s: %v", l, want.code, labels)
			}
			seen[l] = true
		}
		if len(labels) != 5 {
			t.Fatalf("%d area labels in %s", len(labels), want.code)
		}
	}
	// Only the comment, in the English page, then the button.
	run(chromedp.SendKeys(`#summary`, "Lovely to meet you. We went with someone who had more on-call experience.", chromedp.ByQuery),
		chromedp.Click(`button[value="respond"]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`form`, chromedp.ByQuery),
		chromedp.Text(`main`, &thanks, chromedp.ByQuery))
	if !strings.Contains(thanks, "Thank") {
		t.Fatalf("after a comment-only answer the page says %q", thanks)
	}
	list := e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/feedback", f.key, nil).object(t)["data"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["summary"] != "Lovely to meet you. We went with someone who had more on-call experience." || len(list[0].(map[string]any)["items"].([]any)) != 0 {
		t.Fatalf("stored %v", list)
	}
}

// TestFeedbackPageInRealBrowser answers a feedback request the way an interviewer would: in
// headless Chromium, typing into the page and pressing the button. The stored feedback must be
// exactly what was typed. Screenshots go to REBOUND_SCREENSHOT_DIR (or the test's temp dir).
func TestFeedbackPageInRealBrowser(t *testing.T) {
	t.Parallel()
	browser := chromiumPath(t)
	e := newEnv(t)
	f := newFeedbackFixture(t, e)

	// The profile is removed by hand: Chromium may still be writing to it as the test ends.
	profile, err := os.MkdirTemp("", "rebound-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(profile),
		chromedp.WindowSize(412, 915), // a phone-sized viewport
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {})) // the driver predates some CDP events
	defer func() { _ = chromedp.Cancel(ctx); cancel() }()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	shots := os.Getenv("REBOUND_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	var form, thanks []byte
	var heading, thanksText string
	steps := []chromedp.Action{
		chromedp.Navigate(e.srv.URL + "/f/" + f.token),
		chromedp.WaitVisible(`#improvement_detail_0`, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.SetValue(`#improvement_category_0`, "technical_depth", chromedp.ByQuery),
		chromedp.SendKeys(`#improvement_detail_0`, "Go deeper on system design trade-offs", chromedp.ByQuery),
		chromedp.SetValue(`#strength_category_0`, "communication", chromedp.ByQuery),
		chromedp.SendKeys(`#strength_detail_0`, "Explained decisions clearly", chromedp.ByQuery),
		chromedp.SendKeys(`#summary`, "It was close. Thank you for your time, Dana.", chromedp.ByQuery),
		chromedp.SendKeys(`#author_role`, "Engineering Manager", chromedp.ByQuery),
		chromedp.FullScreenshot(&form, 100),
		chromedp.Click(`button[value="respond"]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`form`, chromedp.ByQuery), // the thank-you page has no form
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Text(`main`, &thanksText, chromedp.ByQuery),
		chromedp.FullScreenshot(&thanks, 100),
	}
	for i, step := range steps {
		if err := chromedp.Run(ctx, step); err != nil {
			t.Fatalf("browser step %d: %v", i, err)
		}
	}
	for name, img := range map[string][]byte{"feedback-form.png": form, "feedback-thanks.png": thanks} {
		if err := os.WriteFile(filepath.Join(shots, name), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(heading, "Dana Whitfield") {
		t.Fatalf("heading %q", heading)
	}
	if !strings.Contains(thanksText, "Thank you") {
		t.Fatalf("after submitting the page says %q", thanksText)
	}

	list := e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/feedback", f.key, nil).object(t)["data"].([]any)
	if len(list) != 1 {
		t.Fatalf("%d feedback stored", len(list))
	}
	fb := list[0].(map[string]any)
	if fb["summary"] != "It was close. Thank you for your time, Dana." || fb["author_role"] != "Engineering Manager" || fb["feedback_request_id"] != f.request {
		t.Fatalf("stored feedback %v", fb)
	}
	got := map[string]string{}
	for _, it := range fb["items"].([]any) {
		m := it.(map[string]any)
		got[m["polarity"].(string)+"/"+m["category"].(string)] = m["detail"].(string)
	}
	want := map[string]string{"improvement/technical_depth": "Go deeper on system design trade-offs", "strength/communication": "Explained decisions clearly"}
	if len(got) != len(want) {
		t.Fatalf("items %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("items %v, want %v", got, want)
		}
	}
	if s := e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)["status"]; s != "responded" {
		t.Fatalf("request status %v", s)
	}
}
