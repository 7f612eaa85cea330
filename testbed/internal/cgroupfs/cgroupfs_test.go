package cgroupfs

import "testing"

func TestControllersNameTheHierarchyAsProcSelfCgroupDoes(t *testing.T) {
	cases := []struct {
		mount Mount
		want  string
	}{
		{Mount{FSType: "cgroup", Options: []string{"memory"}}, "memory"},
		{Mount{FSType: "cgroup", Options: []string{"cpu", "cpuacct"}}, "cpu,cpuacct"},
		{Mount{FSType: "cgroup", Options: []string{"clone_children", "cpuset", "noprefix", "release_agent=/x"}}, "cpuset"},
		{Mount{FSType: "cgroup", Options: []string{"name=systemd", "xattr"}}, "name=systemd"},
		{Mount{FSType: "cgroup2", Options: []string{"nsdelegate"}}, ""},
	}
	for _, c := range cases {
		if got := c.mount.Controllers(); got != c.want {
			t.Errorf("%v: Controllers() = %q, want %q", c.mount.Options, got, c.want)
		}
	}
}

func TestMountsReadsThisProcessesCgroupMounts(t *testing.T) {
	mounts, err := Mounts()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mounts {
		if m.FSType != "cgroup" && m.FSType != "cgroup2" {
			t.Errorf("not a cgroup mount: %+v", m)
		}
		if m.Point == "" || m.Root == "" {
			t.Errorf("incomplete: %+v", m)
		}
	}
}
