# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-egress-sctp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-egress-sctp-rules

  @cnp @CNPBaselineTierEgressSCTP @profile-standard @sctp
  Scenario: CNPBaselineTierEgressSCTP
    Tests support for egress traffic (SCTP protocol) using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-egress-sctp-rules.yaml" is applied

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
    When the ClusterNetworkPolicy "default" swaps its egress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-1 | 9003/SCTP | denied       |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 9005/SCTP | denied       |

    # Should support a 'deny-egress' policy for SCTP protocol at the specified port
    Then these flows are:
      | from                      | to                       | port      | reachability |
      | ravenclaw/luna-lovegood-0 | slytherin/draco-malfoy-0 | 9003/SCTP | denied       |
      | ravenclaw/luna-lovegood-1 | slytherin/draco-malfoy-0 | 9005/SCTP | allowed      |
