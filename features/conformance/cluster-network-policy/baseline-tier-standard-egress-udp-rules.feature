# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-egress-udp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-egress-udp-rules

  @cnp @CNPBaselineTierEgressUDP @profile-standard @udp
  Scenario: CNPBaselineTierEgressUDP
    Tests support for egress traffic (UDP protocol) using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-egress-udp-rules.yaml" is applied

    # Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | ravenclaw/luna-lovegood-0 | 53/UDP   | allowed      |
      | hufflepuff/cedric-diggory-1 | ravenclaw/luna-lovegood-0 | 5353/UDP | allowed      |

    # Should support an 'allow-egress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1 | 53/UDP   | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1 | 5353/UDP | denied       |

    # Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "default" swaps its egress rules 0 and 1
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | ravenclaw/luna-lovegood-1 | 53/UDP   | denied       |
      | hufflepuff/cedric-diggory-1 | ravenclaw/luna-lovegood-1 | 5353/UDP | denied       |

    # Should support a 'deny-egress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                        | to                       | port     | reachability |
      | hufflepuff/cedric-diggory-0 | slytherin/draco-malfoy-0 | 5353/UDP | denied       |
      | hufflepuff/cedric-diggory-1 | slytherin/draco-malfoy-0 | 53/UDP   | allowed      |
