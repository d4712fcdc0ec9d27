// Command trufflehog-cases reads TruffleHog detector test files (pkg/detectors/**/*_test.go, not the integration
// tests) and prints one JSON line per test-table case: the detector, the case name, the input as the test builds it
// and whether the test expects a match. It evaluates the Go expressions the tables use (string literals, constants,
// + concatenation, fmt.Sprintf, strings.Repeat/Join/ToUpper/ToLower/ReplaceAll, []byte/string conversions) with Go's
// own fmt, and reports a case it cannot evaluate instead of guessing. Stdlib only: `go run trufflehog-cases.go DIR`.
//
// Part of keyhound's outside measure (bench/outside/run.mjs). It reads the peer's files at run time; nothing of them
// is kept in the keyhound repository.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type outCase struct {
	Detector string   `json:"detector"`
	File     string   `json:"file"`
	Name     string   `json:"name"`
	Input    string   `json:"input,omitempty"`
	Want     []string `json:"want,omitempty"`
	Positive bool     `json:"positive"`
	Error    string   `json:"error,omitempty"`
}

type evaluator struct {
	env   map[string]ast.Expr
	depth int
}

func (e *evaluator) eval(x ast.Expr) (any, error) {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > 64 {
		return nil, fmt.Errorf("too deep")
	}
	switch v := x.(type) {
	case *ast.BasicLit:
		switch v.Kind {
		case token.STRING, token.CHAR:
			s, err := strconv.Unquote(v.Value)
			if err != nil {
				return nil, err
			}
			return s, nil
		case token.INT:
			n, err := strconv.ParseInt(v.Value, 0, 64)
			if err != nil {
				return nil, err
			}
			return n, nil
		}
	case *ast.ParenExpr:
		return e.eval(v.X)
	case *ast.Ident:
		if v.Name == "nil" {
			return nil, nil
		}
		if v.Name == "true" || v.Name == "false" {
			return v.Name == "true", nil
		}
		if d, ok := e.env[v.Name]; ok {
			return e.eval(d)
		}
		return nil, fmt.Errorf("unknown identifier %s", v.Name)
	case *ast.BinaryExpr:
		if v.Op == token.ADD {
			a, err := e.eval(v.X)
			if err != nil {
				return nil, err
			}
			b, err := e.eval(v.Y)
			if err != nil {
				return nil, err
			}
			as, ok1 := a.(string)
			bs, ok2 := b.(string)
			if ok1 && ok2 {
				return as + bs, nil
			}
			ai, ok1 := a.(int64)
			bi, ok2 := b.(int64)
			if ok1 && ok2 {
				return ai + bi, nil
			}
		}
	case *ast.CompositeLit:
		var list []string
		for _, el := range v.Elts {
			r, err := e.eval(el)
			if err != nil {
				return nil, err
			}
			s, ok := r.(string)
			if !ok {
				return nil, fmt.Errorf("non-string element")
			}
			list = append(list, s)
		}
		return list, nil
	case *ast.CallExpr:
		return e.call(v)
	}
	return nil, fmt.Errorf("cannot evaluate %T", x)
}

