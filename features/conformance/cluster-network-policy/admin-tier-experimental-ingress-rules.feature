# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-experimental-ingress-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-experimental-ingress-rules

  @cnp @CNPAdminTierIngressNamedPort @profile-experimental @feature-ClusterNetworkPolicyNamedPorts @udp
  Scenario: CNPAdminTierIngressNamedPort
    Tests support for ingress traffic on a named port using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-ingress-udp-rules.yaml" is applied

    # Should support an 'allow-ingress' policy for named port
    When the ClusterNetworkPolicy "ingress-udp" is patched:
      """
      [{op: replace, path: /spec/ingress/5/protocols, value: [{destinationNamedPort: dns}]}]
      """
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | gryffindor/harry-potter-0 | hufflepuff/cedric-diggory-1 | 53/UDP   | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 5353/UDP | denied       |
