// Command genreplaces pins k8s.io/kubernetes in this module's go.mod.
//
// k8s.io/kubernetes requires its staging modules (k8s.io/api, k8s.io/apiserver, ...) at v0.0.0 and
// replaces them with ./staging/src paths, which only work inside the kubernetes repository. This
// command reads that go.mod (as served by the module proxy) and writes, into ../../go.mod:
//
//   - require k8s.io/kubernetes vX.Y.Z
//   - replace k8s.io/<staging> => k8s.io/<staging> v0.Y.Z, one per local staging replace upstream
//   - any module-to-module replace upstream, copied as is
//   - upstream's godebug lines and go directive
//   - tool k8s.io/kubernetes/cmd/kube-apiserver (keeps the dependency graph under `go mod tidy`)
//
// then runs `go mod tidy`. Usage, from tools/kube:
//
//	go run ./internal/genreplaces            # regenerate for the version already required
//	go run ./internal/genreplaces v1.33.13   # move to another release
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

const (
	kubernetes = "k8s.io/kubernetes"
	tool       = "k8s.io/kubernetes/cmd/kube-apiserver"
	stagingDir = "./staging/src/"
)

type module struct {
	Path    string
	Version string
}

type goMod struct {
	Go      string
	Require []module
	Replace []struct{ Old, New module }
	GoDebug []struct{ Key, Value string }
	Tool    []struct{ Path string }
}

var release = regexp.MustCompile(`^v1\.(\d+\.\d+(-[0-9A-Za-z.-]+)?)$`)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genreplaces:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	own, err := readGoMod("go.mod")
	if err != nil {
		return err
	}
	version, err := chooseVersion(args, own)
	if err != nil {
		return err
	}
	m := release.FindStringSubmatch(version)
	if m == nil {
		return fmt.Errorf("version %q is not a v1.Y.Z release of %s", version, kubernetes)
	}
	stagingVersion := "v0." + m[1]

	upstreamPath, err := downloadGoMod(kubernetes + "@" + version)
	if err != nil {
		return err
	}
	upstream, err := readGoMod(upstreamPath)
	if err != nil {
		return err
	}

	edits := []string{"-go=" + upstream.Go, "-require=" + kubernetes + "@" + version}
	for _, r := range own.Replace {
		edits = append(edits, "-dropreplace="+r.Old.Path)
	}
	for _, d := range own.GoDebug {
		edits = append(edits, "-dropgodebug="+d.Key)
	}
	for _, t := range own.Tool {
		edits = append(edits, "-droptool="+t.Path)
	}
	edits = append(edits, "-tool="+tool)
	for _, d := range upstream.GoDebug {
		edits = append(edits, "-godebug="+d.Key+"="+d.Value)
	}
	// One replace block, written as text: `go mod edit -replace` would add one block per line.
	block := []string{"", "replace ("}
	staging := 0
	for _, r := range upstream.Replace {
		old, replacement, err := translate(r.Old, r.New, stagingVersion)
		if err != nil {
			return err
		}
		if r.New.Version == "" {
			staging++
		}
		block = append(block, "\t"+old+" => "+replacement)
	}
	block = append(block, ")", "")
	if staging == 0 {
		return fmt.Errorf("%s: no %s replaces found; has the layout changed?", upstreamPath, stagingDir)
	}

	if err := goCmd(nil, append([]string{"mod", "edit"}, edits...)...); err != nil {
		return err
	}
	if err := appendFile("go.mod", strings.Join(block, "\n")); err != nil {
		return err
	}
	if err := goCmd(nil, "mod", "tidy"); err != nil {
		return err
	}
	fmt.Printf("go.mod: %s %s, %d staging modules at %s, %d godebug lines\n",
		kubernetes, version, staging, stagingVersion, len(upstream.GoDebug))
	return nil
}

// translate turns one upstream replace into ours: a local staging path becomes the published
// staging module at stagingVersion; a module-to-module replace is kept; anything else is an error.
func translate(old, replacement module, stagingVersion string) (string, string, error) {
	oldSpec := old.Path
	if old.Version != "" {
		oldSpec += " " + old.Version
	}
	if replacement.Version != "" {
		return oldSpec, replacement.Path + " " + replacement.Version, nil
	}
	if replacement.Path != stagingDir+old.Path || !strings.HasPrefix(old.Path, "k8s.io/") {
		return "", "", fmt.Errorf("unexpected local replace %s => %s", oldSpec, replacement.Path)
	}
	return oldSpec, old.Path + " " + stagingVersion, nil
}

func chooseVersion(args []string, own *goMod) (string, error) {
	switch len(args) {
	case 1:
		return args[0], nil
	case 0:
		for _, r := range own.Require {
			if r.Path == kubernetes {
				return r.Version, nil
			}
		}
		return "", fmt.Errorf("go.mod does not require %s yet; pass a version, e.g. v1.33.13", kubernetes)
	default:
		return "", fmt.Errorf("usage: go run ./internal/genreplaces [v1.Y.Z]")
	}
}

// downloadGoMod returns the path of the go.mod that the module proxy serves for modVersion.
func downloadGoMod(modVersion string) (string, error) {
	var out bytes.Buffer
	if err := goCmd(&out, "mod", "download", "-json", modVersion); err != nil {
		return "", err
	}
	var info struct{ GoMod, Error string }
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", modVersion, err)
	}
	if info.Error != "" || info.GoMod == "" {
		return "", fmt.Errorf("go mod download %s: %s", modVersion, info.Error)
	}
	return info.GoMod, nil
}

func readGoMod(path string) (*goMod, error) {
	var out bytes.Buffer
	if err := goCmd(&out, "mod", "edit", "-json", path); err != nil {
		return nil, err
	}
	var m goMod
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return &m, nil
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func goCmd(stdout *bytes.Buffer, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	if stdout != nil {
		cmd.Stdout = stdout
	} else {
		cmd.Stdout = os.Stdout
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return nil
}
