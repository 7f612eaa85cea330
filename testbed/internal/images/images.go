// Package images packs the two images the cluster target needs from binaries built here, as
// docker-archive tarballs for `ctr images import` (go-containerregistry writes them): agnhost
// (the agnhost binary, with a static busybox for /bin/sh and the usual tools, as upstream's
// Alpine-based image has) and pause. It also unpacks the agnhost image's files into a directory,
// the root file system of the external hosts.
package images

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"golang.org/x/sys/unix"

	"netpol-conformance/testbed/internal/layout"
)

// file is one entry of an image layer.
type file struct {
	path   string // inside the image, without the leading slash
	source string // host file to copy (regular files)
	link   string // symlink target (symlinks)
	mode   int64
}

// Main is `testbed images --agnhost BIN --pause BIN --busybox BIN --out DIR`.
func Main(args []string) int {
	fs := flag.NewFlagSet("images", flag.ContinueOnError)
	agnhost := fs.String("agnhost", "", "agnhost binary (static)")
	pause := fs.String("pause", "", "pause binary (static)")
	busybox := fs.String("busybox", "", "static busybox binary")
	out := fs.String("out", "", "output directory")
	if err := fs.Parse(args); err != nil || *agnhost == "" || *pause == "" || *busybox == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: testbed images --agnhost BIN --pause BIN --busybox BIN --out DIR")
		return 2
	}
	if err := build(*agnhost, *pause, *busybox, *out); err != nil {
		fmt.Fprintf(os.Stderr, "images: %v\n", err)
		return 1
	}
	return 0
}

func build(agnhost, pause, busybox, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	applets, err := busyboxApplets(busybox)
	if err != nil {
		return err
	}
	agnhostFiles := []file{
		{path: "agnhost", source: agnhost, mode: 0o755},
		{path: "bin/busybox", source: busybox, mode: 0o755},
		{path: "tmp", mode: 0o1777},
	}
	for _, applet := range applets {
		agnhostFiles = append(agnhostFiles, file{path: applet, link: "/bin/busybox"})
	}
	// Upstream's agnhost image: entrypoint /agnhost, default command pause, these ports exposed.
	agnhostConfig := v1.Config{Entrypoint: []string{"/agnhost"}, Cmd: []string{"pause"}, WorkingDir: "/",
		Env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}}
	if err := writeImage(filepath.Join(out, "agnhost.tar"), layout.AgnhostImage, agnhostFiles, agnhostConfig); err != nil {
		return err
	}
	pauseConfig := v1.Config{Entrypoint: []string{"/pause"}, WorkingDir: "/"}
	if err := writeImage(filepath.Join(out, "pause.tar"), layout.PauseImage, []file{{path: "pause", source: pause, mode: 0o755}}, pauseConfig); err != nil {
		return err
	}
	return unpack(filepath.Join(out, "rootfs"), agnhostFiles)
}

// busyboxApplets lists the paths busybox installs itself as (bin/sh, usr/bin/printf, ...).
func busyboxApplets(busybox string) ([]string, error) {
	out, err := exec.Command(busybox, "--list-full").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --list-full: %w", busybox, err)
	}
	var applets []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "/")
		if line != "" && line != "bin/busybox" {
			applets = append(applets, line)
		}
	}
	sort.Strings(applets)
	return applets, nil
}

// layerTar is the layer's tar stream: parent directories first, fixed times (reproducible).
func layerTar(files []file) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	epoch := time.Unix(0, 0)
	dirs := map[string]bool{}
	for _, f := range files {
		for dir := filepath.Dir(f.path); dir != "." && !dirs[dir]; dir = filepath.Dir(dir) {
			dirs[dir] = true
		}
	}
	sortedDirs := make([]string, 0, len(dirs))
	for d := range dirs {
		sortedDirs = append(sortedDirs, d)
	}
	sort.Strings(sortedDirs)
	for _, d := range sortedDirs {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: epoch}); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		switch {
		case f.link != "":
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: f.path, Linkname: f.link, Mode: 0o777, ModTime: epoch}); err != nil {
				return nil, err
			}
		case f.source == "":
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: f.path + "/", Mode: f.mode, ModTime: epoch}); err != nil {
				return nil, err
			}
		default:
			data, err := os.ReadFile(f.source)
			if err != nil {
				return nil, err
			}
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: f.path, Mode: f.mode, Size: int64(len(data)), ModTime: epoch}); err != nil {
				return nil, err
			}
			if _, err := tw.Write(data); err != nil {
				return nil, err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeImage(path, ref string, files []file, config v1.Config) error {
	data, err := layerTar(files)
	if err != nil {
		return err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.Architecture, cf.OS, cf.Config = "amd64", "linux", config
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return err
	}
	tag, err := name.NewTag(ref)
	if err != nil {
		return err
	}
	return tarball.WriteToFile(path, tag, img)
}

// unpack writes the files as a directory tree (the external hosts' root file system), with the
// one device busybox sh needs (background jobs read /dev/null; a container runtime would
// provide /dev, a chroot does not).
func unpack(root string, files []file) error {
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(root, "dev"), 0o755); err != nil {
		return err
	}
	if err := unix.Mknod(filepath.Join(root, "dev", "null"), unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		return fmt.Errorf("creating %s/dev/null: %w", root, err)
	}
	if err := os.Chmod(filepath.Join(root, "dev", "null"), 0o666); err != nil {
		return err
	}
	for _, f := range files {
		target := filepath.Join(root, f.path)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		switch {
		case f.link != "":
			if err := os.Symlink(f.link, target); err != nil {
				return err
			}
		case f.source == "":
			if err := os.MkdirAll(target, os.FileMode(f.mode)&os.ModePerm); err != nil {
				return err
			}
			_ = os.Chmod(target, os.FileMode(f.mode)&os.ModePerm|os.ModeSticky)
		default:
			data, err := os.ReadFile(f.source)
			if err != nil {
				return err
			}
			if err := os.WriteFile(target, data, os.FileMode(f.mode)); err != nil {
				return err
			}
		}
	}
	return nil
}
