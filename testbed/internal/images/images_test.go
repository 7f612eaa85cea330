package images

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestLayerHasParentDirectoriesFirstFixedTimesAndLinks(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "agnhost")
	if err := os.WriteFile(bin, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := layerTar([]file{{path: "agnhost", source: bin, mode: 0o755}, {path: "usr/bin/printf", link: "/bin/busybox"}, {path: "tmp", mode: 0o1777}})
	if err != nil {
		t.Fatal(err)
	}
	r := tar.NewReader(bytes.NewReader(data))
	var names []string
	for {
		h, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.ModTime.Unix() != 0 {
			t.Errorf("%s: time %v, want the epoch (reproducible layers)", h.Name, h.ModTime)
		}
		if h.Name == "usr/bin/printf" && (h.Typeflag != tar.TypeSymlink || h.Linkname != "/bin/busybox") {
			t.Errorf("printf: %+v", h)
		}
		names = append(names, h.Name)
	}
	want := []string{"usr/", "usr/bin/", "agnhost", "usr/bin/printf", "tmp/"}
	if len(names) != len(want) {
		t.Fatalf("entries %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("entries %v, want %v", names, want)
		}
	}
}
