package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
)

// importFile is `rebound import FILE --tenant ID [--queue-only]`: the operator's way to load a
// tenant's history from an NDJSON file on the server, through the same use cases as
// POST /v1/imports. By default it then imports the file in this process and prints the result;
// with --queue-only it leaves the file to the running workers.
func importFile(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tenant := fs.String("tenant", "", "tenant id (required)")
	queueOnly := fs.Bool("queue-only", false, "queue the file for the workers instead of importing it here")
	// The file may come before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 {
		file = ""
	}
	if file == "" || !model.ValidID(model.PrefixTenant, *tenant) {
		fmt.Fprint(stderr, "import needs a file and --tenant ten_…: rebound import history.ndjson --tenant ten_…\n")
		return errUsage
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > model.MaxImportBytes {
		return fmt.Errorf("%s is %d bytes, over the %d-byte limit of one import: split it", file, info.Size(), model.MaxImportBytes)
	}
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Tenant(ctx, *tenant); err != nil {
		return fmt.Errorf("tenant %s: %w", *tenant, err)
	}
	a := app.New(app.Config{Store: st, PublicURL: cfg.PublicURL})
	uploaded, err := a.UploadImport(ctx, *tenant, filepath.Base(file), f)
	var fe *app.ImportFileError
	if errors.As(err, &fe) {
		return errors.New(fe.Detail)
	}
	if err != nil {
		return err
	}
	imp, err := a.QueueImport(ctx, uploaded)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "import %s queued: %d lines, %d bytes\n", imp.ID, imp.LinesTotal, imp.Bytes)
	if *queueOnly {
		return nil
	}
	start := time.Now()
	for {
		if _, err := a.RunImports(ctx, workerID()); err != nil {
			return err
		}
		if imp, err = a.Import(ctx, *tenant, imp.ID); err != nil {
			return err
		}
		if imp.Finished() {
			break
		}
		// Another worker holds it: wait for it to finish.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	fmt.Fprintf(stdout, "import %s %s in %s: %d lines read, %d failed; candidates %d created, %d updated, %d skipped; rejections %d created, %d skipped\n",
		imp.ID, imp.Status, time.Since(start).Round(time.Millisecond), imp.LinesRead, imp.LinesFailed,
		imp.CandidatesCreated, imp.CandidatesUpdated, imp.CandidatesSkipped, imp.RejectionsCreated, imp.RejectionsSkipped)
	for _, le := range imp.LineErrors {
		fmt.Fprintf(stdout, "  line %d %s: %s\n", le.Line, le.Pointer, le.Detail)
	}
	if imp.LinesFailed > len(imp.LineErrors) {
		fmt.Fprintf(stdout, "  … and %d more failed lines\n", imp.LinesFailed-len(imp.LineErrors))
	}
	if imp.Status == model.ImportFailed {
		return errors.New(imp.Failure)
	}
	return nil
}
