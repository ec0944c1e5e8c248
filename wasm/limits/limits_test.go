package limits

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

func TestDepth(t *testing.T) {
	deep := strings.Repeat("[", MaxJSONDepth+1) + strings.Repeat("]", MaxJSONDepth+1)
	tests := []struct {
		name   string
		text   string
		offset int // -1: no error
	}{
		{"flat", `{"a":1}`, -1},
		{"at the limit", strings.Repeat("[", MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth), -1},
		{"one past the limit", deep, MaxJSONDepth},
		{"brackets in strings", `{"a":"` + strings.Repeat("[", 200) + `"}`, -1},
		{"escaped quote in string", `{"a":"\"` + strings.Repeat("{", 200) + `"}`, -1},
		{"objects", strings.Repeat(`{"a":`, MaxJSONDepth+1), MaxJSONDepth * 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Depth([]byte(tt.text), "the payload", jwterr.PartPayload)
			if tt.offset < 0 {
				if err != nil {
					t.Fatalf("Depth = %v, want nil", err)
				}
				return
			}
			if err == nil || err.Code != jwterr.TooDeep || err.Part != jwterr.PartPayload || *err.Offset != tt.offset {
				t.Fatalf("Depth = %+v, want too_deep at %d", err, tt.offset)
			}
		})
	}
}

func TestSize(t *testing.T) {
	if err := Size(MaxTokenBytes, MaxTokenBytes, "the token", jwterr.PartToken); err != nil {
		t.Errorf("Size at the limit = %v, want nil", err)
	}
	err := Size(MaxTokenBytes+1, MaxTokenBytes, "the token", jwterr.PartToken)
	if err == nil || err.Code != jwterr.TooLarge || !strings.Contains(err.Message, "1,048,577 bytes, over the limit of 1,048,576 bytes (1 MiB)") {
		t.Fatalf("Size over the limit = %v, want too_large naming the limit", err)
	}
}

func TestLength(t *testing.T) {
	if err := Length(MaxArgumentUnits, "the key text", jwterr.PartKey); err != nil {
		t.Errorf("Length at the limit = %v, want nil", err)
	}
	err := Length(500_000_000, "the key text", jwterr.PartKey)
	if err == nil || err.Code != jwterr.TooLarge || err.Part != jwterr.PartKey || !strings.Contains(err.Message, "the key text is 500,000,000 characters, over the limit of 1,048,576 bytes (1 MiB)") {
		t.Fatalf("Length over the limit = %+v, want too_large naming the length and the limit", err)
	}
}
