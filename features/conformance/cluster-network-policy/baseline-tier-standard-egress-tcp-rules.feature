# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-egress-tcp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-egress-tcp-rules

  @cnp @CNPBaselineTierEgressTCP @profile-standard
  Scenario: CNPBaselineTierEgressTCP
    Tests support for egress traffic (TCP protocol) using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-egress-tcp-rules.yaml" is applied

    # Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-0 | 80/TCP   | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0 | 8080/TCP | allowed      |

    # Should support an 'allow-egress' policy for TCP protocol at the specified port
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | gryffindor/harry-potter-0 | hufflepuff/cedric-diggory-1 | 8080/TCP | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 80/TCP   | denied       |

    # Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "default" swaps its egress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-1 | 80/TCP   | denied       |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1 | 8080/TCP | denied       |

    # Should support a 'deny-egress' policy for TCP protocol at the specified port
    Then these flows are:
      | from                      | to                       | port     | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0 | 80/TCP   | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 8080/TCP | allowed      |