func (e *evaluator) args(call *ast.CallExpr) ([]any, error) {
	out := make([]any, 0, len(call.Args))
	for _, a := range call.Args {
		r, err := e.eval(a)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (e *evaluator) call(c *ast.CallExpr) (any, error) {
	name := ""
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		if p, ok := f.X.(*ast.Ident); ok {
			name = p.Name + "." + f.Sel.Name
		}
	case *ast.Ident:
		name = f.Name
	case *ast.ArrayType:
		name = "[]conv"
	}
	args, err := e.args(c)
	if err != nil {
		return nil, err
	}
	str := func(i int) (string, bool) {
		if i >= len(args) {
			return "", false
		}
		s, ok := args[i].(string)
		return s, ok
	}
	switch name {
	case "fmt.Sprintf":
		f, ok := str(0)
		if !ok {
			return nil, fmt.Errorf("Sprintf format")
		}
		return fmt.Sprintf(f, args[1:]...), nil
	case "fmt.Sprint":
		return fmt.Sprint(args...), nil
	case "strings.Repeat":
		s, ok := str(0)
		n, ok2 := args[1].(int64)
		if ok && ok2 {
			return strings.Repeat(s, int(n)), nil
		}
	case "strings.Join":
		l, ok := args[0].([]string)
		sep, ok2 := str(1)
		if ok && ok2 {
			return strings.Join(l, sep), nil
		}
	case "strings.ToUpper":
		if s, ok := str(0); ok {
			return strings.ToUpper(s), nil
		}
	case "strings.ToLower":
		if s, ok := str(0); ok {
			return strings.ToLower(s), nil
		}
	case "strings.ReplaceAll":
		s, ok := str(0)
		a, ok2 := str(1)
		b, ok3 := str(2)
		if ok && ok2 && ok3 {
			return strings.ReplaceAll(s, a, b), nil
		}
	case "string", "[]conv":
		if s, ok := str(0); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("cannot evaluate call %s", name)
}

// collect binds every single-name declaration and assignment of the file (package level first, so a local
// redeclaration does not hide it).
func collect(f *ast.File) map[string]ast.Expr {
	env := map[string]ast.Expr{}
	add := func(names []*ast.Ident, values []ast.Expr) {
		for i, n := range names {
			if i < len(values) {
				if _, seen := env[n.Name]; !seen {
					env[n.Name] = values[i]
				}
			}
		}
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok {
			for _, s := range g.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok {
					add(vs.Names, vs.Values)
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			var names []*ast.Ident
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					names = append(names, id)
				} else {
					return true
				}
			}
			add(names, s.Rhs)
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok {
				for _, sp := range g.Specs {
					if vs, ok := sp.(*ast.ValueSpec); ok {
						add(vs.Names, vs.Values)
					}
				}
			}
		}
		return true
	})
	return env
}

func keyName(k ast.Expr) string {
	if id, ok := k.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func main() {
	root := os.Args[1]
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_integration_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		fset := token.NewFileSet()
		f, perr := parser.ParseFile(fset, path, nil, 0)
		if perr != nil {
			_ = enc.Encode(outCase{Detector: rel, File: filepath.Base(path), Error: perr.Error()})
			return nil
		}
		ev := &evaluator{env: collect(f)}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) == 0 {
				return true
			}
			fields := map[string]ast.Expr{}
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					return true
				}
				fields[keyName(kv.Key)] = kv.Value
			}
			in, ok := fields["input"]
			if !ok {
				in, ok = fields["data"]
			}
			if !ok {
				return true
			}
			c := outCase{Detector: rel, File: filepath.Base(path)}
			if nm, ok := fields["name"]; ok {
				if s, err := ev.eval(nm); err == nil {
					c.Name, _ = s.(string)
				}
			}
			v, err := ev.eval(in)
			if err == nil {
				switch s := v.(type) {
				case string:
					c.Input = s
				default:
					err = fmt.Errorf("input is not a string")
				}
			}
			if w, ok := fields["want"]; ok {
				if wc, ok := w.(*ast.CompositeLit); ok {
					c.Positive = len(wc.Elts) > 0
					if l, werr := ev.eval(w); werr == nil {
						c.Want, _ = l.([]string)
					}
				} else if r, werr := ev.eval(w); werr == nil {
					l, _ := r.([]string)
					c.Want, c.Positive = l, len(l) > 0
				} else if err == nil {
					err = fmt.Errorf("want: %v", werr)
				}
			} else if m, ok := fields["shouldMatch"]; ok {
				r, merr := ev.eval(m)
				b, isb := r.(bool)
				if merr != nil || !isb {
					err = fmt.Errorf("shouldMatch not a constant")
				}
				c.Positive = b
			} else if ep, ok := fields["expectedPairs"]; ok {
				if wc, ok := ep.(*ast.CompositeLit); ok {
					c.Positive = len(wc.Elts) > 0
				}
			} else if err == nil {
				err = fmt.Errorf("no expected result field")
			}
			if err != nil {
				c.Input, c.Error = "", err.Error()
			}
			_ = enc.Encode(c)
			return false
		})
		return nil
	})
}
