package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// environment is what the figures depend on besides the code.
type environment struct {
	Go           string
	OS           string
	CPU          string
	Cores        int
	Chromium     string // the product, such as Chrome/140.0.7339.80
	ChromiumPath string
	JoseVersion  string
	CoreVersion  string
}

// loadMark is the load average when a section started.
type loadMark struct {
	Section string
	Load    string // 1, 5 and 15 minutes
}

// results are everything one run measured.
type results struct {
	Plan              plan
	Env               environment
	Loads             []loadMark
	Started, Finished time.Time
	Micro             []microCell
	Typing            typingResult
	Gen               genResult
	Load              loadResult
	Worst             []worstResult
	Cracker           []crackerResult
	// Vitals is the vitals section; VitalsBefore an earlier run of it, to
	// compare with (nil when there is none).
	Vitals, VitalsBefore *vitalsResult
}

// markLoad notes the load average as section starts.
func (r *results) markLoad(section string) {
	r.Loads = append(r.Loads, loadMark{section, loadAverage()})
}

// hostEnvironment reads what it can of the machine.
func hostEnvironment() environment {
	return environment{
		Go:    runtime.Version(),
		OS:    runtime.GOOS + "/" + runtime.GOARCH,
		CPU:   cpuModel(),
		Cores: runtime.NumCPU(),
	}
}

// cpuModel is the first "model name" of /proc/cpuinfo, or "unknown".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// joseVersion reads the version of the installed jose package.
func joseVersion(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "unknown"
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(b, &pkg) != nil || pkg.Version == "" {
		return "unknown"
	}
	return pkg.Version
}
