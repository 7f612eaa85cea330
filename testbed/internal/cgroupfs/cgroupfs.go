// Package cgroupfs reads which cgroup hierarchies are mounted where (/proc/self/mountinfo): the
// supervisor finds its own cgroups with it, the node re-mounts the same hierarchies in its
// cgroup namespace.
package cgroupfs

import (
	"bufio"
	"os"
	"sort"
	"strings"
)

// Mount is one mounted cgroup (v1) or cgroup2 file system.
type Mount struct {
	Point  string // e.g. /sys/fs/cgroup/memory
	Root   string // the hierarchy's directory mounted there; "/" for a whole hierarchy
	FSType string // cgroup or cgroup2
	// Options are the super block's options without rw/ro, sorted (memory; name=systemd; ...).
	Options []string
}

// Controllers is what identifies a v1 hierarchy, as /proc/self/cgroup names it (memory,
// cpu,cpuacct, name=systemd); "" for cgroup2.
func (m Mount) Controllers() string {
	var keep []string
	for _, o := range m.Options {
		if strings.Contains(o, "=") && !strings.HasPrefix(o, "name=") {
			continue // release_agent=...
		}
		switch o {
		case "clone_children", "noprefix", "xattr", "cpuset_v2_mode", "favordynmods", "nsdelegate", "memory_recursiveprot":
			continue
		}
		keep = append(keep, o)
	}
	if m.FSType == "cgroup2" {
		return ""
	}
	return strings.Join(keep, ",")
}

// Mounts lists the cgroup and cgroup2 mounts of this process's mount namespace.
func Mounts() ([]Mount, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var mounts []Mount
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		sep := -1
		for i, f := range fields {
			if f == "-" {
				sep = i
				break
			}
		}
		if sep < 0 || sep+3 >= len(fields) || len(fields) < 5 {
			continue
		}
		fsType := fields[sep+1]
		if fsType != "cgroup" && fsType != "cgroup2" {
			continue
		}
		var options []string
		for _, o := range strings.Split(fields[sep+3], ",") {
			if o != "rw" && o != "ro" {
				options = append(options, o)
			}
		}
		sort.Strings(options)
		mounts = append(mounts, Mount{Point: fields[4], Root: fields[3], FSType: fsType, Options: options})
	}
	return mounts, s.Err()
}
