package supervisor

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"netpol-conformance/testbed/internal/cgroupfs"
)

// hierarchy is one mounted cgroup hierarchy and where this process sits in it.
type hierarchy struct {
	mount   string // e.g. /sys/fs/cgroup/memory
	current string // e.g. /process_api/abc (relative to the hierarchy's root)
}

// Cgroups is the test bed's own cgroup in every hierarchy: a child of the supervisor's cgroup,
// so the node's pods stay below it (and below any limit set on it) and are easy to remove.
type Cgroups struct {
	name  string
	hiers []hierarchy
}

// cgroupMounts maps "memory", "name=systemd", "" (cgroup2) ... to the mount points of whole hierarchies.
func cgroupMounts() (map[string]string, error) {
	all, err := cgroupfs.Mounts()
	if err != nil {
		return nil, err
	}
	mounts := map[string]string{}
	for _, m := range all {
		if m.Root == "/" {
			mounts[m.Controllers()] = m.Point
		}
	}
	return mounts, nil
}

// NewCgroups finds every hierarchy this process is in.
func NewCgroups(name string) (*Cgroups, error) {
	mounts, err := cgroupMounts()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return nil, err
	}
	cg := &Cgroups{name: name}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		controllers := strings.Split(parts[1], ",")
		sort.Strings(controllers)
		mount, ok := mounts[strings.Join(controllers, ",")]
		if !ok {
			continue // a hierarchy not mounted here (nothing can use it)
		}
		cg.hiers = append(cg.hiers, hierarchy{mount: mount, current: parts[2]})
	}
	if len(cg.hiers) == 0 {
		return nil, fmt.Errorf("no cgroup hierarchy is mounted (looked in /proc/self/mountinfo)")
	}
	return cg, nil
}

func (c *Cgroups) dir(h hierarchy) string { return filepath.Join(h.mount, h.current, c.name) }

// Create makes the test bed's cgroup in every hierarchy (removing a stale one first).
func (c *Cgroups) Create() error {
	c.Remove()
	for _, h := range c.hiers {
		dir := c.dir(h)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return fmt.Errorf("creating cgroup %s: %w", dir, err)
		}
		// cpuset children start empty; they must inherit the parent's CPUs and memory nodes.
		for _, file := range []string{"cpuset.cpus", "cpuset.mems"} {
			if parent, err := os.ReadFile(filepath.Join(filepath.Dir(dir), file)); err == nil {
				_ = os.WriteFile(filepath.Join(dir, file), parent, 0o644)
			}
		}
	}
	return nil
}

// Enter moves this whole process into the test bed's cgroups (children inherit them).
func (c *Cgroups) Enter() error { return c.move(func(h hierarchy) string { return c.dir(h) }) }

// Leave moves this process back where it was.
func (c *Cgroups) Leave() error {
	return c.move(func(h hierarchy) string { return filepath.Join(h.mount, h.current) })
}

func (c *Cgroups) move(where func(hierarchy) string) error {
	pid := []byte(strconv.Itoa(os.Getpid()))
	for _, h := range c.hiers {
		if err := os.WriteFile(filepath.Join(where(h), "cgroup.procs"), pid, 0o644); err != nil {
			return fmt.Errorf("moving the supervisor into %s: %w", where(h), err)
		}
	}
	return nil
}

// Remove deletes the test bed's cgroups, deepest first, waiting briefly for exiting processes.
func (c *Cgroups) Remove() {
	for _, h := range c.hiers {
		root := c.dir(h)
		var dirs []string
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, path)
			}
			return nil
		})
		for i := len(dirs) - 1; i >= 0; i-- {
			for attempt := 0; attempt < 50; attempt++ {
				if err := os.Remove(dirs[i]); err == nil || os.IsNotExist(err) {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	}
}
