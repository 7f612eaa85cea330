# Ported from the upstream conformance suite of kubernetes-sigs/network-policy-api
# (conformance/tests/admin-network-policy-standard-priority.go at commit 0eec1b0, Apache-2.0): every subtest, mutation and probe, in
# order; manifests under manifests/ (see manifests/README.md).
@cluster-network-policy @admin-tier
Feature: upstream conformance, Admin tier: admin-network-policy-standard-priority

  @cnp @CNPAdminTierPriorityField @profile-standard
  Scenario: CNPAdminTierPriorityField
    Tests support for cluster network policy API's .spec.priority field based on a server and client model.

    Given the network policy API conformance model
    And the manifest "manifests/admin_tier/standard-priority-field.yaml" is applied

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

    # Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP
    When the ClusterNetworkPolicy "old-priority-60-new-priority-40-example" changes priority to 40
    Then these flows are:
      | from                      | to                        | port     | reachability |
      | slytherin/draco-malfoy-0  | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | slytherin/draco-malfoy-1  | gryffindor/harry-potter-0 | 8080/TCP | allowed      |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0  | 80/TCP   | allowed      |
      | gryffindor/harry-potter-1 | slytherin/draco-malfoy-0  | 8080/TCP | allowed      |
