# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-ingress-udp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-ingress-udp-rules

  @cnp @CNPAdminTierIngressUDP @profile-standard @udp
  Scenario: CNPAdminTierIngressUDP
    Tests support for ingress traffic (UDP protocol) using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-ingress-udp-rules.yaml" is applied

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
    When the ClusterNetworkPolicy "ingress-udp" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | ravenclaw/luna-lovegood-0 | hufflepuff/cedric-diggory-1 | 53/UDP   | denied       |
      | ravenclaw/luna-lovegood-1 | hufflepuff/cedric-diggory-1 | 5353/UDP | denied       |

    # Should support a 'deny-ingress' policy for UDP protocol at the specified port
    Then these flows are:
      | from                     | to                          | port     | reachability |
      | slytherin/draco-malfoy-0 | hufflepuff/cedric-diggory-0 | 5353/UDP | denied       |
      | slytherin/draco-malfoy-1 | hufflepuff/cedric-diggory-0 | 53/UDP   | allowed      |

    # Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "ingress-udp" swaps its ingress rules 0 and 2
    Then these flows are:
      | from                      | to                          | port     | reachability |
      | ravenclaw/luna-lovegood-0 | hufflepuff/cedric-diggory-1 | 5353/UDP | allowed      |
      | ravenclaw/luna-lovegood-1 | hufflepuff/cedric-diggory-1 | 53/UDP   | allowed      |

    # Should support a 'pass-ingress' policy for UDP protocol at the specified port
    When the ClusterNetworkPolicy "ingress-udp" swaps its ingress rules 3 and 4
    Then these flows are:
      | from                     | to                          | port     | reachability |
      | slytherin/draco-malfoy-0 | hufflepuff/cedric-diggory-0 | 5353/UDP | allowed      |
      | slytherin/draco-malfoy-1 | hufflepuff/cedric-diggory-0 | 53/UDP   | allowed      |
