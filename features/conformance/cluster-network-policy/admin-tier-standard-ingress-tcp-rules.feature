# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-ingress-tcp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-ingress-tcp-rules

  @cnp @CNPAdminTierIngressTCP @profile-standard
  Scenario: CNPAdminTierIngressTCP
    Tests support for ingress traffic (TCP protocol) using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-ingress-tcp-rules.yaml" is applied

    # Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |

    # Should support an 'allow-ingress' policy for TCP protocol at the specified port
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1 | 80/TCP   | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1 | 8080/TCP | denied       |

    # Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "ingress-tcp" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-1 | 80/TCP   | denied       |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 8080/TCP | denied       |

    # Should support a 'deny-ingress' policy for TCP protocol at the specified port
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | denied       |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |

    # Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "ingress-tcp" swaps its ingress rules 0 and 2
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |

    # Should support a 'pass-ingress' policy for TCP protocol at the specified port
    When the ClusterNetworkPolicy "ingress-tcp" swaps its ingress rules 3 and 4
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |
