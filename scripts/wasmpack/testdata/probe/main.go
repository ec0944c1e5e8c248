// Command probe exercises what the Go runtime needs its PC table for, so
// that a test can run it before and after wasmpack and compare: panics and
// recover (through inlined and reflect frames), stack growth, garbage
// collection of deep stacks, goroutines, and function names.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strings"
)

type node struct {
	Depth int
	Next  *node
}

// deep recurses with pointers on every frame, forcing stack growth and
// giving the collector stack maps to read.
func deep(n int, acc *node) int {
	if n == 0 {
		runtime.GC()
		sum := 0
		for p := acc; p != nil; p = p.Next {
			sum += p.Depth
		}
		return sum
	}
	var pad [64]byte
	pad[n%64] = byte(n)
	return deep(n-1, &node{Depth: n + int(pad[n%64]) - int(byte(n)), Next: acc})
}

func try(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return "no panic"
}

// notDirect calls recover from a helper, which Go refuses to honour: the
// panic goes on, as the inline tree tells the runtime.
func notDirect() (msg string) {
	defer func() { msg = fmt.Sprint("outer: ", recover()) }()
	func() {
		defer func() { helper() }()
		panic("deep")
	}()
	return "unreachable"
}

func helper() { _ = recover() }

type T struct{ A, B int }

func (t T) Sum() int { return t.A + t.B }

func main() {
	var m map[string]int
	var s []int
	fmt.Println("nil map:", try(func() { m["x"] = 1 }))
	fmt.Println("index:", try(func() { _ = s[3] }))
	fmt.Println("custom:", try(func() { panic(errors.New("boom")) }))
	fmt.Println("recover in a helper:", notDirect())
	fmt.Println("deep:", deep(20000, nil))

	done := make(chan int)
	for i := range 8 {
		go func() { done <- deep(2000+i, nil) }()
	}
	var got []int
	for range 8 {
		got = append(got, <-done)
	}
	sort.Ints(got)
	fmt.Println("goroutines:", got)

	method := reflect.ValueOf(T{2, 3}).MethodByName("Sum").Interface().(func() int)
	runtime.GC()
	fmt.Println("method value:", method())
	fmt.Println("reflect panic:", try(func() { reflect.ValueOf(0).SetInt(1) }))
	b, _ := json.Marshal(map[string]any{"t": T{1, 2}, "s": []string{"a"}})
	fmt.Println("json:", string(b))

	pc, file, line, _ := runtime.Caller(0)
	fmt.Println("name:", runtime.FuncForPC(pc).Name())
	// The last line differs on purpose: the test reads it to see that
	// the file and line are gone from the stripped program.
	fmt.Println("where:", strings.HasSuffix(file, "main.go"), line > 0)
}
