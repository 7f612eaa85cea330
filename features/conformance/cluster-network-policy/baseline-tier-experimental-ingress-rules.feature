# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-experimental-ingress-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-experimental-ingress-rules

  @cnp @CNPBaselineTierIngressNamedPort @profile-experimental @feature-ClusterNetworkPolicyNamedPorts
  Scenario: CNPBaselineTierIngressNamedPort
    Tests support for ingress traffic on a named port using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-ingress-tcp-rules.yaml" is applied

    # Should support an 'allow-ingress' policy for named port
    When the ClusterNetworkPolicy "default" is patched:
      """
      [{op: replace, path: /spec/ingress/3/protocols, value: [{destinationNamedPort: web}]}]
      """
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1 | 80/TCP   | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1 | 8080/TCP | denied       |
