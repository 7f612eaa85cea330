# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-egress-inline-cidr-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-egress-inline-cidr-rules

  @cnp @CNPAdminTierEgressInlineCIDRPeers @profile-standard @udp
  Scenario: CNPAdminTierEgressInlineCIDRPeers (TCP and UDP probes)
    Tests support for egress traffic to CIDR peers using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-egress-inline-cidr-rules.yaml" is applied

    # Should support a 'deny-egress' rule policy for egress-cidr-peer
    Then these flows are:
      | from                      | to                          | port   | reachability |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 53/UDP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 53/UDP | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0    | 80/TCP | allowed      |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0    | 53/UDP | allowed      |
    When namespace "slytherin" is labelled "conformance-house=denied-namespace-label"
    Then these flows are:
      | from                      | to                       | port   | reachability |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 53/UDP | denied       |
    When namespace "slytherin" is labelled "conformance-house=slytherin"
    Then these flows are:
      | from                      | to                       | port   | reachability |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 80/TCP | allowed      |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 53/UDP | allowed      |

    # Should support an 'allow-egress' rule policy for egress-cidr-peer
    When the ClusterNetworkPolicy "inline-cidr-as-peers-example" is patched:
      """
      [{op: add, path: /spec/egress/0, value: {name: allow-egress-to-specific-podIPs, action: Accept, to: [{networks: ["{{ip ravenclaw/luna-lovegood-0}}/32", "{{ip hufflepuff/cedric-diggory-0}}/32"]}]}}]
      """
    Then these flows are:
      | from                      | to                          | port   | reachability |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 80/TCP | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 53/UDP | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 80/TCP | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 53/UDP | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1   | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1   | 53/UDP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 53/UDP | denied       |

  @cnp @CNPAdminTierEgressInlineCIDRPeers @profile-standard @sctp
  Scenario: CNPAdminTierEgressInlineCIDRPeers (SCTP probes)
    Tests support for egress traffic to CIDR peers using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-egress-inline-cidr-rules.yaml" is applied

    # Should support a 'deny-egress' rule policy for egress-cidr-peer
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 9003/SCTP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 9003/SCTP | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0    | 9003/SCTP | allowed      |
    When namespace "slytherin" is labelled "conformance-house=denied-namespace-label"
    Then these flows are:
      | from                      | to                       | port      | reachability |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 9003/SCTP | denied       |
    When namespace "slytherin" is labelled "conformance-house=slytherin"
    Then these flows are:
      | from                      | to                       | port      | reachability |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 9003/SCTP | allowed      |

    # Should support an 'allow-egress' rule policy for egress-cidr-peer
    When the ClusterNetworkPolicy "inline-cidr-as-peers-example" is patched:
      """
      [{op: add, path: /spec/egress/0, value: {name: allow-egress-to-specific-podIPs, action: Accept, to: [{networks: ["{{ip ravenclaw/luna-lovegood-0}}/32", "{{ip hufflepuff/cedric-diggory-0}}/32"]}]}}]
      """
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0   | 9003/SCTP | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-0 | 9003/SCTP | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1   | 9003/SCTP | denied       |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 9003/SCTP | denied       |
