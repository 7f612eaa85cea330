package node

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"netpol-conformance/testbed/internal/cgroupfs"
)

// cgroupMount is one cgroup hierarchy as mounted on the host.
type cgroupMount struct {
	dir     string // e.g. memory (under /sys/fs/cgroup)
	fsType  string // cgroup or cgroup2
	options string // e.g. memory, name=systemd, cpu,cpuacct
}

func hostCgroupMounts() ([]cgroupMount, error) {
	all, err := cgroupfs.Mounts()
	if err != nil {
		return nil, err
	}
	var mounts []cgroupMount
	seen := map[string]bool{}
	for _, m := range all {
		dir, under := strings.CutPrefix(m.Point, "/sys/fs/cgroup/")
		if !under || seen[dir] || strings.Contains(dir, "/") {
			continue
		}
		seen[dir] = true
		var options []string
		if m.FSType == "cgroup" {
			// The same super block options, so the mount joins the existing hierarchy.
			for _, o := range m.Options {
				if !strings.HasPrefix(o, "release_agent") && o != "clone_children" {
					options = append(options, o)
				}
			}
		}
		mounts = append(mounts, cgroupMount{dir: dir, fsType: m.FSType, options: strings.Join(options, ",")})
	}
	return mounts, nil
}

// setupMounts gives the node its own view: nothing it mounts propagates to the host, /proc and
// /sys belong to its PID and network namespaces, the cgroup hierarchies are re-mounted so their
// root is the test bed's cgroup, /run is private, and /var/lib and /var/log (kubelet, containerd,
// CNI and kube-router state at their default paths) are the run directory's.
func setupMounts(runDir string) error {
	cgroups, err := hostCgroupMounts() // read before /sys is replaced
	if err != nil {
		return err
	}
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making / private: %w", err)
	}
	mount := func(source, target, fsType string, flags uintptr, data string) error {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return err
		}
		if err := unix.Mount(source, target, fsType, flags, data); err != nil {
			return fmt.Errorf("mounting %s on %s: %w", fsType, target, err)
		}
		return nil
	}
	if err := mount("proc", "/proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return err
	}
	if err := mount("sysfs", "/sys", "sysfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return err
	}
	if err := mount("tmpfs", "/sys/fs/cgroup", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "mode=755"); err != nil {
		return err
	}
	for _, c := range cgroups {
		if err := mount("cgroup", filepath.Join("/sys/fs/cgroup", c.dir), c.fsType, unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, c.options); err != nil {
			return err
		}
	}
	if err := mount("tmpfs", "/run", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "mode=755"); err != nil {
		return err
	}
	// /run/netns as `ip netns` wants it (a shared mount of its own) before containerd puts pod
	// namespaces there: otherwise the first `ip netns add` (external hosts) bind-mounts it over
	// itself, hiding the pods' namespace mounts, and their sandboxes can never be removed.
	if err := mount("/run/netns", "/run/netns", "", unix.MS_BIND, ""); err != nil {
		return err
	}
	if err := unix.Mount("", "/run/netns", "", unix.MS_SHARED|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("making /run/netns shared: %w", err)
	}
	for _, dir := range []string{"var/lib", "var/log"} {
		source := filepath.Join(runDir, "root", dir)
		if err := os.MkdirAll(source, 0o755); err != nil {
			return err
		}
		if err := mount(source, "/"+dir, "", unix.MS_BIND, ""); err != nil {
			return err
		}
	}
	return nil
}
