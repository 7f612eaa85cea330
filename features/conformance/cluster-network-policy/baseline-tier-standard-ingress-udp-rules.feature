# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-ingress-udp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-ingress-udp-rules

  @cnp @CNPBaselineTierIngressUDP @profile-standard @udp
  Scenario: CNPBaselineTierIngressUDP
    Tests support for ingress traffic (UDP protocol) using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-ingress-udp-rules.yaml" is applied

    # Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | ravenclaw/luna-lovegood-0 | hufflepuff/cedric-diggory-0 | 53/UDP   | allowed      |
      | ravenclaw/luna-lovegood-1 | hufflepuff/cedric-diggory-0 | 5353/UDP | allowed      |

    # Should support an 'allow-ingress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | gryffindor/harry-potter-0 | hufflepuff/cedric-diggory-1 | 53/UDP   | allowed      |
      | gryffindor/harry-potter-1 | hufflepuff/cedric-diggory-1 | 5353/UDP | denied       |

    # Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "default" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | ravenclaw/luna-lovegood-0 | hufflepuff/cedric-diggory-1 | 53/UDP   | denied       |
      | ravenclaw/luna-lovegood-1 | hufflepuff/cedric-diggory-1 | 5353/UDP | denied       |

    # Should support a 'deny-ingress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                     | to                          | port     | reachability |
      | slytherin/draco-malfoy-0 | hufflepuff/cedric-diggory-0 | 5353/UDP | denied       |
      | slytherin/draco-malfoy-1 | hufflepuff/cedric-diggory-0 | 53/UDP   | allowed      |
