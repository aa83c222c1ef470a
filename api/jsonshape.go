package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/reboundhq/rebound/internal/model"
)

// maxJSONDepth bounds how deeply a request body may nest; Rebound's bodies nest three levels at
// most, so anything deeper is junk and is refused before it costs more than a scan.
const maxJSONDepth = 16

// errTooDeep and errNotJSON stop the shape walk early.
var (
	errTooDeep = errors.New("json nests too deeply")
	errNotJSON = errors.New("not json")
)

// checkShape walks a JSON body token by token beside the Go type it will be decoded into, and
// reports, as JSON Pointers, the keys given twice in one object (encoding/json silently keeps
// the last) and the keys the type does not have (encoding/json reports only the first, and only
// as text). Where the type cannot say (json.RawMessage, any, nil), only duplicates are checked.
// It returns errNotJSON for syntax errors, which the decoder then words precisely.
func checkShape(raw []byte, t reflect.Type) (model.Errors, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var errs model.Errors
	if err := walkValue(dec, t, "", 0, &errs); err != nil {
		return errs, err
	}
	return errs, nil
}

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// walkValue consumes one JSON value.
func walkValue(dec *json.Decoder, t reflect.Type, ptr string, depth int, errs *model.Errors) error {
	if depth > maxJSONDepth {
		return errTooDeep
	}
	tok, err := dec.Token()
	if err != nil {
		return errNotJSON
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType || (t != nil && t.Kind() == reflect.Interface) {
		t = nil
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar: its type is the decoder's to check
	}
	switch delim {
	case '{':
		var fields map[string]reflect.Type
		var elem reflect.Type
		known := t != nil && t.Kind() == reflect.Struct
		if known {
			fields = jsonFields(t)
		} else if t != nil && t.Kind() == reflect.Map {
			elem = t.Elem()
		}
		seen := map[string]bool{}
		for dec.More() {
			keyTok, err := dec.Token()
			if err != nil {
				return errNotJSON
			}
			key, _ := keyTok.(string)
			p := ptr + "/" + escapePointer(key)
			if seen[key] {
				errs.Add(p, "is given more than once")
			}
			seen[key] = true
			next := elem
			if known {
				ft, ok := fields[key]
				if !ok {
					errs.Add(p, "is not a known field")
				}
				next = ft
			}
			if err := walkValue(dec, next, p, depth+1, errs); err != nil {
				return err
			}
		}
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; dec.More(); i++ {
			if err := walkValue(dec, elem, ptr+"/"+itoa(i), depth+1, errs); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return errNotJSON
	}
	return nil
}

// jsonFields maps the JSON names of a struct's fields (embedded structs included, as
// encoding/json sees them) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					out[k] = v
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// escapePointer escapes a key for a JSON Pointer (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// shapeProblem checks a body's shape for dst's type and turns what it finds into a 422.
func shapeProblem(raw []byte, dst any) error {
	errs, err := checkShape(raw, reflect.TypeOf(dst))
	switch {
	case errors.Is(err, errTooDeep):
		return newProblem(probMalformed, "The request body nests more than %d levels deep.", maxJSONDepth)
	case errors.Is(err, errNotJSON):
		return nil // the decoder reports the syntax error with its offset
	case err != nil:
		return err
	}
	return errs.Err()
}

// decodeStrict decodes raw into dst after its shape passed: unknown fields were reported
// already, so the decoder's own unknown-field check is only a safety net.
func decodeStrict(raw []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return newProblem(probMalformed, "The request body has data after the JSON value.")
	}
	return nil
}
