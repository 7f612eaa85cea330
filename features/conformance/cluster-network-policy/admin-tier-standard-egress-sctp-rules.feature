# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-egress-sctp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-egress-sctp-rules

  @cnp @CNPAdminTierEgressSCTP @profile-standard @sctp
  Scenario: CNPAdminTierEgressSCTP
    Tests support for egress traffic (SCTP protocol) using cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-egress-sctp-rules.yaml" is applied

    # Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-0 | 9003/SCTP | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-0 | 9005/SCTP | allowed      |

    # Should support an 'allow-egress' policy for SCTP protocol at the specified port
    Then these flows are:
      | from                      | to                          | port      | reachability |
      | ravenclaw/luna-lovegood-0 | hufflepuff/cedric-diggory-1 | 9003/SCTP | allowed      |
      | ravenclaw/luna-lovegood-1 | hufflepuff/cedric-diggory-1 | 9005/SCTP | denied       |

    # Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "egress-sctp" swaps its egress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-1 | 9003/SCTP | denied       |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 9005/SCTP | denied       |

    # Should support a 'deny-egress' policy for SCTP protocol at the specified port
    Then these flows are:
      | from                      | to                       | port      | reachability |
      | ravenclaw/luna-lovegood-0 | slytherin/draco-malfoy-0 | 9003/SCTP | denied       |
      | ravenclaw/luna-lovegood-1 | slytherin/draco-malfoy-0 | 9005/SCTP | allowed      |

    # Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "egress-sctp" swaps its egress rules 0 and 2
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-1 | 9003/SCTP | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 9005/SCTP | allowed      |

    # Should support a 'pass-egress' policy for SCTP protocol at the specified port
    When the ClusterNetworkPolicy "egress-sctp" swaps its egress rules 3 and 4
    Then these flows are:
      | from                      | to                       | port      | reachability |
      | ravenclaw/luna-lovegood-0 | slytherin/draco-malfoy-0 | 9003/SCTP | allowed      |
      | ravenclaw/luna-lovegood-1 | slytherin/draco-malfoy-0 | 9005/SCTP | allowed      |
