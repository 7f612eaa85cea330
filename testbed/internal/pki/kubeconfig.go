package pki

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kubeconfig is one cluster, one user (a client certificate of the CA) and one context.
type Kubeconfig struct {
	Path    string
	Server  string
	Context string
	// Cert is the stem of the client certificate in the PKI directory.
	Cert string
	// Extension, when set, is written as the context's `netpol-conformance.testbed` extension
	// (JSON is valid YAML), so the harness can recognise the test bed from its kubeconfig alone.
	Extension string
}

// Write writes the kubeconfig with the certificates inlined, so it stays valid wherever it is copied.
func (k Kubeconfig) Write(pkiDir string) error {
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(pkiDir, name))
		return base64.StdEncoding.EncodeToString(b), err
	}
	ca, err := read("ca.crt")
	if err != nil {
		return err
	}
	crt, err := read(k.Cert + ".crt")
	if err != nil {
		return err
	}
	key, err := read(k.Cert + ".key")
	if err != nil {
		return err
	}
	var ext strings.Builder
	if k.Extension != "" {
		fmt.Fprintf(&ext, "    extensions:\n    - name: netpol-conformance.testbed\n      extension: %s\n", k.Extension)
	}
	text := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: %[1]s
  cluster:
    server: %[2]s
    certificate-authority-data: %[3]s
users:
- name: %[1]s
  user:
    client-certificate-data: %[4]s
    client-key-data: %[5]s
contexts:
- name: %[1]s
  context:
    cluster: %[1]s
    user: %[1]s
%[6]scurrent-context: %[1]s
`, k.Context, k.Server, ca, crt, key, ext.String())
	if err := os.MkdirAll(filepath.Dir(k.Path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(k.Path, []byte(text), 0o600)
}
