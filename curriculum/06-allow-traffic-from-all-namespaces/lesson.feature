@ingress
Feature: Allow traffic from all namespaces
  The platform team runs a container registry in the platform namespace, which otherwise works
  under a default deny. Every team's build pods, in whatever namespace, must be able to push to
  it. The registry's policy allows ingress from `namespaceSelector: {}`: the empty selector
  matches every namespace, and so every pod of the cluster.

  It does not match anything outside the cluster. A namespaceSelector picks pods, and a laptop on
  the office network is not a pod of any namespace: it stays refused. The other pods of platform
  stay behind the default deny.

  Background:
    Given the pods:
      | pod               | labels       | ports    |
      | platform/registry | app=registry | 5000/TCP |
      | platform/cache    | app=cache    | 5000/TCP |
      | team-a/build      | app=build    | 5000/TCP |
      | team-b/build      | app=build    | 5000/TCP |
    And the external hosts:
      | host   | address      | ports    |
      | laptop | 198.51.100.7 | 5000/TCP |
    And the manifest "default-deny.yaml" is applied
    And the manifest "registry-from-all-namespaces.yaml" is applied

  Scenario: Pods of every namespace reach the registry, its own namespace included
    Then the reachability on 5000/TCP is:
      | from -> to     | platform/registry |
      | platform/cache | .                 |
      | team-a/build   | .                 |
      | team-b/build   | .                 |

  Scenario: The other pods of the platform namespace stay behind the default deny
    Then team-a/build cannot connect to platform/cache on 5000/TCP
    And platform/registry cannot connect to platform/cache on 5000/TCP

  @external
  Scenario: A host outside the cluster is not a pod of any namespace
    Then laptop cannot connect to platform/registry on 5000/TCP
