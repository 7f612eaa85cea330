package pki

import (
	"crypto/x509"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readCert(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func TestIssuedCertificatesVerifyAgainstTheCA(t *testing.T) {
	dir := t.TempDir()
	ca, err := NewCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ca.Issue(Leaf{Name: "server", CN: "kube-apiserver", IPs: []net.IP{net.ParseIP("127.0.0.1")}, DNS: []string{"kubernetes"}, Server: true}); err != nil {
		t.Fatal(err)
	}
	if err := ca.Issue(Leaf{Name: "admin", CN: "admin", Orgs: []string{"system:masters"}, Client: true}); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(readCert(t, filepath.Join(dir, "ca.crt")))
	server := readCert(t, filepath.Join(dir, "server.crt"))
	if _, err := server.Verify(x509.VerifyOptions{Roots: pool, DNSName: "kubernetes", KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
		t.Errorf("server certificate: %v", err)
	}
	if err := server.VerifyHostname("127.0.0.1"); err != nil {
		t.Errorf("server certificate for 127.0.0.1: %v", err)
	}
	admin := readCert(t, filepath.Join(dir, "admin.crt"))
	if _, err := admin.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil {
		t.Errorf("client certificate: %v", err)
	}
	if _, err := admin.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err == nil {
		t.Error("a client certificate must not serve")
	}
	if got := admin.Subject.Organization; len(got) != 1 || got[0] != "system:masters" {
		t.Errorf("admin organisation = %v", got)
	}
	if info, err := os.Stat(filepath.Join(dir, "admin.key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("admin.key must be private: %v %v", info.Mode(), err)
	}
}

func TestKubeconfigInlinesCertificatesAndCarriesTheExtension(t *testing.T) {
	dir := t.TempDir()
	ca, err := NewCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ca.Issue(Leaf{Name: "admin", CN: "admin", Client: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "kc", "kubeconfig")
	k := Kubeconfig{Path: path, Server: "https://127.0.0.1:6443", Context: "netpol-testbed", Cert: "admin", Extension: `{"runDir": "/r"}`}
	if err := k.Write(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"server: https://127.0.0.1:6443", "certificate-authority-data: ", "client-key-data: ", "current-context: netpol-testbed", "- name: netpol-conformance.testbed\n      extension: {\"runDir\": \"/r\"}"} {
		if !strings.Contains(text, want) {
			t.Errorf("kubeconfig lacks %q:\n%s", want, text)
		}
	}
}
