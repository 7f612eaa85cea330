# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/baseline-admin-network-policy-standard-gress-rules.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @baseline-tier
Feature: upstream conformance, Baseline tier: baseline-admin-network-policy-standard-gress-rules

  @cnp @CNPBaselineTierGress @profile-standard @udp
  Scenario: CNPBaselineTierGress (TCP and UDP probes)
    Tests support for combined ingress and egress traffic rules in the baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-gress-rules-combined.yaml" is applied

    # Should support an 'allow-gress' policy across different protocols
    Then these flows are:
      | from                      | to                        | port   | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-0 | 80/TCP | allowed      |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-0 | 53/UDP | allowed      |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-0 | 80/TCP | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-0 | 53/UDP | allowed      |

    # Should support an 'allow-gress' policy across different protocols at the specified ports
    Then these flows are:
      | from                        | to                          | port     | reachability |
      | gryffindor/harry-potter-0   | hufflepuff/cedric-diggory-1 | 8080/TCP | allowed      |
      | gryffindor/harry-potter-1   | hufflepuff/cedric-diggory-1 | 80/TCP   | denied       |
      | gryffindor/harry-potter-0   | hufflepuff/cedric-diggory-1 | 5353/UDP | allowed      |
      | gryffindor/harry-potter-1   | hufflepuff/cedric-diggory-1 | 53/UDP   | denied       |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1   | 80/TCP   | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1   | 8080/TCP | denied       |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1   | 5353/UDP | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1   | 53/UDP   | denied       |

    # Should support an 'deny-gress' policy across different protocols
    When the ClusterNetworkPolicy "default" swaps its egress rules 0 and 1
    When the ClusterNetworkPolicy "default" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port   | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-1 | 80/TCP | denied       |
      | gryffindor/harry-potter-1 | ravenclaw/luna-lovegood-1 | 53/UDP | denied       |
      | ravenclaw/luna-lovegood-0 | gryffindor/harry-potter-1 | 80/TCP | denied       |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 53/UDP | denied       |

    # Should support a 'deny-gress' policy across different protocols at the specified ports
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0  | 80/TCP   | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0  | 8080/TCP | allowed      |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0  | 53/UDP   | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0  | 5353/UDP | allowed      |
      | slytherin/draco-malfoy-0  | gryffindor/harry-potter-0 | 80/TCP   | denied       |
      | slytherin/draco-malfoy-1  | gryffindor/harry-potter-0 | 8080/TCP | allowed      |
      | slytherin/draco-malfoy-0  | gryffindor/harry-potter-0 | 53/UDP   | denied       |
      | slytherin/draco-malfoy-1  | gryffindor/harry-potter-0 | 5353/UDP | allowed      |

  @cnp @CNPBaselineTierGress @profile-standard @sctp
  Scenario: CNPBaselineTierGress (SCTP probes)
    Tests support for combined ingress and egress traffic rules in the baseline cluster network policy API based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/baseline_tier/standard-gress-rules-combined.yaml" is applied

    # Should support an 'allow-gress' policy across different protocols
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-0 | 9003/SCTP | allowed      |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-0 | 9003/SCTP | allowed      |

    # Should support an 'allow-gress' policy across different protocols at the specified ports
    Then these flows are:
      | from                        | to                          | port      | reachability |
      | gryffindor/harry-potter-0   | hufflepuff/cedric-diggory-1 | 9003/SCTP | allowed      |
      | gryffindor/harry-potter-1   | hufflepuff/cedric-diggory-1 | 9005/SCTP | denied       |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1   | 9003/SCTP | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1   | 9005/SCTP | denied       |

    # Should support an 'deny-gress' policy across different protocols
    When the ClusterNetworkPolicy "default" swaps its egress rules 0 and 1
    When the ClusterNetworkPolicy "default" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-1 | 9003/SCTP | denied       |
      | ravenclaw/luna-lovegood-1 | gryffindor/harry-potter-1 | 9003/SCTP | denied       |

    # Should support a 'deny-gress' policy across different protocols at the specified ports
    Then these flows are:
      | from                      | to                        | port      | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0  | 9003/SCTP | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0  | 9005/SCTP | allowed      |
      | slytherin/draco-malfoy-0  | gryffindor/harry-potter-0 | 9003/SCTP | denied       |
      | slytherin/draco-malfoy-1  | gryffindor/harry-potter-0 | 9005/SCTP | allowed      |
