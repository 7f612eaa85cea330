# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-ingress-sctp-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-ingress-sctp-rules

  @cnp @CNPBaselineTierIngressSCTP @profile-standard @sctp
  Scenario: CNPBaselineTierIngressSCTP
    Tests support for ingress traffic (SCTP protocol) using baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-ingress-sctp-rules.yaml" is applied

    # Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-0 | 9003/SCTP | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0 | 9005/SCTP | allowed      |

    # Should support an 'allow-ingress' policy for SCTP protocol at the specified port
    Then these flows are:
      | from                        | to                        | port      | reachability |
      | hufflepuff/cedric-diggory-0 | ravenclaw/luna-lovegood-1 | 9003/SCTP | allowed      |
      | hufflepuff/cedric-diggory-1 | ravenclaw/luna-lovegood-1 | 9005/SCTP | denied       |

    # Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected
    When the ClusterNetworkPolicy "default" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-1 | 9003/SCTP | denied       |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1 | 9005/SCTP | denied       |

    # Should support a 'deny-ingress' policy for SCTP protocol at the specified port
    Then these flows are:
      | from                     | to                        | port      | reachability |
      | slytherin/draco-malfoy-0 | ravenclaw/luna-lovegood-0 | 9003/SCTP | denied       |
      | slytherin/draco-malfoy-1 | ravenclaw/luna-lovegood-0 | 9005/SCTP | allowed      |
