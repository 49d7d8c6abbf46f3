package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Natives of the community modules Json and IOUtils, with the semantics of
// their Java overrides (tlc2.overrides.Json and IOUtils): a JSON array is a
// tuple, an object a record (fields in the file's order), a number an
// integer (truncated, as Gson's getAsInt), a string a string and a boolean
// a boolean; null cannot be converted. Going the other way, records and
// functions become objects, tuples, functions on 1..n and sets become
// arrays, model values their names. IOExec and its variants (which run
// programs) are not implemented.
func init() {
	natives["Json!ndJsonDeserialize"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		path := strArg(site, "ndJsonDeserialize", a[0])
		var out []value.Value
		for _, line := range readLines(site, "ndJsonDeserialize: ", path, false) {
			line = strings.TrimSpace(line)
			if line == "" {
				continue // empty lines are allowed (ndjson spec 3.2)
			}
			v, err := jsonToValue([]byte(line))
			if err != nil {
				fail(site, "ndJsonDeserialize: %s: %v", path, err)
			}
			out = append(out, v)
		}
		return value.NewTuple(out)
	}
	natives["Json!JsonDeserialize"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		path := strArg(site, "JsonDeserialize", a[0])
		b, err := os.ReadFile(path)
		if err != nil {
			fail(site, "JsonDeserialize: %v", err)
		}
		v, err := jsonToValue(b)
		if err != nil {
			fail(site, "JsonDeserialize: %s: %v", path, err)
		}
		return v
	}
	toJSON := func(op string, form func(value.Value) (any, error)) native {
		return func(c *Ctx, site syntax.Node, a []any) value.Value {
			j, err := form(a[0].(value.Value))
			if err != nil {
				fail(site, "%s: %v", op, err)
			}
			return value.Intern(marshal(j))
		}
	}
	natives["Json!ToJson"] = toJSON("ToJson", valueToJSON)
	natives["Json!ToJsonArray"] = toJSON("ToJsonArray", jsonArray)
	natives["Json!ToJsonObject"] = toJSON("ToJsonObject", jsonObject)
	natives["Json!JsonSerialize"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		path := strArg(site, "JsonSerialize", a[0])
		v := a[1].(value.Value)
		if f, ok := v.(*value.Fcn); !ok || !(f.IsSeq() || f.IsRecord()) {
			fail(site, "The second argument of JsonSerialize should be a sequence or record, but instead it is:\n%s", str(v))
		}
		j, err := valueToJSON(v)
		if err != nil {
			fail(site, "JsonSerialize: %v", err)
		}
		writeFile(site, path, marshal(j))
		return value.True
	}
	natives["Json!ndJsonSerialize"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		path := strArg(site, "ndJsonSerialize", a[0])
		f, ok := a[1].(value.Value).(*value.Fcn)
		if !ok || !f.IsSeq() {
			fail(site, "The second argument of ndJsonSerialize should be a sequence, but instead it is:\n%s", str(a[1].(value.Value)))
		}
		var b strings.Builder
		for _, x := range f.Values() {
			j, err := valueToJSON(x)
			if err != nil {
				fail(site, "ndJsonSerialize: %v", err)
			}
			b.WriteString(marshal(j) + "\n")
		}
		writeFile(site, path, b.String())
		return value.True
	}
	natives["IOUtils!IOEnv"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		return ioEnv()
	}
	natives["IOUtils!atoi"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		if s, ok := a[0].(value.Value).(*value.Str); ok {
			if n, err := strconv.ParseInt(s.S, 10, 32); err == nil {
				return value.Int(n)
			}
		}
		fail(site, "The argument of atoi should be a string, but instead it is:\n%s", str(a[0].(value.Value)))
		return nil
	}
	for _, n := range []string{"IOExec", "IOEnvExec", "IOExecTemplate", "IOEnvExecTemplate"} {
		name := n
		natives["IOUtils!"+name] = func(c *Ctx, site syntax.Node, a []any) value.Value {
			fail(site, "gotlc does not implement IOUtils!%s (it does not run programs from a spec)", name)
			return nil
		}
	}
}

var (
	envOnce sync.Once
	envRec  value.Value
)

// ioEnv is IOEnv: the environment as a record of strings, read once.
func ioEnv() value.Value {
	envOnce.Do(func() {
		m := map[string]string{}
		for _, kv := range os.Environ() {
			if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
				m[k] = v
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		names := make([]*value.Str, len(keys))
		vals := make([]value.Value, len(keys))
		for i, k := range keys {
			names[i], vals[i] = value.Intern(k), value.Intern(m[k])
		}
		rec, err := value.NewRecord(names, vals)
		if err != nil {
			panic(err)
		}
		envRec = rec
	})
	return envRec
}

func writeFile(site syntax.Node, path, text string) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(site, "%v", err)
		}
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		fail(site, "%v", err)
	}
}

