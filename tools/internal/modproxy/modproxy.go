// Package modproxy writes a Go module proxy into a local folder, so that
// `hugo mod get` can fetch this repository's module at a test version with
// GOPROXY=file://… and no network.
//
// The layout is the one the Go toolchain reads from any GOPROXY:
// <escaped module path>/@v/{list,<version>.info,<version>.mod,<version>.zip}.
package modproxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	modzip "golang.org/x/mod/zip"
)

// Proxy is a module proxy in a folder.
type Proxy struct {
	Dir string
}

// New returns a proxy writing into dir, which it creates.
func New(dir string) (*Proxy, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Proxy{Dir: dir}, nil
}

// URL is the proxy's address for GOPROXY.
func (p *Proxy) URL() string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p.Dir)}).String()
}

// Published is one module version written into the proxy.
type Published struct {
	Path, Version string
	Zip           string   // the module zip in the proxy
	ZipSize       int64    // its size in bytes
	Files         []string // the files in the zip, slash-separated, relative to the module root
}

// AddDir publishes the module whose root is dir at version. The zip holds the
// files git would commit from dir (tracked files plus untracked files that are
// not ignored), made by golang.org/x/mod/zip exactly as the Go toolchain
// makes one from a tag: nested modules such as tools/ are left out.
// Each overlay folder adds its files on top (a test's extra content),
// replacing files of the same path.
func (p *Proxy) AddDir(dir, version string, overlays ...string) (*Published, error) {
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil, err
	}
	path := modfile.ModulePath(gomod)
	if path == "" {
		return nil, fmt.Errorf("%s/go.mod: no module line", dir)
	}
	mv := module.Version{Path: path, Version: version}
	if err := module.Check(path, version); err != nil {
		return nil, err
	}
	names, err := gitFiles(dir)
	if err != nil {
		return nil, err
	}
	byPath := map[string]modzip.File{}
	for _, n := range names {
		byPath[n] = diskFile{root: dir, slash: n}
	}
	for _, o := range overlays {
		err := filepath.WalkDir(o, func(fp string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(o, fp)
			if err != nil {
				return err
			}
			byPath[filepath.ToSlash(rel)] = diskFile{root: o, slash: filepath.ToSlash(rel)}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("overlay %s: %w", o, err)
		}
	}
	files := make([]modzip.File, 0, len(byPath))
	for _, n := range slices.Sorted(maps.Keys(byPath)) {
		files = append(files, byPath[n])
	}
	vdir, err := p.versionDir(path)
	if err != nil {
		return nil, err
	}
	zipPath := filepath.Join(vdir, version+".zip")
	var buf bytes.Buffer
	if err := modzip.Create(&buf, mv, files); err != nil {
		return nil, fmt.Errorf("zip %s: %w", mv, err)
	}
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	cf, err := modzip.CheckZip(mv, zipPath)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", zipPath, err)
	}
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	if err := p.write(path, version, info, gomod); err != nil {
		return nil, err
	}
	prefix := path + "@" + version + "/"
	inZip := make([]string, 0, len(cf.Valid))
	for _, f := range cf.Valid {
		inZip = append(inZip, strings.TrimPrefix(f, prefix))
	}
	return &Published{Path: path, Version: version, Zip: zipPath, ZipSize: int64(buf.Len()), Files: inZip}, nil
}

// AddCached publishes a module version taken from the Go module cache of the
// toolchain running in workDir (`go mod download -json`, which downloads it
// first if the cache does not hold it yet).
func (p *Proxy) AddCached(workDir, path, version string) error {
	cmd := exec.Command("go", "mod", "download", "-json", path+"@"+version)
	cmd.Dir = workDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod download %s@%s: %v\n%s%s", path, version, err, out, stderr.String())
	}
	var m struct{ Info, GoMod, Zip, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return err
	}
	if m.Error != "" {
		return fmt.Errorf("go mod download %s@%s: %s", path, version, m.Error)
	}
	info, err := os.ReadFile(m.Info)
	if err != nil {
		return err
	}
	gomod, err := os.ReadFile(m.GoMod)
	if err != nil {
		return err
	}
	vdir, err := p.versionDir(path)
	if err != nil {
		return err
	}
	if err := copyFile(m.Zip, filepath.Join(vdir, version+".zip")); err != nil {
		return err
	}
	return p.write(path, version, info, gomod)
}

// versionDir is <proxy>/<escaped path>/@v, created.
func (p *Proxy) versionDir(path string) (string, error) {
	esc, err := module.EscapePath(path)
	if err != nil {
		return "", err
	}
	d := filepath.Join(p.Dir, filepath.FromSlash(esc), "@v")
	return d, os.MkdirAll(d, 0o755)
}

// write stores the .info and .mod files of a version and rewrites the list,
// newest last. `hugo mod get M@v` first asks for M@upgrade, which the
// toolchain answers from this list, so every listed version must be served.
func (p *Proxy) write(path, version string, info, gomod []byte) error {
	vdir, err := p.versionDir(path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(vdir, version+".info"), info, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(vdir, version+".mod"), gomod, 0o644); err != nil {
		return err
	}
	listPath := filepath.Join(vdir, "list")
	old, _ := os.ReadFile(listPath)
	versions := strings.Fields(string(old))
	if !slices.Contains(versions, version) {
		versions = append(versions, version)
	}
	slices.SortFunc(versions, semver.Compare)
	return os.WriteFile(listPath, []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}

// gitFiles lists the files git would commit from dir: tracked and untracked,
// without ignored ones, that exist on disk.
func gitFiles(dir string) ([]string, error) {
	cmd := exec.Command("git", "-C", dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %v\n%s", dir, err, stderr.String())
	}
	var files []string
	for _, n := range strings.Split(string(out), "\x00") {
		if n == "" || slices.Contains(files, n) {
			continue
		}
		if fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or not a regular file
		}
		files = append(files, n)
	}
	slices.Sort(files)
	return files, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// diskFile is a file of the module for modzip.
type diskFile struct{ root, slash string }

func (f diskFile) Path() string { return f.slash }
func (f diskFile) Lstat() (os.FileInfo, error) {
	return os.Lstat(filepath.Join(f.root, filepath.FromSlash(f.slash)))
}
func (f diskFile) Open() (io.ReadCloser, error) {
	return os.Open(filepath.Join(f.root, filepath.FromSlash(f.slash)))
}
