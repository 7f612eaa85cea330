# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-integration.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-integration

  @cnp @CNPAdminTierIntegration @profile-standard
  Scenario: CNPAdminTierIntegration
    Tests integration support for gress traffic between admin CNP, NP and baseline CNP using PASS action based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/api_integration/standard-anp-np-banp.yaml" is applied

    # Should Deny traffic from slytherin to gryffindor respecting admin CNP
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | denied       |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | denied       |

    # Should Deny traffic to slytherin from gryffindor respecting admin CNP
    Then these flows are:
      | from                      | to                       | port     | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0 | 80/TCP   | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 8080/TCP | denied       |

    # Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy
    When the ClusterNetworkPolicy "pass-example" changes ingress rule 0 to action "Pass"
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |

    # Should support a 'pass-egress' policy for admin CNP and respect the match for network policy
    When the ClusterNetworkPolicy "pass-example" changes egress rule 0 to action "Pass"
    Then these flows are:
      | from                      | to                       | port     | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0 | 80/TCP   | allowed      |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 8080/TCP | allowed      |

    # Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy
    When the policy "gryffindor/allow-gress-from-to-slytherin-to-gryffindor" is deleted
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | denied       |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | denied       |

    # Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy
    Then these flows are:
      | from                      | to                       | port     | reachability |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0 | 80/TCP   | denied       |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0 | 8080/TCP | denied       |