// jsonToValue converts one JSON text (see the init comment).
func jsonToValue(b []byte) (value.Value, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	v, err := decodeJSON(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("text after the JSON value")
	}
	return v, nil
}

func decodeJSON(d *json.Decoder) (value.Value, error) {
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '[':
			var out []value.Value
			for d.More() {
				v, err := decodeJSON(d)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := d.Token()
			return value.NewTuple(out), err
		case '{':
			var names []*value.Str
			var vals []value.Value
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeJSON(d)
				if err != nil {
					return nil, err
				}
				names, vals = append(names, value.Intern(k.(string))), append(vals, v)
			}
			if _, err := d.Token(); err != nil {
				return nil, err
			}
			if len(names) == 0 {
				return value.EmptySeq, nil
			}
			return value.NewRecord(names, vals)
		}
	case json.Number:
		return jsonInt(t), nil
	case string:
		return value.Intern(t), nil
	case bool:
		return value.Bool(t), nil
	}
	return nil, fmt.Errorf("cannot convert value: unsupported JSON value %v", t)
}

// jsonInt is Gson's getAsInt: an integer that fits in 32 bits, else the
// low 32 bits of a 64-bit one, else the truncated decimal.
func jsonInt(n json.Number) value.Value {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return value.Int(int32(i))
	}
	f, _ := strconv.ParseFloat(string(n), 64)
	return value.Int(int32(int64(f)))
}

// valueToJSON converts a value to the JSON form ToJson writes.
func valueToJSON(v value.Value) (any, error) {
	switch t := v.(type) {
	case *value.Str:
		return t.S, nil
	case *value.Model:
		return t.Name, nil
	case value.Int:
		return int64(t), nil
	case value.Bool:
		return bool(t), nil
	case *value.Fcn:
		if t.IsSeq() {
			return jsonArray(t)
		}
		return jsonObject(t)
	}
	if value.IsSet(v) {
		return jsonArray(v)
	}
	return nil, fmt.Errorf("cannot convert value: unsupported value %s", value.String(v))
}

// jsonArray is ToJsonArray's form: the values of a tuple or function, or
// the elements of a set, in order.
func jsonArray(v value.Value) (any, error) {
	var xs []value.Value
	if f, ok := v.(*value.Fcn); ok {
		xs = f.Values()
	} else if value.IsSet(v) {
		es, err := value.Enumerate(v)
		if err != nil {
			return nil, err
		}
		xs = es.Elems
	} else {
		return nil, fmt.Errorf("cannot convert value: unsupported value %s", value.String(v))
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		j, err := valueToJSON(x)
		if err != nil {
			return nil, err
		}
		out[i] = j
	}
	return out, nil
}

// jsonObject is ToJsonObject's form: an object keyed by the domain (a
// string as itself, anything else as TLC prints it; a tuple's keys are
// 0-based indices); a function on 1..n is an array, as in TLC.
func jsonObject(v value.Value) (any, error) {
	f, ok := v.(*value.Fcn)
	if !ok {
		return nil, fmt.Errorf("cannot convert value: unsupported value %s", value.String(v))
	}
	obj := orderedObject{}
	for i, x := range f.Values() {
		var k string
		if f.IsSeq() {
			k = strconv.Itoa(i)
		} else if s, ok := f.Dom[i].(*value.Str); ok {
			k = s.S
		} else {
			k = value.String(f.Dom[i])
		}
		j, err := valueToJSON(x)
		if err != nil {
			return nil, err
		}
		obj = append(obj, kv{k, j})
	}
	return obj, nil
}

type kv struct {
	k string
	v any
}

// orderedObject is a JSON object whose keys keep their order.
type orderedObject []kv

// marshal writes j compactly, as Gson's JsonElement.toString.
func marshal(j any) string {
	var b strings.Builder
	writeJSON(&b, j)
	return b.String()
}

func writeJSON(b *strings.Builder, j any) {
	switch t := j.(type) {
	case orderedObject:
		b.WriteByte('{')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e.k)
			b.WriteByte(':')
			writeJSON(b, e.v)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case string:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(t)
		b.WriteString(strings.TrimSuffix(buf.String(), "\n"))
	case int64:
		b.WriteString(strconv.FormatInt(t, 10))
	case bool:
		b.WriteString(strconv.FormatBool(t))
	}
}
