# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-experimental-egress-rules

  @cnp @CNPBaselineTierEgressNamedPort @profile-experimental @feature-ClusterNetworkPolicyNamedPorts @udp
  Scenario: CNPBaselineTierEgressNamedPort
    Tests support for egress traffic on a named port using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-egress-udp-rules.yaml" is applied

    # Should support an 'allow-egress' policy for named port
    When the ClusterNetworkPolicy "default" is patched:
      """
      [{op: replace, path: /spec/egress/3/protocols, value: [{destinationNamedPort: dns}]}]
      """
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1 | 53/UDP   | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1 | 5353/UDP | denied       |

  @cnp @CNPBaselineTierEgressNodePeers @profile-experimental @feature-ClusterNetworkPolicyEgressNodePeers @nodes-peer @udp
  Scenario: CNPBaselineTierEgressNodePeers (TCP and UDP probes)
    Tests support for egress traffic to node peers using  baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/experimental-egress-selector-rules.yaml" is applied

    # Should support an 'allow-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-0 | forbidden-forrest/centaur-1 | 32080/TCP | allowed      |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32081/TCP | allowed      |

    # Should support a 'deny-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32055/UDP | denied       |

  @cnp @CNPBaselineTierEgressNodePeers @profile-experimental @feature-ClusterNetworkPolicyEgressNodePeers @nodes-peer @sctp
  Scenario: CNPBaselineTierEgressNodePeers (SCTP probes)
    Tests support for egress traffic to node peers using  baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/experimental-egress-selector-rules.yaml" is applied

    # Should support an 'allow-egress' rule policy for egress-node-peer

    # Should support a 'deny-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port       | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32090/SCTP | denied       |
