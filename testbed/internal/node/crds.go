package node

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"netpol-conformance/testbed/internal/layout"
)

// installCRDs applies (server-side) every CustomResourceDefinition in the YAML files of dir and
// waits until each is Established: the hook for the network-policy-api CRDs (ClusterNetworkPolicy),
// whose validation (CEL rules included) the API server then performs like any other.
func installCRDs(admin *http.Client, dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var names []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		for _, doc := range strings.Split(string(data), "\n---") {
			var head struct {
				Kind     string
				Metadata struct{ Name string }
			}
			if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			if head.Kind != "CustomResourceDefinition" || head.Metadata.Name == "" {
				continue // kustomization files and the like
			}
			body, err := yaml.YAMLToJSON([]byte(doc))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			if err := applyCRD(admin, head.Metadata.Name, body); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			names = append(names, head.Metadata.Name)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no CustomResourceDefinition in %s/*.yaml", dir)
	}
	for _, name := range names {
		if err := waitEstablished(admin, name); err != nil {
			return nil, err
		}
	}
	return names, nil
}

func crdURL(name string) string {
	return fmt.Sprintf("https://127.0.0.1:%d/apis/apiextensions.k8s.io/v1/customresourcedefinitions/%s", layout.APIPort, name)
}

func applyCRD(admin *http.Client, name string, body []byte) error {
	req, err := http.NewRequest(http.MethodPatch, crdURL(name)+"?fieldManager=netpol-testbed&force=true", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/apply-patch+yaml")
	resp, err := admin.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		text, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("applying CRD %s: %d: %s", name, resp.StatusCode, text)
	}
	return nil
}

func waitEstablished(admin *http.Client, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, crdURL(name), nil)
		if err != nil {
			return err
		}
		if resp, err := admin.Do(req); err == nil {
			var crd struct {
				Status struct {
					Conditions []struct{ Type, Status string }
				}
			}
			_ = json.NewDecoder(resp.Body).Decode(&crd)
			resp.Body.Close()
			for _, c := range crd.Status.Conditions {
				if c.Type == "Established" && c.Status == "True" {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("CRD %s not Established within 60 s", name)
		case <-time.After(250 * time.Millisecond):
		}
	}
}
