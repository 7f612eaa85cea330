package node

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

// client is an HTTPS client that presents one of the test bed's client certificates.
func client(run layout.Run, cert string) (*http.Client, error) {
	pool := x509.NewCertPool()
	ca, err := os.ReadFile(filepath.Join(run.PKI(), "ca.crt"))
	if err != nil {
		return nil, err
	}
	pool.AppendCertsFromPEM(ca)
	pair, err := tls.LoadX509KeyPair(filepath.Join(run.PKI(), cert+".crt"), filepath.Join(run.PKI(), cert+".key"))
	if err != nil {
		return nil, err
	}
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}}}}, nil
}

// insecureClient checks health endpoints whose serving certificates are self-signed by the
// component itself (controller-manager, scheduler).
var insecureClient = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}

func get(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func httpOK(c *http.Client, url string) func(context.Context) error {
	return func(ctx context.Context) error {
		resp, err := get(ctx, c, url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s answered %d: %s", url, resp.StatusCode, body)
		}
		return nil
	}
}

func socketUp(path string) func(context.Context) error {
	return func(ctx context.Context) error {
		conn, err := (&net.Dialer{}).DialContext(ctx, "unix", path)
		if err != nil {
			return err
		}
		return conn.Close()
	}
}

// nodeReady is true once the API server has the node with condition Ready=True.
func nodeReady(c *http.Client) func(context.Context) error {
	url := fmt.Sprintf("https://127.0.0.1:%d/api/v1/nodes/%s", layout.APIPort, layout.NodeName)
	return func(ctx context.Context) error {
		resp, err := get(ctx, c, url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var node struct {
			Spec   struct{ PodCIDR string }
			Status struct {
				Conditions []struct{ Type, Status, Reason, Message string }
			}
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("node %s not registered yet (%d)", layout.NodeName, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(&node); err != nil {
			return err
		}
		for _, cond := range node.Status.Conditions {
			if cond.Type == "Ready" {
				if cond.Status == "True" {
					if node.Spec.PodCIDR != layout.NodePodCIDR {
						return fmt.Errorf("node pod CIDR is %q, the CNI configuration expects %s", node.Spec.PodCIDR, layout.NodePodCIDR)
					}
					return nil
				}
				return fmt.Errorf("node not ready: %s: %s", cond.Reason, cond.Message)
			}
		}
		return fmt.Errorf("node has no Ready condition yet")
	}
}
