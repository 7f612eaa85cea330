# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-experimental-egress-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-experimental-egress-rules

  @cnp @CNPAdminTierEgressNamedPort @profile-experimental @feature-ClusterNetworkPolicyNamedPorts
  Scenario: CNPAdminTierEgressNamedPort
    Tests support for egress traffic on a named port using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-egress-tcp-rules.yaml" is applied

    # Should support an 'allow-egress' policy for named port
    When the ClusterNetworkPolicy "egress-tcp" is patched:
      """
      [{op: replace, path: /spec/egress/5/protocols, value: [{destinationNamedPort: web}]}]
      """
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | gryffindor/harry-potter-0 | hufflepuff/cedric-diggory-1 | 80/TCP   | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 8080/TCP | denied       |

  @cnp @CNPAdminTierEgressNodePeers @profile-experimental @feature-ClusterNetworkPolicyEgressNodePeers @nodes-peer @udp
  Scenario: CNPAdminTierEgressNodePeers (TCP and UDP probes)
    Tests support for egress traffic to node peers using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/experimental-egress-selector-rules.yaml" is applied

    # Should support an 'allow-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32080/TCP | allowed      |

    # Should support a 'pass-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32053/UDP | allowed      |

    # Should support a 'deny-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32081/TCP | denied       |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32055/UDP | denied       |

  @cnp @CNPAdminTierEgressNodePeers @profile-experimental @feature-ClusterNetworkPolicyEgressNodePeers @nodes-peer @sctp
  Scenario: CNPAdminTierEgressNodePeers (SCTP probes)
    Tests support for egress traffic to node peers using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/experimental-egress-selector-rules.yaml" is applied

    # Should support an 'allow-egress' rule policy for egress-node-peer

    # Should support a 'pass-egress' rule policy for egress-node-peer

    # Should support a 'deny-egress' rule policy for egress-node-peer
    Then these flows are:
      | from                      | to                          | port       | reachability |
      | gryffindor/harry-potter-1 | forbidden-forrest/centaur-1 | 32090/SCTP | denied       |
