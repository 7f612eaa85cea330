# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-egress-udp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-egress-udp-rules

  @cnp @CNPAdminTierEgressUDP @profile-standard @udp
  Scenario: CNPAdminTierEgressUDP
    Tests support for egress traffic (UDP protocol) using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-egress-udp-rules.yaml" is applied

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
    When the ClusterNetworkPolicy "egress-udp" swaps its egress rules 0 and 1
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | ravenclaw/luna-lovegood-1 | 53/UDP   | denied       |
      | hufflepuff/cedric-diggory-1 | ravenclaw/luna-lovegood-1 | 5353/UDP | denied       |

    # Should support a 'deny-egress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                        | to                       | port     | reachability |
      | hufflepuff/cedric-diggory-0 | slytherin/draco-malfoy-0 | 5353/UDP | denied       |
      | hufflepuff/cedric-diggory-1 | slytherin/draco-malfoy-0 | 53/UDP   | allowed      |

    # Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "egress-udp" swaps its egress rules 0 and 2
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | ravenclaw/luna-lovegood-1 | 5353/UDP | allowed      |
      | hufflepuff/cedric-diggory-1 | ravenclaw/luna-lovegood-1 | 53/UDP   | allowed      |

    # Should support a 'pass-egress' policy for UDP protocol at the specified port
    When the ClusterNetworkPolicy "egress-udp" swaps its egress rules 3 and 4
    Then these flows are:
      | from                        | to                       | port     | reachability |
      | hufflepuff/cedric-diggory-0 | slytherin/draco-malfoy-0 | 5353/UDP | allowed      |
      | hufflepuff/cedric-diggory-1 | slytherin/draco-malfoy-0 | 53/UDP   | allowed      |
